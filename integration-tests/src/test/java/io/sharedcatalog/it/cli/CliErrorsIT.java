package io.sharedcatalog.it.cli;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.sharedcatalog.it.cli.CliProcesses.CliProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failures of {@code sharedcatalog.jar} as a user sees them: exactly one {@code Error:} line on
 * standard error (no Hazelcast log lines) and the documented exit code; and a member that runs out
 * of memory dies instead of lingering.
 */
class CliErrorsIT {
  @TempDir Path workDir;
  private CliProcesses processes;
  private final String clusterName = "sc-err-it-" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeEach
  void setUp() {
    processes = new CliProcesses(workDir);
  }

  @AfterEach
  void killEverything() throws InterruptedException {
    processes.close();
  }

  private static void assertOneErrorLine(CliProcess process, int exitCode, String... mentions)
      throws InterruptedException {
    assertTrue(process.process.waitFor(90, TimeUnit.SECONDS), process::toString);
    assertEquals(exitCode, process.process.exitValue(), process::toString);
    List<String> lines = process.err().strip().lines().toList();
    assertEquals(1, lines.size(), () -> "one line on standard error: " + process);
    assertTrue(lines.get(0).startsWith("Error: "), process::toString);
    for (String mention : mentions) {
      assertTrue(lines.get(0).contains(mention), () -> mention + " in " + process);
    }
  }

  /** A client config whose connect timeout is short, so the failure comes in seconds. */
  private Path impatientClientConfig() throws Exception {
    return Files.writeString(
        workDir.resolve("client.yaml"),
        String.join(
            "\n",
            "hazelcast-client:",
            "  cluster-name: " + clusterName,
            "  connection-strategy:",
            "    connection-retry:",
            "      cluster-connect-timeout-millis: 4000",
            ""));
  }

  @Test
  void nothingListeningAtTheAddressIsOneErrorLineWithTheClusterExitCode() throws Exception {
    int port = CliProcesses.freePort();
    CliProcess run =
        processes.jar(
            "run",
            List.of("-Dhazelcast.client.config=" + impatientClientConfig()),
            "run",
            "--pipeline",
            "demo",
            "--address",
            "127.0.0.1:" + port);

    assertOneErrorLine(run, 4, "Cannot connect to cluster", "127.0.0.1:" + port);
  }

  @Test
  void aWrongClusterNameIsOneErrorLineWithTheClusterExitCode() throws Exception {
    int port = CliProcesses.freePort();
    CliProcess member =
        processes.jar(
            "member", List.of(), "member", "--cluster-name", clusterName, "--port", "" + port);
    await()
        .atMost(60, SECONDS)
        .until(() -> member.out().contains("is running") || !member.process.isAlive());
    assertTrue(member.out().contains("is running"), member::toString);

    CliProcess run =
        processes.jar(
            "run",
            List.of("-Dhazelcast.client.config=" + impatientClientConfig()),
            "run",
            "--pipeline",
            "demo",
            "--cluster-name",
            clusterName + "-wrong",
            "--address",
            "127.0.0.1:" + port);

    assertOneErrorLine(run, 4, clusterName + "-wrong", "--cluster-name");
  }

  @Test
  void aPortOutOfRangeIsOneErrorLineWithTheUsageExitCode() throws Exception {
    CliProcess member = processes.jar("member", List.of(), "member", "--port", "70000");

    assertOneErrorLine(member, 2, "70000", "--port");
  }

  @Test
  void aMemberThatRunsOutOfMemoryStopsWithItsExitCodeInsteadOfLingering() throws Exception {
    int port = CliProcesses.freePort();
    CliProcess member =
        processes.jar(
            "member",
            List.of("-Xmx96m"), // after the launcher's -Xmx256m: the last one counts
            "member",
            "--cluster-name",
            clusterName,
            "--port",
            "" + port);
    await()
        .atMost(60, SECONDS)
        .until(() -> member.out().contains("is running") || !member.process.isAlive());
    assertTrue(member.out().contains("is running"), member::toString);

    ClientConfig config = new ClientConfig();
    config.setClusterName(clusterName);
    config.getNetworkConfig().addAddress("127.0.0.1:" + port);
    config
        .getConnectionStrategyConfig()
        .getConnectionRetryConfig()
        .setClusterConnectTimeoutMillis(5_000);
    HazelcastInstance client = HazelcastClient.newHazelcastClient(config);
    try {
      IMap<Integer, byte[]> values = client.getMap("oom");
      byte[] value = new byte[8 << 20];
      await()
          .atMost(90, SECONDS)
          .until(
              () -> {
                for (int i = 0; i < 8 && member.process.isAlive(); i++) {
                  try {
                    values.set(values.size(), value);
                  } catch (RuntimeException e) {
                    break; // the member is going: its process tells the rest
                  }
                }
                return !member.process.isAlive();
              });
    } finally {
      client.getLifecycleService().terminate();
    }

    assertEquals(6, member.process.exitValue(), member::toString);
    assertTrue(member.err().contains("Error: this process ran out of memory"), member::toString);
  }
}
