package io.sharedcatalog.cluster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sharedcatalog.cluster.cli.Cli.Execution;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogCommandTest {
  @TempDir Path dir;
  private Path catalog;

  @BeforeEach
  void writeTheDemoConfig() {
    Execution written = Cli.execute("demo", "--write-config", dir.toString());
    assertEquals(0, written.exitCode(), written::toString);
    catalog = dir.resolve("catalog.yml");
    assertTrue(Files.isRegularFile(dir.resolve("parameters.yml")));
  }

  @Test
  void listShowsConfiguredDatasetsWithTheirTypes() {
    Execution execution = Cli.execute("catalog", "list", "--catalog", catalog.toString());

    assertEquals(0, execution.exitCode(), execution::toString);
    List<String> lines = execution.out().lines().toList();
    assertEquals(5, lines.size(), execution::toString);
    assertTrue(lines.get(0).matches("companies\\s+pandas.CSVDataset\\s+datasets"), lines::toString);
    assertTrue(lines.get(4).matches("regressor\\s+ObjectFileDataset\\s+datasets"), lines::toString);
  }

  @Test
  void listWithAPipelineAddsPatternMatchesAndDefaults() {
    Execution execution =
        Cli.execute("catalog", "list", "--catalog", catalog.toString(), "--pipeline", "demo");

    assertEquals(0, execution.exitCode(), execution::toString);
    assertTrue(
        execution
            .out()
            .lines()
            .anyMatch(l -> l.matches("preprocessed_shuttles\\s+\\S+\\s+factories")),
        execution::toString);
    assertTrue(
        execution
            .out()
            .lines()
            .anyMatch(l -> l.matches("X_train\\s+SharedMemoryDataset\\s+defaults")),
        execution::toString);
    assertTrue(!execution.out().contains("params:"), execution::toString);
  }

  @Test
  void patternsAreListedMostSpecificFirst() {
    Execution execution = Cli.execute("catalog", "patterns", "--catalog", catalog.toString());

    assertEquals(0, execution.exitCode(), execution::toString);
    assertEquals(List.of("preprocessed_{table}", "{default}"), execution.out().lines().toList());
  }

  @Test
  void resolveFillsPatternsForThePipelineDatasets() {
    Execution execution =
        Cli.execute("catalog", "resolve", "--catalog", catalog.toString(), "--pipeline", "demo");

    assertEquals(0, execution.exitCode(), execution::toString);
    assertTrue(
        execution.out().contains("preprocessed_companies:\n  type: SharedMemoryDataset"),
        execution::toString);
    assertTrue(
        execution.out().contains("filepath: data/06_models/regressor.bin"), execution::toString);
    assertTrue(!execution.out().contains("X_train"), "runtime defaults are left out");
  }

  @Test
  void describeGroupsThePipelineDatasetsBySourceAndType() {
    Execution execution =
        Cli.execute("catalog", "describe", "--catalog", catalog.toString(), "--pipeline", "demo");

    assertEquals(0, execution.exitCode(), execution::toString);
    String out = execution.out();
    assertTrue(out.startsWith("demo:\n  datasets:\n"), out);
    assertTrue(out.indexOf("factories:") < out.indexOf("defaults:"), out);
    assertTrue(out.contains("    ObjectFileDataset:\n    - regressor"), out);
  }

  @Test
  void unknownPipelineIsBadInputListingTheRegisteredOnes() {
    Execution execution =
        Cli.execute("catalog", "describe", "--catalog", catalog.toString(), "--pipeline", "nope");

    assertEquals(ExitCodes.BAD_INPUT, execution.exitCode(), execution::toString);
    assertTrue(execution.err().contains("demo"), execution::toString);
  }

  @Test
  void catalogOptionIsRequired() {
    Execution execution = Cli.execute("catalog", "list");

    assertEquals(ExitCodes.USAGE, execution.exitCode(), execution::toString);
    assertTrue(execution.err().contains("--catalog"), execution::toString);
  }
}
