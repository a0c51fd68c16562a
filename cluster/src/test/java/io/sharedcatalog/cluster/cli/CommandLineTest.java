package io.sharedcatalog.cluster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sharedcatalog.cluster.cli.Cli.Execution;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandLineTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "--help",
        "member --help",
        "worker --help",
        "run --help",
        "catalog --help",
        "catalog list --help",
        "catalog patterns --help",
        "catalog resolve --help",
        "catalog describe --help",
        "demo --help",
        "help run"
      })
  void helpIsPrintedOnEveryCommandAndExitsZero(String args) {
    Execution execution = Cli.execute(args.split(" "));

    assertEquals(0, execution.exitCode(), execution::toString);
    assertTrue(execution.out().contains("Usage: sharedcatalog"), execution::toString);
  }

  @Test
  void topLevelHelpListsEveryCommandAndTheExitCodes() {
    Execution execution = Cli.execute("--help");

    for (String command : new String[] {"member", "worker", "run", "catalog", "demo", "help"}) {
      assertTrue(execution.out().contains("  " + command), command + " in " + execution);
    }
    assertTrue(execution.out().contains("Exit codes:"), execution::toString);
  }

  @Test
  void versionNamesHazelcast() {
    Execution execution = Cli.execute("--version");

    assertEquals(0, execution.exitCode());
    assertTrue(execution.out().contains("Hazelcast 5.7"), execution::toString);
  }

  @Test
  void noCommandIsAUsageErrorThatNamesTheCommands() {
    Execution execution = Cli.execute();

    assertEquals(ExitCodes.USAGE, execution.exitCode());
    assertTrue(execution.err().contains("Missing a command"), execution::toString);
  }

  @Test
  void unknownCommandIsAUsageErrorWithASuggestion() {
    Execution execution = Cli.execute("memebr");

    assertEquals(ExitCodes.USAGE, execution.exitCode());
    assertTrue(execution.err().contains("Unmatched argument"), execution::toString);
    assertTrue(execution.err().contains("Did you mean: sharedcatalog member"), execution::toString);
  }

  @Test
  void unknownOptionIsAUsageErrorPointingToHelp() {
    Execution execution = Cli.execute("run", "--pipeline", "demo", "--colour");

    assertEquals(ExitCodes.USAGE, execution.exitCode());
    assertTrue(execution.err().contains("--colour"), execution::toString);
    assertTrue(execution.err().contains("sharedcatalog run --help"), execution::toString);
  }

  @Test
  void runWithoutPipelineIsAUsageError() {
    Execution execution = Cli.execute("run");

    assertEquals(ExitCodes.USAGE, execution.exitCode());
    assertTrue(execution.err().contains("--pipeline"), execution::toString);
  }

  @Test
  void unknownPipelineListsTheRegisteredOnesInOneLine() {
    Execution execution = Cli.execute("run", "--pipeline", "nope");

    assertEquals(ExitCodes.BAD_INPUT, execution.exitCode());
    assertTrue(execution.err().contains("'nope'"), execution::toString);
    assertTrue(execution.err().contains("demo"), execution::toString);
    assertEquals(1, execution.err().strip().lines().count(), execution::toString);
    assertFalse(execution.err().contains("\tat "), execution::toString);
  }

  @Test
  void verbosePrintsTheStackTrace() {
    Execution execution = Cli.execute("run", "--pipeline", "nope", "--verbose");

    assertEquals(ExitCodes.BAD_INPUT, execution.exitCode());
    assertTrue(execution.err().contains("\tat "), execution::toString);
  }

  @Test
  void paramsWithoutEqualsSignIsAUsageErrorShowingTheForm() {
    Execution execution = Cli.execute("run", "--pipeline", "demo", "--params", "rows");

    assertEquals(ExitCodes.USAGE, execution.exitCode());
    assertTrue(execution.err().contains("KEY=VALUE"), execution::toString);
    assertTrue(execution.err().contains("rows=1000"), execution::toString);
  }

  @Test
  void paramsWithAnEmptyKeyIsAUsageError() {
    Execution execution = Cli.execute("run", "--pipeline", "demo", "--params", "=5");

    assertEquals(ExitCodes.USAGE, execution.exitCode());
    assertTrue(execution.err().contains("empty key"), execution::toString);
  }

  @Test
  void unknownRunnerIsAUsageErrorListingTheRunners() {
    Execution execution = Cli.execute("run", "--pipeline", "demo", "--runner", "fast");

    assertEquals(ExitCodes.USAGE, execution.exitCode());
    assertTrue(execution.err().contains("sequential"), execution::toString);
  }

  @Test
  void malformedAddressIsAUsageError() {
    Execution execution = Cli.execute("run", "--pipeline", "demo", "--address", "localhost");

    assertEquals(ExitCodes.USAGE, execution.exitCode());
    assertTrue(execution.err().contains("HOST:PORT"), execution::toString);
  }

  @Test
  void missingCatalogFileIsBadInputNamingTheFile(@TempDir Path dir) {
    Path missing = dir.resolve("nowhere/catalog.yml");

    Execution execution = Cli.execute("run", "--pipeline", "demo", "--catalog", missing.toString());

    assertEquals(ExitCodes.BAD_INPUT, execution.exitCode());
    assertTrue(execution.err().contains(missing.toString()), execution::toString);
    assertTrue(execution.err().contains("does not exist"), execution::toString);
  }

  @Test
  void catalogThatIsADirectoryIsBadInput(@TempDir Path dir) {
    Execution execution = Cli.execute("catalog", "list", "--catalog", dir.toString());

    assertEquals(ExitCodes.BAD_INPUT, execution.exitCode());
    assertTrue(execution.err().contains("a directory"), execution::toString);
  }

  @Test
  void unparsableCatalogYamlIsBadInputNamingTheFile(@TempDir Path dir) throws Exception {
    Path catalog = Files.writeString(dir.resolve("catalog.yml"), "a: [unclosed\n");

    Execution execution = Cli.execute("run", "--pipeline", "demo", "--catalog", catalog.toString());

    assertEquals(ExitCodes.BAD_INPUT, execution.exitCode());
    assertTrue(execution.err().contains(catalog.toString()), execution::toString);
  }

  @Test
  void catalogWithoutSubcommandIsAUsageError() {
    Execution execution = Cli.execute("catalog");

    assertEquals(ExitCodes.USAGE, execution.exitCode());
    assertTrue(
        execution.err().contains("list, patterns, resolve, describe, catalogs, release or drop"),
        execution::toString);
  }
}
