package io.sharedcatalog.cluster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sharedcatalog.cluster.cli.Cli.Execution;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every bad option value is a usage error: exit code 2 and one Error: line, before any start. */
class BadOptionValuesTest {

  private static void assertOneUsageLine(Execution execution, String... mentions) {
    assertEquals(ExitCodes.USAGE, execution.exitCode(), execution::toString);
    List<String> lines = execution.err().strip().lines().toList();
    assertEquals(1, lines.size(), execution::toString);
    assertTrue(lines.get(0).startsWith("Error: "), execution::toString);
    for (String mention : mentions) {
      assertTrue(lines.get(0).contains(mention), () -> mention + " in " + execution);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"70000", "0", "-1", "65536", "abc", "5701x"})
  void aPortOutOfRangeOrNotANumberIsAUsageError(String port) {
    Execution execution = Cli.execute("member", "--port", port);

    assertOneUsageLine(execution, "--port", port, "1 to 65535");
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1:70000", "127.0.0.1:0", "localhost", "host:port"})
  void anAddressWithoutAValidPortIsAUsageErrorOfEveryCommandThatTakesOne(String address) {
    assertOneUsageLine(Cli.execute("worker", "--address", address), address);
    assertOneUsageLine(Cli.execute("run", "--pipeline", "demo", "--address", address), address);
  }

  @Test
  void badNumbersAndChoicesAreUsageErrors() {
    assertOneUsageLine(Cli.execute("run", "--pipeline", "demo", "--workers", "-1"), "--workers");
    assertOneUsageLine(Cli.execute("run", "--pipeline", "demo", "--workers", "many"), "--workers");
    assertOneUsageLine(Cli.execute("run", "--pipeline", "demo", "--runner", "fast"), "sequential");
    assertOneUsageLine(Cli.execute("run", "--pipeline", "demo", "--params", "rows"), "KEY=VALUE");
  }

  @Test
  void unknownOptionsAndCommandsAreOneLineWithTheSuggestionAndTheHelp() {
    assertOneUsageLine(
        Cli.execute("run", "--pipeline", "demo", "--colour"), "--colour", "run --help");
    assertOneUsageLine(Cli.execute("memebr"), "Did you mean: sharedcatalog member", "--help");
    assertOneUsageLine(Cli.execute("member", "--prot", "5701"), "--prot", "member --help");
  }

  @Test
  void theHelpListsTheOutOfMemoryExitCode() {
    Execution execution = Cli.execute("--help");

    assertTrue(
        execution.out().contains(ExitCodes.OUT_OF_MEMORY + "   Out of memory"),
        execution::toString);
  }
}
