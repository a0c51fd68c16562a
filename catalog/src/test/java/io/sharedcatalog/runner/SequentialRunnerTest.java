package io.sharedcatalog.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sharedcatalog.catalog.DataCatalog;
import io.sharedcatalog.catalog.MemoryDataset;
import io.sharedcatalog.catalog.TextDataset;
import io.sharedcatalog.pipeline.Pipeline;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SequentialRunnerTest extends RunnerContractTest {

  @Override
  protected Runner runner() {
    return new SequentialRunner();
  }

  @Test
  void nodesRunInThePipelinesTopologicalOrder() {
    DataCatalog catalog = newCatalog();
    catalog.putData("raw", "r");
    Pipeline pipeline =
        Pipeline.of(
            append("z_first", "raw", "one"),
            append("a_second", "one", "two"),
            append("m_side", "raw", "side"));

    RunResult result = runner().run(pipeline, catalog);

    assertEquals(List.of("m_side", "z_first", "a_second"), result.completedNodes());
    assertEquals(pipeline.nodes().stream().map(n -> n.name()).toList(), result.completedNodes());
  }

  @Test
  void configuredAndPatternMatchedFilesAreInputsAndOutputsAndTheRestIsRuntimeMemory()
      throws Exception {
    Files.writeString(tempDir.resolve("raw.txt"), "raw text");
    DataCatalog catalog =
        DataCatalog.fromConfig(
            Map.of(
                "{name}_file", Map.of("type", "TextDataset", "filepath", tempDir + "/{name}.txt")));
    Pipeline pipeline =
        Pipeline.of(append("shout", "raw_file", "loud"), append("store", "loud", "report_file"));

    RunResult result = runner().run(pipeline, catalog);

    assertEquals("raw text+shout+store", Files.readString(tempDir.resolve("report.txt")));
    assertTrue(result.outputs().get("report_file") instanceof TextDataset);
    assertTrue(catalog.get("loud") instanceof MemoryDataset);
    assertFalse(catalog.exists("loud"), "the intermediate was released");
  }
}
