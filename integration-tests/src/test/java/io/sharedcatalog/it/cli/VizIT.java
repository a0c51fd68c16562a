package io.sharedcatalog.it.cli;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sharedcatalog.it.cli.CliProcesses.CliProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code viz --address} from the jar follows a run driven by another process on a member, whose
 * nodes a remote worker runs: a node shows as running on that worker while it runs, and every node
 * as done once the run is over.
 */
class VizIT {
  private static final Pattern WORKER_ID = Pattern.compile("Worker (\\S+) connected");

  @TempDir Path workDir;
  private CliProcesses processes;
  private final String clusterName = "sc-viz-it-" + UUID.randomUUID().toString().substring(0, 8);
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void setUp() {
    processes = new CliProcesses(workDir);
  }

  @AfterEach
  void killEverything() throws InterruptedException {
    processes.close();
  }

  @Test
  void vizOfAClusterShowsTheRunningNodeOnItsWorkerThenEveryNodeDone() throws Exception {
    int port = CliProcesses.freePort();
    String address = "127.0.0.1:" + port;
    CliProcess member =
        processes.jar(
            "member", List.of(), "member", "--cluster-name", clusterName, "--port", "" + port);
    awaitOutput(member, "is running");
    CliProcess worker =
        processes.withItPipelines(
            "worker", "worker", "--cluster-name", clusterName, "--address", address);
    awaitOutput(worker, "connected to cluster");
    Matcher workerId = WORKER_ID.matcher(worker.out());
    assertTrue(workerId.find(), worker::toString);
    int vizPort = CliProcesses.freePort();
    CliProcess viz =
        processes.withItPipelines(
            "viz",
            "viz",
            "--pipeline",
            CliItPipelines.SQUARES,
            "--cluster-name",
            clusterName,
            "--address",
            address,
            "--port",
            "" + vizPort);
    awaitOutput(viz, "following its runs on cluster '" + clusterName + "'");
    URI page = URI.create("http://127.0.0.1:" + vizPort + "/");
    assertTrue(get(page.resolve("api/state")).contains("\"status\":\"none\""), viz::toString);
    assertTrue(get(page.resolve("api/pipeline")).contains("task:square_evens"), viz::toString);

    CliProcess run =
        processes.withItPipelines(
            "run",
            "run",
            "--pipeline",
            CliItPipelines.SQUARES,
            "--params",
            "n=100",
            "--params",
            "delay_ms=3000",
            "--cluster-name",
            clusterName,
            "--address",
            address);

    String runningOnWorker =
        "\"square_evens\":{\"state\":\"running\",\"attempt\":1,\"worker\":\""
            + workerId.group(1)
            + "\"";
    await()
        .atMost(90, SECONDS)
        .until(
            () ->
                get(page.resolve("api/state")).contains(runningOnWorker) || !run.process.isAlive());
    assertTrue(get(page.resolve("api/state")).contains(runningOnWorker), () -> viz + "\n" + run);

    assertTrue(run.process.waitFor(120, TimeUnit.SECONDS), run::toString);
    assertEquals(0, run.process.exitValue(), run::toString);
    await()
        .atMost(10, SECONDS)
        .until(() -> get(page.resolve("api/state")).contains("\"status\":\"succeeded\""));
    String state = get(page.resolve("api/state"));
    for (String node : List.of("numbers", "square_evens", "square_odds", "total")) {
      assertTrue(state.contains("\"" + node + "\":{\"state\":\"done\""), node + ": " + state);
    }
  }

  private String get(URI uri) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), uri::toString);
    return response.body();
  }

  private static void awaitOutput(CliProcess process, String text) {
    await()
        .atMost(60, SECONDS)
        .until(() -> process.out().contains(text) || !process.process.isAlive());
    assertTrue(process.out().contains(text), process::toString);
  }
}
