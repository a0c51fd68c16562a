package io.sharedcatalog.it.cli;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sharedcatalog.it.cli.CliProcesses.CliProcess;
import java.nio.file.Files;
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

/** {@code sharedcatalog.jar} as separate processes: member, workers and runs, with crashes. */
class CliClusterIT {
  private static final Pattern WORKER_ID = Pattern.compile("Worker (\\S+) connected");
  private static final Pattern SLOW_NODE_STARTED =
      Pattern.compile("node square_(?:evens|odds) STARTED \\(attempt 1, worker ([^,)]+)");

  @TempDir Path workDir;
  private CliProcesses processes;
  private final String clusterName = "sc-cli-it-" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeEach
  void setUp() {
    processes = new CliProcesses(workDir);
  }

  @AfterEach
  void killEverything() throws InterruptedException {
    processes.close();
  }

  @Test
  void theDemoRunsOnAMemberAndTwoWorkersStartedFromTheJar() throws Exception {
    int port = CliProcesses.freePort();
    String address = "127.0.0.1:" + port;
    CliProcess config = processes.jar("write-config", List.of(), "demo", "--write-config", "conf");
    assertTrue(config.process.waitFor(60, TimeUnit.SECONDS), config::toString);
    assertEquals(0, config.process.exitValue(), config::toString);
    CliProcess member =
        processes.jar(
            "member", List.of(), "member", "--cluster-name", clusterName, "--port", "" + port);
    awaitOutput(member, "is running");
    CliProcess workerA = startWorker("worker-a", address, false);
    CliProcess workerB = startWorker("worker-b", address, false);

    CliProcess run =
        processes.jar(
            "run",
            List.of(),
            "run",
            "--pipeline",
            "demo",
            "--catalog",
            "conf/catalog.yml",
            "--params",
            "rows=3000",
            "--cluster-name",
            clusterName,
            "--address",
            address);

    assertTrue(run.process.waitFor(120, TimeUnit.SECONDS), run::toString);
    assertEquals(0, run.process.exitValue(), run::toString);
    Matcher r2 = Pattern.compile("metrics = Metrics\\[r2=([0-9.]+)").matcher(run.out());
    assertTrue(r2.find(), run::toString);
    assertTrue(Double.parseDouble(r2.group(1)) > 0.8, run::toString);
    assertTrue(run.out().contains("Completed 9 of 9 nodes"), run::toString);
    String ids = workerId(workerA) + "|" + workerId(workerB);
    assertTrue(
        Pattern.compile(
                "("
                    + Pattern.quote(workerId(workerA))
                    + "|"
                    + Pattern.quote(workerId(workerB))
                    + ")")
            .matcher(run.out())
            .find(),
        "the timing table names a remote worker (" + ids + "): " + run);
    assertTrue(Files.isDirectory(workDir.resolve("data/06_models/regressor.bin")), run::toString);
  }

  @Test
  void aWorkerKilledMidNodeDoesNotFailTheRun() throws Exception {
    int port = CliProcesses.freePort();
    String address = "127.0.0.1:" + port;
    CliProcess member =
        processes.jar(
            "member", List.of(), "member", "--cluster-name", clusterName, "--port", "" + port);
    awaitOutput(member, "is running");
    CliProcess workerA = startWorker("worker-a", address, true);
    CliProcess workerB = startWorker("worker-b", address, true);

    CliProcess run = startSquaresRun(List.of("--address", address), 2000, 4000);
    await()
        .atMost(90, SECONDS)
        .until(() -> SLOW_NODE_STARTED.matcher(run.err()).find() || !run.process.isAlive());
    Matcher started = SLOW_NODE_STARTED.matcher(run.err());
    assertTrue(started.find(), run::toString);
    CliProcess victim = started.group(1).equals(workerId(workerA)) ? workerA : workerB;
    assertEquals(started.group(1), workerId(victim), "the worker that started the node");
    victim.kill();

    assertTrue(run.process.waitFor(120, TimeUnit.SECONDS), run::toString);
    assertEquals(0, run.process.exitValue(), run::toString);
    assertTrue(run.out().contains("total = " + CliItPipelines.sumOfSquares(2000)), run::toString);
    assertTrue(run.out().contains("taken back"), run::toString);
  }

  @Test
  void aMemberKilledMidRunAmongThreeDoesNotFailTheRun() throws Exception {
    int[] ports = {CliProcesses.freePort(), CliProcesses.freePort(), CliProcesses.freePort()};
    Path config = writeMemberConfig(ports);
    CliProcess[] members = new CliProcess[3];
    for (int i = 0; i < 3; i++) {
      members[i] =
          processes.jar(
              "member-" + i,
              List.of(),
              "member",
              "--config",
              config.toString(),
              "--port",
              "" + ports[i]);
    }
    for (CliProcess member : members) {
      awaitOutput(member, "is running");
    }
    await()
        .atMost(60, SECONDS)
        .until(
            () ->
                members[0].err().contains("(3 members)")
                    || members[0].out().contains("(3 members)"));

    CliProcess run =
        startSquaresRun(
            List.of(
                "--address", "127.0.0.1:" + ports[0],
                "--address", "127.0.0.1:" + ports[1],
                "--address", "127.0.0.1:" + ports[2],
                "--workers", "2"),
            3000,
            4000);
    await()
        .atMost(90, SECONDS)
        .until(() -> SLOW_NODE_STARTED.matcher(run.err()).find() || !run.process.isAlive());
    assertTrue(run.process.isAlive(), run::toString);
    members[1].kill();

    assertTrue(run.process.waitFor(120, TimeUnit.SECONDS), run::toString);
    assertEquals(0, run.process.exitValue(), run::toString);
    assertTrue(run.out().contains("total = " + CliItPipelines.sumOfSquares(3000)), run::toString);
  }

  @Test
  void runAgainstAnAddressWhereNothingListensFailsFastWithAClearMessage() throws Exception {
    int port = CliProcesses.freePort();
    Path clientConfig =
        Files.writeString(
            workDir.resolve("client.yaml"),
            String.join(
                "\n",
                "hazelcast-client:",
                "  cluster-name: " + clusterName,
                "  connection-strategy:",
                "    connection-retry:",
                "      cluster-connect-timeout-millis: 2000",
                ""));

    long start = System.nanoTime();
    CliProcess run =
        processes.jar(
            "run",
            List.of("-Dhazelcast.client.config=" + clientConfig),
            "run",
            "--pipeline",
            "demo",
            "--address",
            "127.0.0.1:" + port);

    assertTrue(run.process.waitFor(60, TimeUnit.SECONDS), run::toString);
    double seconds = (System.nanoTime() - start) / 1e9;
    assertEquals(4, run.process.exitValue(), run::toString);
    assertTrue(run.err().contains("Cannot connect to cluster"), run::toString);
    assertTrue(run.err().contains("127.0.0.1:" + port), run::toString);
    assertTrue(!run.err().contains("\tat "), "no stack trace without --verbose: " + run);
    assertTrue(seconds < 60, "took " + seconds + " s");
  }

  private CliProcess startWorker(String name, String address, boolean withItPipelines) {
    String[] args = {"worker", "--cluster-name", clusterName, "--address", address};
    CliProcess worker =
        withItPipelines
            ? processes.withItPipelines(name, args)
            : processes.jar(name, List.of(), args);
    awaitOutput(worker, "connected to cluster");
    return worker;
  }

  private CliProcess startSquaresRun(List<String> clusterArgs, int n, int delayMillis) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "run",
                "--pipeline",
                CliItPipelines.SQUARES,
                "--params",
                "n=" + n,
                "--params",
                "delay_ms=" + delayMillis,
                "--cluster-name",
                clusterName));
    args.addAll(clusterArgs);
    return processes.withItPipelines("run", args.toArray(String[]::new));
  }

  private static String workerId(CliProcess worker) {
    Matcher matcher = WORKER_ID.matcher(worker.out());
    assertTrue(matcher.find(), worker::toString);
    return matcher.group(1);
  }

  private static void awaitOutput(CliProcess process, String text) {
    await()
        .atMost(60, SECONDS)
        .until(() -> process.out().contains(text) || !process.process.isAlive());
    assertTrue(process.out().contains(text), process::toString);
  }

  private Path writeMemberConfig(int[] ports) throws Exception {
    StringBuilder members = new StringBuilder();
    for (int port : ports) {
      members.append("          - 127.0.0.1:").append(port).append('\n');
    }
    return Files.writeString(
        workDir.resolve("hazelcast.yaml"),
        "hazelcast:\n"
            + "  cluster-name: "
            + clusterName
            + "\n"
            + "  properties:\n"
            + "    hazelcast.phone.home.enabled: false\n"
            + "    hazelcast.logging.type: slf4j\n"
            + "    hazelcast.socket.bind.any: false\n"
            + "  network:\n"
            + "    join:\n"
            + "      auto-detection:\n"
            + "        enabled: false\n"
            + "      multicast:\n"
            + "        enabled: false\n"
            + "      tcp-ip:\n"
            + "        enabled: true\n"
            + "        member-list:\n"
            + members
            + "    interfaces:\n"
            + "      enabled: true\n"
            + "      interfaces:\n"
            + "        - 127.0.0.1\n"
            + "  map:\n"
            + "    default:\n"
            + "      backup-count: 1\n");
  }
}
