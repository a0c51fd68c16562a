package io.sharedcatalog.runner.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sharedcatalog.pipeline.Node;
import io.sharedcatalog.pipeline.Pipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineWidthTest {
  private static Node node(String name, List<String> inputs, String output) {
    return Node.of(name, inputs, List.of(output), in -> Map.of(output, 1));
  }

  @Test
  void theWidthIsTheLargestSetOfNodesNoTwoOfWhichDependOnEachOther() {
    assertEquals(0, PipelineWidth.of(Pipeline.of(List.of())));
    assertEquals(
        1, PipelineWidth.of(Pipeline.of(node("a", List.of(), "x"), node("b", List.of("x"), "y"))));
    // Kedro's bound nodes - layers + 1 says 3 here; only two can run at once:
    // a -> b -> c and d -> e, with e also after a.
    Pipeline twoChains =
        Pipeline.of(
            node("a", List.of(), "x"),
            node("b", List.of("x"), "y"),
            node("c", List.of("y"), "z"),
            node("d", List.of(), "u"),
            node("e", List.of("u", "x"), "v"));
    assertEquals(2, PipelineWidth.of(twoChains));
    // a source fanning out to five nodes
    List<Node> fan = new ArrayList<>(List.of(node("s", List.of(), "s")));
    for (int i = 0; i < 5; i++) {
      fan.add(node("n" + i, List.of("s"), "o" + i));
    }
    assertEquals(5, PipelineWidth.of(Pipeline.of(fan)));
  }

  @Test
  void workersAreAtMostTheWidthAndAtMostAsked() {
    List<Node> fan = new ArrayList<>(List.of(node("s", List.of(), "s")));
    for (int i = 0; i < 5; i++) {
      fan.add(node("n" + i, List.of("s"), "o" + i));
    }
    Pipeline pipeline = Pipeline.of(fan);
    assertEquals(5, PipelineWidth.workersFor(pipeline, 16));
    assertEquals(3, PipelineWidth.workersFor(pipeline, 3));
    assertEquals(0, PipelineWidth.workersFor(pipeline, 0));
    assertEquals(1, PipelineWidth.workersFor(Pipeline.of(List.of()), 4));
  }

  @Test
  void largePipelinesUseKedrosBoundWhichIsNeverBelowTheWidth() {
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i <= PipelineWidth.EXACT_LIMIT; i++) {
      nodes.add(node("n" + i, List.of(), "o" + i)); // all independent
    }
    assertEquals(PipelineWidth.EXACT_LIMIT + 1, PipelineWidth.of(Pipeline.of(nodes)));
  }
}
