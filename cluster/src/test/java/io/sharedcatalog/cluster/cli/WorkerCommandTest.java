package io.sharedcatalog.cluster.cli;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.client.HazelcastClient;
import io.sharedcatalog.cluster.cli.Cli.Execution;
import io.sharedcatalog.cluster.testing.TestCluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class WorkerCommandTest {

  @Test
  void aWorkerRunsTheNodesOfARunStartedWithAnAddress(@TempDir Path dir) throws Exception {
    try (TestCluster cluster = TestCluster.withMembers(1)) {
      String address = cluster.firstMemberAddress();
      StringWriter workerOut = new StringWriter();
      CommandLine worker = Main.commandLine();
      worker.setOut(new PrintWriter(workerOut, true));
      worker.setErr(new PrintWriter(new StringWriter(), true));
      CompletableFuture<Integer> workerExit =
          CompletableFuture.supplyAsync(
              () ->
                  worker.execute(
                      "worker", "--cluster-name", cluster.clusterName(), "--address", address));
      try {
        await().atMost(30, SECONDS).until(() -> workerOut.toString().contains("connected"));
        Matcher id = Pattern.compile("Worker (\\S+) connected").matcher(workerOut.toString());
        assertTrue(id.find(), workerOut::toString);
        Path catalog = Cli.writeDemoConfig(dir);

        Execution run =
            Cli.execute(
                "run",
                "--pipeline",
                "demo",
                "--catalog",
                catalog.toString(),
                "--params",
                "rows=500",
                "--cluster-name",
                cluster.clusterName(),
                "--address",
                address);

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains(id.group(1)), "nodes ran on the worker: " + run);
      } finally {
        // the worker command ends when its client is shut down, also when an assertion failed
        HazelcastClient.getAllHazelcastClients().stream()
            .filter(client -> client.getConfig().getClusterName().equals(cluster.clusterName()))
            .forEach(client -> client.shutdown());
      }
      assertEquals(0, workerExit.orTimeout(30, SECONDS).join());
    }
  }

  @Test
  void aWorkerWithNoMemberToReachFailsWithAClusterError(@TempDir Path dir) throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("client.yaml"),
            "hazelcast-client:\n"
                + "  connection-strategy:\n"
                + "    connection-retry:\n"
                + "      cluster-connect-timeout-millis: 1000\n");

    Execution execution =
        Cli.execute(
            "worker",
            "--client-config",
            config.toString(),
            "--address",
            "127.0.0.1:" + TestCluster.freePort());

    assertEquals(ExitCodes.CLUSTER, execution.exitCode(), execution::toString);
    assertTrue(execution.err().contains("Cannot connect to cluster"), execution::toString);
  }
}
