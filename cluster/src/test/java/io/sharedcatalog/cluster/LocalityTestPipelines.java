package io.sharedcatalog.cluster;

import io.sharedcatalog.pipeline.Node;
import io.sharedcatalog.pipeline.Pipeline;
import io.sharedcatalog.pipeline.PipelineRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The pipeline of {@link ParallelRunnerLocalityTest}, registered through {@code META-INF/services}
 * so that {@link Worker}s find it by name: {@value #CHAIN}, {@code loc0 -> loc_1 -> loc1 -> ... ->
 * loc}{@value #LENGTH}, each node appending to a {@code String}.
 *
 * <p>This class is thread-safe.
 */
public final class LocalityTestPipelines implements PipelineRegistry {
  /** The chain's registered name. */
  public static final String CHAIN = "locality-test-chain";

  /** How many nodes the chain has. */
  public static final int LENGTH = 6;

  @Override
  public Map<String, Pipeline> pipelines() {
    List<Node> nodes = new ArrayList<>();
    for (int i = 1; i <= LENGTH; i++) {
      String in = "loc" + (i - 1);
      String out = "loc" + i;
      int step = i;
      nodes.add(
          Node.of("loc_" + i, List.of(in), List.of(out), v -> Map.of(out, v.get(in) + "," + step)));
    }
    return Map.of(CHAIN, Pipeline.of(nodes));
  }
}
