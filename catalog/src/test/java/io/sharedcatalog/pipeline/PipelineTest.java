package io.sharedcatalog.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PipelineTest {

  private static final NodeFunction NOTHING = inputs -> Map.of();

  private static Node node(String name, List<String> inputs, List<String> outputs) {
    return Node.of(name, inputs, outputs, NOTHING);
  }

  private static List<String> names(Pipeline pipeline) {
    return pipeline.nodes().stream().map(Node::name).toList();
  }

  /** raw -> clean -> features -> model, clean -> report; prices is a second source. */
  private static Pipeline diamond() {
    return Pipeline.of(
        node("train", List.of("features", "params:alpha"), List.of("model")),
        node("report", List.of("clean"), List.of("summary")),
        node("featurize", List.of("clean", "prices"), List.of("features")),
        node("clean_up", List.of("raw"), List.of("clean")),
        node("load_prices", List.of(), List.of("prices")));
  }

  @Test
  void nodesAreInTopologicalGroupsWithTiesBrokenByName() {
    assertEquals(
        List.of("clean_up", "load_prices", "featurize", "report", "train"), names(diamond()));
  }

  @Test
  void topologicalOrderDoesNotDependOnTheOrderNodesAreGiven() {
    Pipeline pipeline = diamond();
    List<Node> reversed = new java.util.ArrayList<>(pipeline.nodes());
    java.util.Collections.reverse(reversed);
    assertEquals(names(pipeline), names(Pipeline.of(reversed)));
  }

  @Test
  void inputsOutputsAndDatasetsFollowTheGraph() {
    Pipeline pipeline = diamond();
    assertEquals(Set.of("raw", "params:alpha"), pipeline.inputs());
    assertEquals(Set.of("model", "summary"), pipeline.outputs());
    assertEquals(
        Set.of("raw", "clean", "prices", "features", "params:alpha", "model", "summary"),
        pipeline.datasets());
  }

  @Test
  void duplicateNodeNamesAreRefusedWithTheName() {
    PipelineException e =
        assertThrows(
            PipelineException.class,
            () ->
                Pipeline.of(
                    node("same", List.of("a"), List.of("b")),
                    node("same", List.of("c"), List.of("d"))));
    assertTrue(e.getMessage().contains("unique names"), e.getMessage());
    assertTrue(e.getMessage().contains("same"), e.getMessage());
  }

  @Test
  void aDatasetProducedByTwoNodesIsRefusedNamingBothNodesAndTheDataset() {
    PipelineException e =
        assertThrows(
            PipelineException.class,
            () ->
                Pipeline.of(
                    node("first", List.of(), List.of("shared")),
                    node("second", List.of("x"), List.of("shared"))));
    assertTrue(e.getMessage().contains("'shared' by nodes 'first', 'second'"), e.getMessage());
  }

  @Test
  void aCycleIsRefusedNamingItsNodesAndDatasetsButNotNodesDownstreamOfIt() {
    PipelineException e =
        assertThrows(
            PipelineException.class,
            () ->
                Pipeline.of(
                    node("start", List.of(), List.of("a")),
                    node("ping", List.of("a", "c"), List.of("b")),
                    node("pong", List.of("b"), List.of("c", "d")),
                    node("after", List.of("d"), List.of("e"))));
    String message = e.getMessage();
    assertTrue(message.contains("Circular dependencies"), message);
    assertTrue(message.contains("nodes 'ping', 'pong'"), message);
    assertTrue(message.contains("datasets 'b', 'c'"), message);
    assertTrue(!message.contains("after") && !message.contains("start"), message);
  }

  @Test
  void nodesCheckTheirOwnDefinition() {
    assertThrows(NullPointerException.class, () -> Node.of(null, List.of(), List.of(), NOTHING));
    assertThrows(PipelineException.class, () -> Node.of(" ", List.of(), List.of(), NOTHING));
    PipelineException twice =
        assertThrows(
            PipelineException.class, () -> Node.of("n", List.of("a", "a"), List.of(), NOTHING));
    assertTrue(twice.getMessage().contains("'a' more than once"), twice.getMessage());
    PipelineException loop =
        assertThrows(
            PipelineException.class, () -> Node.of("n", List.of("a"), List.of("a"), NOTHING));
    assertTrue(loop.getMessage().contains("Node 'n'"), loop.getMessage());
  }

  @Test
  void onlyNodesKeepsExactlyTheNamedNodes() {
    Pipeline only = diamond().onlyNodes("train", "clean_up");
    assertEquals(List.of("clean_up", "train"), names(only));
    assertEquals(Set.of("raw", "features", "params:alpha"), only.inputs());
  }

  @Test
  void fromNodesAddsEverythingDownstream() {
    assertEquals(List.of("featurize", "train"), names(diamond().fromNodes("featurize")));
    assertEquals(
        List.of("clean_up", "featurize", "report", "train"),
        names(diamond().fromNodes("clean_up")));
  }

  @Test
  void toNodesAddsEverythingUpstream() {
    assertEquals(
        List.of("clean_up", "load_prices", "featurize", "train"),
        names(diamond().toNodes("train")));
    assertEquals(List.of("clean_up", "report"), names(diamond().toNodes("report")));
  }

  @Test
  void filtersNameEveryUnknownNodeAndListTheKnownOnes() {
    PipelineException e =
        assertThrows(PipelineException.class, () -> diamond().fromNodes("train", "nope", "gone"));
    assertTrue(e.getMessage().contains("'gone', 'nope'"), e.getMessage());
    assertTrue(e.getMessage().contains("'clean_up'"), e.getMessage());
  }

  @Test
  void plusMergesEqualNodesAndChecksTheCombination() {
    Pipeline pipeline = diamond();
    Pipeline merged = pipeline.onlyNodes("clean_up", "report").plus(pipeline.toNodes("train"));
    assertEquals(names(pipeline), names(merged));
    assertThrows(
        PipelineException.class,
        () -> pipeline.plus(Pipeline.of(node("other", List.of(), List.of("clean")))));
  }

  @Test
  void anEmptyPipelineHasNoNodesAndNoDatasets() {
    Pipeline empty = Pipeline.of();
    assertTrue(empty.nodes().isEmpty());
    assertTrue(empty.datasets().isEmpty());
  }
}
