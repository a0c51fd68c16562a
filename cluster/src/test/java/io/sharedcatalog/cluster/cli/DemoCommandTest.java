package io.sharedcatalog.cluster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sharedcatalog.cluster.cli.Cli.Execution;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

  @Test
  void theDemoEndsWithTheMetricsAndATimingRowPerNode(@TempDir Path dir) {
    Execution execution =
        Cli.execute("demo", "--rows", "1000", "--workers", "2", "--data-dir", dir.toString());

    assertEquals(0, execution.exitCode(), execution::toString);
    assertTrue(execution.out().contains("Model metrics on "), execution::toString);
    assertTrue(execution.out().contains("R² 0.9"), execution::toString);
    for (String node :
        new String[] {
          "generate_companies", "generate_shuttles", "generate_reviews", "preprocess_companies",
          "preprocess_shuttles", "create_model_input_table", "split_data", "train_model",
          "evaluate_model"
        }) {
      assertTrue(
          execution.out().lines().anyMatch(line -> line.strip().startsWith(node + " ")),
          node + " in " + execution);
    }
    assertTrue(Files.isDirectory(dir.resolve("data/06_models/regressor.bin")), execution::toString);
    for (String file :
        new String[] {
          "01_raw/companies.csv",
          "01_raw/reviews.csv",
          "01_raw/shuttles.xlsx",
          "03_primary/model_input_table.parquet"
        }) {
      assertTrue(Files.isRegularFile(dir.resolve("data").resolve(file)), file + ": " + execution);
    }
  }

  @Test
  void nonPositiveRowsAreAUsageError() {
    Execution execution = Cli.execute("demo", "--rows", "0");

    assertEquals(ExitCodes.USAGE, execution.exitCode(), execution::toString);
    assertTrue(execution.err().contains("--rows"), execution::toString);
  }
}
