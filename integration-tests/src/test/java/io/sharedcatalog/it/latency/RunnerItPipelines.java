package io.sharedcatalog.it.latency;

import io.sharedcatalog.pipeline.Node;
import io.sharedcatalog.pipeline.Pipeline;
import io.sharedcatalog.pipeline.PipelineRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The pipeline {@link RunnerRoundTripsIT} runs, registered through {@code META-INF/services} so
 * that the workers find it by name: {@value #CHAIN}, {@code r0 -> rt1 -> r1 -> ... -> r}{@value
 * #LENGTH}, each node adding one to an {@code int}.
 *
 * <p>This class is thread-safe.
 */
public final class RunnerItPipelines implements PipelineRegistry {
  /** The chain's registered name. */
  public static final String CHAIN = "runner-rtt-chain";

  /** How many nodes the chain has. */
  public static final int LENGTH = 6;

  @Override
  public Map<String, Pipeline> pipelines() {
    return Map.of(CHAIN, chain());
  }

  static Pipeline chain() {
    List<Node> nodes = new ArrayList<>();
    for (int i = 1; i <= LENGTH; i++) {
      String in = "r" + (i - 1);
      String out = "r" + i;
      nodes.add(
          Node.of("rt" + i, List.of(in), List.of(out), v -> Map.of(out, (int) v.get(in) + 1)));
    }
    return Pipeline.of(nodes);
  }
}
