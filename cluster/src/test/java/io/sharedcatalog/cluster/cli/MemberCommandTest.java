package io.sharedcatalog.cluster.cli;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.cluster.cli.Cli.Execution;
import io.sharedcatalog.cluster.testing.TestCluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MemberCommandTest {
  private final String clusterName = "sc-cli-" + UUID.randomUUID().toString().substring(0, 8);

  @AfterEach
  void stopMembers() {
    instance().ifPresent(member -> member.getLifecycleService().terminate());
  }

  @Test
  void memberPrintsItsAddressAndRunsUntilStopped() {
    int port = TestCluster.freePort();
    StringWriter out = new StringWriter();
    CommandLine commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(new StringWriter(), true));

    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () ->
                commandLine.execute(
                    "member", "--cluster-name", clusterName, "--port", String.valueOf(port)));

    await().atMost(30, SECONDS).until(() -> out.toString().contains("127.0.0.1:" + port));
    assertTrue(out.toString().contains("'" + clusterName + "'"), out::toString);
    assertTrue(!exit.isDone(), "the member must keep running");

    instance().orElseThrow().shutdown();

    assertEquals(0, exit.orTimeout(30, SECONDS).join());
  }

  @Test
  void portAlreadyInUseIsAClearClusterError() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Execution execution =
          Cli.execute(
              "member",
              "--cluster-name",
              clusterName,
              "--port",
              String.valueOf(taken.getLocalPort()));

      assertEquals(ExitCodes.CLUSTER, execution.exitCode(), execution::toString);
      assertTrue(execution.err().contains("Port " + taken.getLocalPort()), execution::toString);
      assertTrue(execution.err().contains("already in use"), execution::toString);
      assertTrue(execution.err().contains("--port"), execution::toString);
    }
  }

  @Test
  void missingConfigFileIsBadInput(@TempDir Path dir) {
    Execution execution = Cli.execute("member", "--config", dir.resolve("absent.yaml").toString());

    assertEquals(ExitCodes.BAD_INPUT, execution.exitCode(), execution::toString);
    assertTrue(execution.err().contains("absent.yaml"), execution::toString);
  }

  @Test
  void invalidConfigFileIsBadInput(@TempDir Path dir) throws Exception {
    Path config = Files.writeString(dir.resolve("hazelcast.yaml"), "hazelcast:\n  nonsense: [\n");

    Execution execution = Cli.execute("member", "--config", config.toString());

    assertEquals(ExitCodes.BAD_INPUT, execution.exitCode(), execution::toString);
    assertTrue(execution.err().contains("--config"), execution::toString);
  }

  @Test
  void portOutOfRangeIsReported() {
    Execution execution = Cli.execute("member", "--port", "70000");

    assertTrue(execution.exitCode() != 0, execution::toString);
    assertTrue(execution.err().contains("70000"), execution::toString);
  }

  @Test
  void joinThatIsNotHostPortIsAUsageError() {
    Execution execution = Cli.execute("member", "--join", "localhost");

    assertEquals(ExitCodes.USAGE, execution.exitCode(), execution::toString);
    assertTrue(
        execution.err().contains("--join 'localhost' is not HOST:PORT"), execution::toString);
  }

  @Test
  void aMemberAloneOnAnotherPortThanTheConfigsWarnsOnceOnStandardError() {
    int port = TestCluster.freePort();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));

    CompletableFuture.runAsync(
        () ->
            commandLine.execute(
                "member", "--cluster-name", clusterName, "--port", String.valueOf(port)));

    await().atMost(30, SECONDS).until(() -> err.toString().contains("--join"));
    String warning = err.toString().strip();
    assertEquals(1, warning.lines().count(), warning);
    assertTrue(warning.contains("port " + port + " is alone"), warning);
    assertTrue(warning.contains("the config's port is 5701"), warning);
  }

  private Optional<HazelcastInstance> instance() {
    return Hazelcast.getAllHazelcastInstances().stream()
        .filter(member -> member.getConfig().getClusterName().equals(clusterName))
        .findFirst();
  }
}
