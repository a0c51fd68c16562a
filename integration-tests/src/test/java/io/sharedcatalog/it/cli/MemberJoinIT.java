package io.sharedcatalog.it.cli;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sharedcatalog.it.cli.CliProcesses.CliProcess;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code member --port P --join HOST:PORT} from the jar: two local members form one cluster. */
class MemberJoinIT {
  @TempDir Path workDir;
  private CliProcesses processes;
  private final String clusterName = "sc-join-it-" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeEach
  void setUp() {
    processes = new CliProcesses(workDir);
  }

  @AfterEach
  void killEverything() throws InterruptedException {
    processes.close();
  }

  @Test
  void aSecondMemberOnAnotherPortJoinsTheFirstWithJoin() {
    int firstPort = CliProcesses.freePort();
    int secondPort = CliProcesses.freePort();
    CliProcess first = member("member-1", "--port", "" + firstPort);
    awaitOutput(first, "is running");
    // Alone on a port other than the config's 5701: it says so, and how to join.
    await().atMost(30, SECONDS).until(() -> first.err().contains("--join HOST:PORT"));
    assertTrue(first.err().contains("is alone in cluster '" + clusterName + "'"), first::toString);

    CliProcess second =
        member("member-2", "--port", "" + secondPort, "--join", "127.0.0.1:" + firstPort);
    awaitOutput(second, "is running");

    assertTrue(second.out().contains("(2 members)"), second::toString);
    assertFalse(second.err().contains("is alone"), second::toString);
    await()
        .atMost(30, SECONDS)
        .until(() -> first.err().contains("Member joined: [127.0.0.1]:" + secondPort));
    assertTrue(first.err().contains("(2 members)"), first::toString);
  }

  @Test
  void withoutJoinTheSecondMemberOnAnotherPortStaysAloneAndWarns() {
    int firstPort = CliProcesses.freePort();
    int secondPort = CliProcesses.freePort();
    CliProcess first = member("member-1", "--port", "" + firstPort);
    awaitOutput(first, "is running");

    CliProcess second = member("member-2", "--port", "" + secondPort);
    awaitOutput(second, "is running");

    assertTrue(second.out().contains("(1 member)"), second::toString);
    await().atMost(30, SECONDS).until(() -> second.err().contains("--join HOST:PORT"));
    assertTrue(second.err().contains("127.0.0.1:" + secondPort), second::toString);
  }

  private CliProcess member(String name, String... args) {
    List<String> command = new java.util.ArrayList<>(List.of("member", "--cluster-name"));
    command.add(clusterName);
    command.addAll(List.of(args));
    return processes.jar(name, List.of(), command.toArray(String[]::new));
  }

  private static void awaitOutput(CliProcess process, String text) {
    await()
        .atMost(60, SECONDS)
        .until(() -> process.out().contains(text) || !process.process.isAlive());
    assertTrue(process.out().contains(text), process::toString);
  }
}
