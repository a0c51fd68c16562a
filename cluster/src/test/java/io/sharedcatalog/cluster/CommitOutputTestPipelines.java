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

  /**
   * The registered name of {@code many -> m1..m6}, {@code collect: m1..m6 -> total_length}, six
   * outputs of {@value #MANY_BYTES} bytes each: small one by one, too many for one commit.
   */
  public static final String MANY_OUTPUTS = "commit-outputs-many-test";

  /** The size of each of the six outputs. */
  public static final int MANY_BYTES = 15_000;

  @Override
  public Map<String, Pipeline> pipelines() {
    List<String> many = List.of("m1", "m2", "m3", "m4", "m5", "m6");
    Pipeline manyOutputs =
        Pipeline.of(
            Node.of(
                "many",
                List.of("seed"),
                many,
                in -> {
                  Map<String, Object> out = new java.util.LinkedHashMap<>();
                  for (String name : many) {
                    out.put(name, new byte[MANY_BYTES]);
                  }
                  return out;
                }),
            Node.of(
                "collect",
                many,
                List.of("total_length"),
                in ->
                    Map.of(
                        "total_length",
                        in.values().stream().mapToInt(v -> ((byte[]) v).length).sum())));
    return Map.of(
        MANY_OUTPUTS,
        manyOutputs,
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
