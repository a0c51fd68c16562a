package io.sharedcatalog.bench;

import io.sharedcatalog.pipeline.Node;
import io.sharedcatalog.pipeline.Pipeline;
import io.sharedcatalog.pipeline.PipelineRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The pipelines of {@link PipelineBenchmark}, registered through {@code META-INF/services} so that
 * the forked {@code worker} processes find them by name:
 *
 * <ul>
 *   <li>{@value #FAN}: {@code src -> x0}, {@code n1..n200: x0 -> y_i}, {@code sum: y_1..y_200 ->
 *       total}, the per-node overhead probe (the shape of Kedro's anchor script);
 *   <li>{@value #BIG}: {@code produce -> big} (256 MiB {@code byte[]}), {@code consume: big ->
 *       big_size};
 *   <li>{@value #CHAIN}: {@code c1 -> v1 -> c2 -> v2 -> c3 -> v3 -> c4 -> chain_size}, each {@code
 *       v_i} 64 MiB.
 * </ul>
 *
 * <p>This class is thread-safe.
 */
public final class BenchPipelines implements PipelineRegistry {
  /** The fan pipeline's registered name. */
  public static final String FAN = "bench_fan";

  /** The produce→consume pipeline's registered name. */
  public static final String BIG = "bench_big";

  /** The chain pipeline's registered name. */
  public static final String CHAIN = "bench_chain";

  /** How many middle nodes the fan has. */
  public static final int FAN_WIDTH = 200;

  /** The produce→consume value's size. */
  public static final int BIG_BYTES = 256 << 20;

  /** The size of each value the chain passes on. */
  public static final int CHAIN_BYTES = 64 << 20;

  @Override
  public Map<String, Pipeline> pipelines() {
    return Map.of(FAN, fan(), BIG, big(), CHAIN, chain());
  }

  static Pipeline fan() {
    List<Node> nodes = new ArrayList<>();
    nodes.add(Node.of("src", List.of(), List.of("x0"), in -> Map.of("x0", 1)));
    List<String> ys = new ArrayList<>();
    for (int i = 1; i <= FAN_WIDTH; i++) {
      String y = "y" + i;
      ys.add(y);
      nodes.add(
          Node.of("n" + i, List.of("x0"), List.of(y), in -> Map.of(y, (int) in.get("x0") + 1)));
    }
    nodes.add(
        Node.of(
            "sum",
            ys,
            List.of("total"),
            in -> Map.of("total", in.values().stream().mapToInt(v -> (int) v).sum())));
    return Pipeline.of(nodes);
  }

  static Pipeline big() {
    return Pipeline.of(
        Node.of("produce", List.of(), List.of("big"), in -> Map.of("big", filled(BIG_BYTES, 1))),
        Node.of(
            "consume",
            List.of("big"),
            List.of("big_size"),
            in -> Map.of("big_size", ((byte[]) in.get("big")).length)));
  }

  static Pipeline chain() {
    return Pipeline.of(
        Node.of("c1", List.of(), List.of("v1"), in -> Map.of("v1", filled(CHAIN_BYTES, 1))),
        Node.of("c2", List.of("v1"), List.of("v2"), in -> Map.of("v2", next(in.get("v1")))),
        Node.of("c3", List.of("v2"), List.of("v3"), in -> Map.of("v3", next(in.get("v2")))),
        Node.of(
            "c4",
            List.of("v3"),
            List.of("chain_size"),
            in -> Map.of("chain_size", ((byte[]) in.get("v3")).length)));
  }

  private static byte[] filled(int size, int seed) {
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i += 4096) {
      bytes[i] = (byte) (seed + i / 4096); // not all zero, without spending the run on filling
    }
    return bytes;
  }

  private static byte[] next(Object previous) {
    byte[] bytes = Arrays.copyOf((byte[]) previous, ((byte[]) previous).length);
    bytes[0]++;
    return bytes;
  }
}
