package io.sharedcatalog.runner.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sharedcatalog.catalog.DataCatalog;
import io.sharedcatalog.pipeline.Node;
import io.sharedcatalog.pipeline.Pipeline;
import io.sharedcatalog.runner.RunOptions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunPlanTest {

  private static Node node(String name, List<String> inputs, List<String> outputs) {
    return Node.of(name, inputs, outputs, in -> Map.of());
  }

  /** a, b sources; c reads both; d reads c. */
  private final Pipeline pipeline =
      Pipeline.of(
          node("a", List.of(), List.of("x")),
          node("b", List.of(), List.of("y")),
          node("c", List.of("x", "y"), List.of("z")),
          node("d", List.of("z"), List.of("out")));

  private final DataCatalog catalog = new DataCatalog();

  private RunPlan plan() {
    for (String dataset : pipeline.datasets()) {
      catalog.get(dataset, true);
    }
    return new RunPlan(pipeline, catalog, RunOptions.defaults(), "test-run");
  }

  private static List<String> names(List<Node> nodes) {
    return nodes.stream().map(Node::name).toList();
  }

  @Test
  void nodesBecomeReadyWhenTheirProducersCompleteWithinTheLimit() {
    RunPlan plan = plan();
    assertEquals(List.of("a"), names(plan.startReadyNodes(1)));
    assertEquals(List.of("b"), names(plan.startReadyNodes()));
    assertEquals(List.of(), names(plan.startReadyNodes()));
    plan.nodeCompleted("b");
    assertEquals(List.of(), names(plan.startReadyNodes()));
    plan.nodeCompleted("a");
    assertEquals(List.of("c"), names(plan.startReadyNodes()));
    plan.nodeCompleted("c");
    assertEquals(List.of("d"), names(plan.startReadyNodes()));
    assertFalse(plan.isFinished());
    plan.nodeCompleted("d");
    assertTrue(plan.isComplete() && plan.isFinished());
    assertEquals(List.of("b", "a", "c", "d"), plan.completedNodes());
  }

  @Test
  void afterAFailureNothingStartsAndTheRunEndsWhenRunningNodesEnd() {
    RunPlan plan = plan();
    plan.startReadyNodes();
    IllegalStateException cause = new IllegalStateException("a broke");
    plan.nodeFailed("a", cause);
    assertTrue(plan.hasFailed());
    assertFalse(plan.isFinished(), "b still runs");
    plan.nodeCompleted("b");
    assertEquals(List.of(), plan.startReadyNodes());
    assertTrue(plan.isFinished());
    assertEquals("a", plan.failedNode().orElseThrow());
    assertEquals(cause, plan.failure().orElseThrow());
  }

  @Test
  void aRepeatedCompletionIsIgnoredAndAnUnstartedOneRefused() {
    RunPlan plan = plan();
    plan.startReadyNodes();
    assertTrue(plan.nodeCompleted("a"));
    assertFalse(plan.nodeCompleted("a"));
    assertThrows(IllegalStateException.class, () -> plan.nodeCompleted("d"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> plan.nodeCompleted("nope"));
    assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
  }

  @Test
  void intermediatesAreReleasedWhenTheirLastReaderCompletes() {
    RunPlan plan = plan();
    plan.startReadyNodes();
    catalog.save("x", 1);
    catalog.save("y", 2);
    plan.nodeCompleted("a");
    plan.nodeCompleted("b");
    plan.startReadyNodes();
    assertTrue(catalog.exists("x"));
    catalog.save("z", 3);
    plan.nodeCompleted("c");
    assertFalse(catalog.exists("x"));
    assertFalse(catalog.exists("y"));
    assertTrue(catalog.exists("z"));
  }
}
