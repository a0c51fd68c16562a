package io.sharedcatalog.it.parallel;

import io.sharedcatalog.pipeline.Node;
import io.sharedcatalog.pipeline.Pipeline;
import io.sharedcatalog.pipeline.PipelineRegistry;
import java.util.List;
import java.util.Map;

/**
 * The pipelines the parallel ITs run, registered through {@code META-INF/services} so that forked
 * workers find them by name: {@value #SLOW}, {@code a -> source -> x -> slow -> y -> sink -> z},
 * where {@code slow} takes {@value #SLOW_NODE_MILLIS} ms (long enough to kill its worker mid-node).
 *
 * <p>This class is thread-safe.
 */
public final class ParallelItPipelines implements PipelineRegistry {
  /** The pipeline's registered name. */
  public static final String SLOW = "parallel-it-slow";

  /** How long the slow node works. */
  public static final long SLOW_NODE_MILLIS = 3_000;

  @Override
  public Map<String, Pipeline> pipelines() {
    return Map.of(SLOW, slow());
  }

  static Pipeline slow() {
    return Pipeline.of(
        Node.of("source", List.of("a"), List.of("x"), in -> Map.of("x", (int) in.get("a") + 1)),
        Node.of(
            "slow",
            List.of("x"),
            List.of("y"),
            in -> {
              Thread.sleep(SLOW_NODE_MILLIS); // the work itself, not a wait for a condition
              return Map.of("y", (int) in.get("x") * 10);
            }),
        Node.of("sink", List.of("y"), List.of("z"), in -> Map.of("z", (int) in.get("y") + 1)));
  }
}
