package io.sharedcatalog.cluster;

import io.sharedcatalog.pipeline.Node;
import io.sharedcatalog.pipeline.Pipeline;
import io.sharedcatalog.pipeline.PipelineRegistry;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The pipeline of {@link ParallelRunnerSmallOutputsTest}, registered through {@code
 * META-INF/services} so that {@link Worker}s find it by name: {@value #MAKE_AND_USE}, {@code make
 * -> (tiny, large)}, {@code use: (tiny, large) -> summary}, where {@code tiny} is a short string
 * and {@code large} a {@value #LARGE_BYTES}-byte array (over the size a commit carries).
 *
 * <p>This class is thread-safe.
 */
public final class CommitOutputTestPipelines implements PipelineRegistry {
  /** The pipeline's registered name. */
  public static final String MAKE_AND_USE = "commit-outputs-test";

  /** The size of the large output. */
  public static final int LARGE_BYTES = 100_000;

  @Override
  public Map<String, Pipeline> pipelines() {
    return Map.of(
        MAKE_AND_USE,
        Pipeline.of(
            Node.of(
                "make",
                List.of("seed"),
                List.of("tiny", "large"),
                in -> {
                  byte[] large = new byte[LARGE_BYTES];
                  Arrays.fill(large, (byte) 7);
                  return Map.of("tiny", "tiny-" + in.get("seed"), "large", large);
                }),
            Node.of(
                "use",
                List.of("tiny", "large"),
                List.of("summary"),
                in ->
                    Map.of("summary", in.get("tiny") + ":" + ((byte[]) in.get("large")).length))));
  }
}
