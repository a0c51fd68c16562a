package io.sharedcatalog.cluster;

import io.sharedcatalog.pipeline.Node;
import io.sharedcatalog.pipeline.Pipeline;
import io.sharedcatalog.pipeline.PipelineRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The pipeline of {@code WorkerTest}'s wake-up test, registered through {@code META-INF/services}:
 * {@value #PAIR_THEN_ONE}, {@code left: seed -> l} and {@code right: seed -> r}, which can only
 * finish together (each waits for the other at a barrier, up to {@value #BARRIER_SECONDS} s), then
 * {@code join: (l, r) -> joined}, which works for {@value #JOIN_MILLIS} ms. A worker with two
 * threads runs the pair on both; while {@code join} runs on one thread the other waits on the run's
 * ready queue, and is still waiting there when the run ends.
 *
 * <p>This class is thread-safe.
 */
public final class WakeTestPipelines implements PipelineRegistry {
  /** The pipeline's registered name. */
  public static final String PAIR_THEN_ONE = "wake-test-pair-then-one";

  /** How long each of the pair waits for the other. */
  public static final int BARRIER_SECONDS = 30;

  /** How long {@code join} works. */
  public static final int JOIN_MILLIS = 300;

  private static final CyclicBarrier PAIR = new CyclicBarrier(2);

  @Override
  public Map<String, Pipeline> pipelines() {
    return Map.of(
        PAIR_THEN_ONE,
        Pipeline.of(
            Node.of("left", List.of("seed"), List.of("l"), in -> Map.of("l", meet(in.get("seed")))),
            Node.of(
                "right", List.of("seed"), List.of("r"), in -> Map.of("r", meet(in.get("seed")))),
            Node.of(
                "join",
                List.of("l", "r"),
                List.of("joined"),
                in -> {
                  try {
                    Thread.sleep(JOIN_MILLIS); // the node's work, not a wait for a condition
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  return Map.of("joined", in.get("l") + "+" + in.get("r"));
                })));
  }

  private static Object meet(Object seed) {
    try {
      PAIR.await(BARRIER_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted at the pair's barrier", e);
    } catch (BrokenBarrierException | TimeoutException e) {
      throw new IllegalStateException(
          "the other node of the pair did not run at the same time (" + e + ")", e);
    }
    return seed;
  }
}
