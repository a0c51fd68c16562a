package io.sharedcatalog.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sharedcatalog.catalog.DataCatalog;
import io.sharedcatalog.catalog.DatasetException;
import io.sharedcatalog.catalog.MemoryDataset;
import io.sharedcatalog.catalog.TextDataset;
import io.sharedcatalog.pipeline.Node;
import io.sharedcatalog.pipeline.Parameters;
import io.sharedcatalog.pipeline.Pipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link Runner} shares, run against each implementation (as Iceberg's
 * CatalogTests). Subclasses provide the runner and may provide the catalog.
 */
public abstract class RunnerContractTest {

  @TempDir protected Path tempDir;

  /** Events written by nodes ("ran NAME") and by {@link RecordingDataset} ("released NAME"). */
  protected final Queue<String> events = new ConcurrentLinkedQueue<>();

  /**
   * Returns the runner under test.
   *
   * @return the runner
   */
  protected abstract Runner runner();

  /**
   * Returns a new empty catalog for one test.
   *
   * @return the catalog
   */
  protected DataCatalog newCatalog() {
    return new DataCatalog();
  }

  /**
   * Returns a new catalog from Kedro-shaped config, for one test.
   *
   * @param config entries and patterns
   * @return the catalog
   */
  protected DataCatalog newCatalog(Map<String, Object> config) {
    return DataCatalog.fromConfig(config);
  }

  /**
   * Whether a memory dataset registered in this runner's catalog is ephemeral (Kedro's {@code
   * _EPHEMERAL}): true for in-process catalogs; a connected shared catalog keeps values beyond the
   * run, so there only names the catalog does not hold are ephemeral (API.md, {@code isEphemeral}).
   *
   * @return true if registered memory datasets are ephemeral
   */
  protected boolean registeredMemoryIsEphemeral() {
    return true;
  }

  /** Registers an empty memory dataset where its catalog makes them ephemeral (Kedro's tests). */
  private void registerEphemeral(DataCatalog catalog, String... names) {
    if (registeredMemoryIsEphemeral()) {
      for (String name : names) {
        catalog.put(name, new MemoryDataset<>());
      }
    } // else: left out of the catalog, which makes them ephemeral in every catalog
  }

  private void persistent(DataCatalog catalog, String name, boolean exists) throws Exception {
    if (exists) {
      Files.writeString(Path.of(textFile(name)), "from an earlier run");
    }
    catalog.put(name, new TextDataset(textFile(name)));
  }

  private static final RunOptions ONLY_MISSING =
      RunOptions.builder().onlyMissingOutputs(true).build();

  /** A node adding "+name" to its single string input, recording that it ran. */
  protected Node append(String name, String input, String output) {
    return Node.of(
        name,
        List.of(input),
        List.of(output),
        inputs -> {
          events.add("ran " + name);
          return Map.of(output, inputs.get(input) + "+" + name);
        });
  }

  protected String textFile(String name) {
    return tempDir.resolve(name + ".txt").toString();
  }

  @Test
  void runsEveryNodeAfterItsInputsAndReturnsThePipelineOutputsUnloaded() {
    DataCatalog catalog = newCatalog();
    catalog.putData("raw", "raw");
    Pipeline pipeline =
        Pipeline.of(
            append("report", "clean", "summary"),
            append("clean_up", "raw", "clean"),
            Node.of(
                "combine",
                List.of("clean", "summary"),
                List.of("combined"),
                inputs -> Map.of("combined", inputs.get("clean") + "|" + inputs.get("summary"))));

    RunResult result = runner().run(pipeline, catalog);

    assertEquals(List.of("clean_up", "report", "combine"), result.completedNodes());
    assertEquals(List.of("combined"), List.copyOf(result.outputs().keySet()));
    assertEquals("raw+clean_up|raw+clean_up+report", result.outputs().get("combined").load());
    assertEquals("raw+clean_up|raw+clean_up+report", catalog.load("combined", String.class));
    assertFalse(result.duration().isNegative());
  }

  @Test
  void everyMissingPipelineInputIsListedBeforeAnyNodeRuns() {
    DataCatalog catalog = newCatalog();
    catalog.putData("present", "x");
    AtomicBoolean sourceRan = new AtomicBoolean();
    Pipeline pipeline =
        Pipeline.of(
            Node.of(
                "source",
                List.of(),
                List.of("made"),
                inputs -> {
                  sourceRan.set(true);
                  return Map.of("made", "m");
                }),
            Node.of("first", List.of("made", "missing_a", "present"), List.of("b"), in -> in),
            Node.of("second", List.of("b", "missing_z"), List.of("c"), in -> in));

    DatasetException e =
        assertThrows(DatasetException.class, () -> runner().run(pipeline, catalog));

    assertTrue(e.getMessage().contains("missing_a"), e.getMessage());
    assertTrue(e.getMessage().contains("missing_z"), e.getMessage());
    assertFalse(e.getMessage().contains("present"), e.getMessage());
    assertFalse(sourceRan.get());
  }

  @Test
  void intermediatesAreReleasedAfterTheirLastReaderAndInputsAndOutputsAreKept() {
    DataCatalog catalog = newCatalog();
    catalog.putData("raw", "raw");
    catalog.put("clean", new RecordingDataset("clean", events));
    Pipeline pipeline =
        Pipeline.of(
            append("clean_up", "raw", "clean"),
            append("feature", "clean", "features"),
            Node.of(
                "train",
                List.of("clean", "features"),
                List.of("model"),
                inputs -> {
                  events.add("ran train");
                  return Map.of("model", "model of " + inputs.get("features"));
                }));

    runner().run(pipeline, catalog);

    List<String> order = new ArrayList<>(events);
    assertEquals(1, order.stream().filter("released clean"::equals).count(), order.toString());
    assertTrue(order.indexOf("released clean") > order.indexOf("ran train"), order.toString());
    assertTrue(order.indexOf("released clean") > order.indexOf("ran feature"), order.toString());
    // "features" came from the runtime pattern and is released too; input and output stay.
    assertFalse(catalog.exists("features"));
    assertTrue(catalog.exists("raw"));
    assertEquals("model of raw+clean_up+feature", catalog.load("model", String.class));
  }

  @Test
  void parametersPutIntoTheCatalogReachTheNodes() {
    DataCatalog catalog = newCatalog();
    Parameters.putInto(catalog, Map.of("model", Map.of("depth", 3), "seed", 7));
    Pipeline pipeline =
        Pipeline.of(
            Node.of(
                "describe",
                List.of("params:model.depth", "params:seed", "parameters"),
                List.of("description"),
                inputs ->
                    Map.of(
                        "description",
                        inputs.get("params:model.depth")
                            + "/"
                            + inputs.get("params:seed")
                            + "/"
                            + ((Map<?, ?>) inputs.get("parameters")).keySet().size())));

    runner().run(pipeline, catalog);

    assertEquals("3/7/2", catalog.load("description", String.class));
  }

  @Test
  void aNodeReturningAMissingOrExtraOutputFailsNamingTheDataset() {
    DataCatalog catalog = newCatalog();
    Pipeline missing =
        Pipeline.of(Node.of("forgetful", List.of(), List.of("wanted"), in -> Map.of()));
    RunFailedException e1 =
        assertThrows(RunFailedException.class, () -> runner().run(missing, catalog));
    assertEquals("forgetful", e1.nodeName());
    assertInstanceOf(DatasetException.class, e1.getCause());
    assertTrue(e1.getCause().getMessage().contains("wanted"), e1.getCause().getMessage());

    Pipeline extra =
        Pipeline.of(
            Node.of(
                "generous",
                List.of(),
                List.of("wanted"),
                in -> Map.of("wanted", 1, "surprise", 2)));
    RunFailedException e2 =
        assertThrows(RunFailedException.class, () -> runner().run(extra, newCatalog()));
    assertTrue(e2.getCause().getMessage().contains("surprise"), e2.getCause().getMessage());
  }

  @Test
  void aFailingNodeStopsTheRunNamesTheNodeAndKeepsItsException() {
    DataCatalog catalog = newCatalog();
    catalog.putData("raw", "raw");
    IllegalStateException boom = new IllegalStateException("boom");
    Pipeline pipeline =
        Pipeline.of(
            append("first", "raw", "a"),
            Node.of(
                "breaking",
                List.of("a"),
                List.of("b"),
                inputs -> {
                  throw boom;
                }),
            append("after", "b", "c"));

    RunFailedException e =
        assertThrows(RunFailedException.class, () -> runner().run(pipeline, catalog));

    assertEquals("breaking", e.nodeName());
    assertSame(boom, e.getCause());
    assertTrue(e.getMessage().contains("'breaking'"), e.getMessage());
    assertFalse(events.contains("ran after"));
  }

  @Test
  void theResumeSuggestionStartsFromTheNearestNodesWithPersistedInputs() {
    DataCatalog catalog = newCatalog();
    catalog.putData("raw", "raw");
    catalog.put("stored", new TextDataset(textFile("stored")));
    Pipeline pipeline =
        Pipeline.of(
            append("a_load", "raw", "memory_1"),
            append("b_store", "memory_1", "stored"),
            append("c_reload", "stored", "memory_2"),
            Node.of(
                "d_fail",
                List.of("memory_2"),
                List.of("out"),
                inputs -> {
                  throw new IllegalArgumentException("bad data");
                }));

    RunFailedException e =
        assertThrows(RunFailedException.class, () -> runner().run(pipeline, catalog));

    // memory_2 is gone, so c_reload must run again; it reads the persisted "stored".
    assertEquals("d_fail", e.nodeName());
    assertEquals(List.of("c_reload"), e.resumeFromNodes());
    assertTrue(e.getMessage().contains("--from-nodes \"c_reload\""), e.getMessage());
  }

  @Test
  void whenTheFirstNodeFailsThereIsNothingToResumeFrom() {
    DataCatalog catalog = newCatalog();
    Pipeline pipeline =
        Pipeline.of(
            Node.of(
                "source",
                List.of(),
                List.of("x"),
                inputs -> {
                  throw new java.io.IOException("disk gone");
                }));
    RunFailedException e =
        assertThrows(RunFailedException.class, () -> runner().run(pipeline, catalog));
    assertEquals(List.of(), e.resumeFromNodes());
    assertInstanceOf(java.io.IOException.class, e.getCause());
  }

  @Test
  void onlyMissingOutputsSkipsNodesWhosePersistedOutputsExist() throws Exception {
    Files.writeString(Path.of(textFile("clean")), "from an earlier run");
    DataCatalog catalog = newCatalog();
    catalog.putData("raw", "raw");
    catalog.put("clean", new TextDataset(textFile("clean")));
    catalog.put("report", new TextDataset(textFile("report")));
    Pipeline pipeline =
        Pipeline.of(append("clean_up", "raw", "clean"), append("reporting", "clean", "report"));
    RunOptions options = RunOptions.builder().onlyMissingOutputs(true).build();

    RunResult first = runner().run(pipeline, catalog, options);
    assertEquals(List.of("reporting"), first.completedNodes());
    assertEquals("from an earlier run+reporting", catalog.load("report", String.class));

    RunResult second = runner().run(pipeline, catalog, options);
    assertEquals(List.of(), second.completedNodes());
  }

  @Test
  void onlyMissingOutputsRunsAProducerWhoseEphemeralOutputARunningNodeNeeds() {
    DataCatalog catalog = newCatalog();
    catalog.putData("raw", "raw");
    catalog.putData("memory", "stale value");
    catalog.put("report", new TextDataset(textFile("report")));
    Pipeline pipeline =
        Pipeline.of(append("make", "raw", "memory"), append("reporting", "memory", "report"));

    RunResult result =
        runner().run(pipeline, catalog, RunOptions.builder().onlyMissingOutputs(true).build());

    if (registeredMemoryIsEphemeral()) {
      assertEquals(List.of("make", "reporting"), result.completedNodes());
      assertEquals("raw+make+reporting", catalog.load("report", String.class));
    } else {
      // Changed with API.md's isEphemeral: in a connected catalog the value outlives runs, so it
      // counts as a persisted output that exists, and its producer is not re-run.
      assertEquals(List.of("reporting"), result.completedNodes());
      assertEquals("stale value+reporting", catalog.load("report", String.class));
    }
  }

  @Test
  void onlyMissingOutputsRunsAProducerWhoseUnregisteredOutputARunningNodeNeeds() {
    DataCatalog catalog = newCatalog();
    catalog.putData("raw", "raw");
    catalog.put("report", new TextDataset(textFile("report")));
    Pipeline pipeline =
        Pipeline.of(append("make", "raw", "memory"), append("reporting", "memory", "report"));

    RunResult result = runner().run(pipeline, catalog, ONLY_MISSING);

    assertEquals(List.of("make", "reporting"), result.completedNodes());
    assertEquals("raw+make+reporting", catalog.load("report", String.class));
  }

  // Kedro's tests/runner/test_only_missing_outputs.py, on every runner.

  @Test
  void onlyMissingOutputsSkipsAWastefulNodeWhoseEphemeralOutputOnlyASkippedNodeReads()
      throws Exception {
    DataCatalog catalog = newCatalog();
    catalog.putData("input", "input");
    registerEphemeral(catalog, "memA", "memC");
    persistent(catalog, "persistentB", true);
    Pipeline pipeline =
        Pipeline.of(
            append("nodeA", "input", "memA"),
            Node.of(
                "nodeB",
                List.of("memA", "memC"),
                List.of("persistentB"),
                in -> Map.of("persistentB", in.get("memA"))),
            append("nodeC", "input", "memC"));

    RunResult result = runner().run(pipeline, catalog, ONLY_MISSING);

    assertEquals(List.of(), result.completedNodes());
    assertTrue(events.isEmpty(), events.toString());
    assertEquals("from an earlier run", catalog.load("persistentB", String.class));
  }

  @Test
  void onlyMissingOutputsOnAComplexTopologyRunsOnlyTheBranchesWithMissingOutputs()
      throws Exception {
    DataCatalog catalog = newCatalog();
    catalog.putData("input1", "data1");
    catalog.putData("input2", "data2");
    registerEphemeral(catalog, "memA", "memC", "memE");
    persistent(catalog, "persistentA", true);
    persistent(catalog, "persistentC", false);
    persistent(catalog, "persistentE", false);
    Pipeline pipeline =
        Pipeline.of(
            append("nodeA", "input1", "memA"),
            append("nodeB", "memA", "persistentA"),
            append("nodeC", "input1", "memC"),
            append("nodeD", "memC", "persistentC"),
            append("nodeE", "input2", "memE"),
            append("nodeF", "memE", "persistentE"));

    RunResult result = runner().run(pipeline, catalog, ONLY_MISSING);

    assertEquals(
        java.util.Set.of("nodeC", "nodeD", "nodeE", "nodeF"),
        java.util.Set.copyOf(result.completedNodes()));
    assertEquals(4, result.completedNodes().size());
    assertEquals("from an earlier run", catalog.load("persistentA", String.class));
    assertEquals("data1+nodeC+nodeD", catalog.load("persistentC", String.class));
    assertEquals("data2+nodeE+nodeF", catalog.load("persistentE", String.class));
  }

  @Test
  void onlyMissingOutputsRunsANodeWhoseFactoryPatternOutputIsPersistentAndMissing() {
    DataCatalog catalog =
        newCatalog(
            Map.of(
                "output_{param}",
                Map.of(
                    "type", "TextDataset", "filepath", tempDir.resolve("{param}.txt").toString())));
    catalog.putData("input", "test_data");
    Pipeline pipeline = Pipeline.of(append("node1", "input", "output_test"));

    RunResult first = runner().run(pipeline, catalog, ONLY_MISSING);
    assertEquals(List.of("node1"), first.completedNodes());
    assertEquals("test_data+node1", catalog.load("output_test", String.class));

    RunResult second = runner().run(pipeline, catalog, ONLY_MISSING);
    assertEquals(List.of(), second.completedNodes());
  }

  @Test
  void onlyMissingOutputsSkipsANodeWhoseOnlyOutputIsNotInTheCatalog() {
    DataCatalog catalog = newCatalog();
    catalog.putData("input", "test_data");
    Pipeline pipeline = Pipeline.of(append("node1", "input", "output_test"));

    RunResult result = runner().run(pipeline, catalog, ONLY_MISSING);

    // Kedro's factory-pattern-ephemeral case: the output would become a runtime dataset.
    assertEquals(List.of(), result.completedNodes());
    assertFalse(events.contains("ran node1"));
  }

  @Test
  void theRunIdOfTheOptionsIsTheResultsAndOneIsGeneratedOtherwise() {
    Pipeline pipeline = Pipeline.of(Node.of("n", List.of(), List.of("x"), in -> Map.of("x", 1)));
    RunResult named =
        runner().run(pipeline, newCatalog(), RunOptions.builder().runId("nightly-7").build());
    assertEquals("nightly-7", named.runId());
    assertFalse(runner().run(pipeline, newCatalog()).runId().isBlank());
  }
}
