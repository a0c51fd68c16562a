package io.sharedcatalog.cluster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.Hazelcast;
import io.sharedcatalog.cluster.cli.Cli.Execution;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
  @TempDir Path dir;
  private Path catalog;

  @BeforeEach
  void writeTheDemoConfigWithItsFilesInTheTempDir() throws Exception {
    catalog = Cli.writeDemoConfig(dir);
  }

  @Test
  void runsTheDemoWithParamsFromTheFileAndTheCommandLine() {
    Execution execution =
        Cli.execute(
            "run",
            "--pipeline",
            "demo",
            "--catalog",
            catalog.toString(),
            "--runner",
            "sequential",
            "--params",
            "rows=800",
            "--params",
            "model_options.test_size=0.5");

    assertEquals(0, execution.exitCode(), execution::toString);
    Matcher testRows = Pattern.compile("testRows=(\\d+)").matcher(execution.out());
    assertTrue(testRows.find(), execution::toString);
    int rows = Integer.parseInt(testRows.group(1));
    assertTrue(rows > 300 && rows <= 400, "half of ~780 usable rows: " + rows);
    assertTrue(execution.out().contains("Completed 9 of 9 nodes"), execution::toString);
    assertTrue(Files.isDirectory(dir.resolve("models/regressor.bin")), "the file dataset");
    assertTrue(Hazelcast.getAllHazelcastInstances().isEmpty(), "the embedded member is stopped");
  }

  @Test
  void runsTheDemoWithTheParallelRunnerOnLocalWorkersFromANode() {
    Execution execution =
        Cli.execute(
            "run",
            "--pipeline",
            "demo",
            "--catalog",
            catalog.toString(),
            "--workers",
            "2",
            "--params",
            "rows=600");

    assertEquals(0, execution.exitCode(), execution::toString);
    assertTrue(execution.out().contains("metrics = Metrics[r2="), execution::toString);
    assertTrue(execution.out().contains("worker"), "timing table with workers: " + execution);
  }

  @Test
  void aFailingNodeExitsWithItsOwnCodeAndNamesTheNode() {
    Execution execution =
        Cli.execute(
            "run",
            "--pipeline",
            "demo",
            "--catalog",
            catalog.toString(),
            "--runner",
            "sequential",
            "--params",
            "rows=-5");

    assertEquals(ExitCodes.NODE_FAILED, execution.exitCode(), execution::toString);
    assertTrue(execution.err().contains("generate_"), execution::toString);
    assertTrue(execution.err().contains("rows=N"), "the node's own message: " + execution);
    assertEquals(1, execution.err().strip().lines().count(), execution::toString);
    assertFalse(execution.err().contains("\tat "), execution::toString);
  }

  @Test
  void fromNodesNamingAnUnknownNodeIsBadInput() {
    Execution execution =
        Cli.execute(
            "run", "--pipeline", "demo", "--catalog", catalog.toString(), "--from-nodes", "nope");

    assertEquals(ExitCodes.BAD_INPUT, execution.exitCode(), execution::toString);
    assertTrue(execution.err().contains("nope"), execution::toString);
  }
}
