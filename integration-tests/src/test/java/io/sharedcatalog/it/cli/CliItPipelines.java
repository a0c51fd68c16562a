package io.sharedcatalog.it.cli;

import io.sharedcatalog.pipeline.Node;
import io.sharedcatalog.pipeline.Pipeline;
import io.sharedcatalog.pipeline.PipelineRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The pipeline the command-line ITs add with {@code -cp}, as a user adds a jar of pipelines:
 * {@value #SQUARES}: {@code numbers} (1..{@code params:n}) feeds two slow nodes, {@code
 * square_evens} and {@code square_odds} (each works {@code params:delay_ms} before summing the
 * squares of its half), and {@code total} adds them: the sum of squares 1..n.
 *
 * <p>This class is thread-safe.
 */
public final class CliItPipelines implements PipelineRegistry {
  /** The pipeline's registered name. */
  public static final String SQUARES = "cli-it-squares";

  @Override
  public Map<String, Pipeline> pipelines() {
    return Map.of(SQUARES, squares());
  }

  /** The expected {@code total} for {@code n}. */
  public static long sumOfSquares(int n) {
    return (long) n * (n + 1) * (2L * n + 1) / 6;
  }

  static Pipeline squares() {
    return Pipeline.of(
        Node.of(
            "numbers",
            List.of("params:n"),
            List.of("numbers"),
            in -> {
              List<Integer> numbers = new ArrayList<>();
              for (int i = 1; i <= ((Number) in.get("params:n")).intValue(); i++) {
                numbers.add(i);
              }
              return Map.of("numbers", numbers);
            }),
        Node.of(
            "square_evens",
            List.of("numbers", "params:delay_ms"),
            List.of("evens"),
            in -> Map.of("evens", slowSumOfSquares(in, 0))),
        Node.of(
            "square_odds",
            List.of("numbers", "params:delay_ms"),
            List.of("odds"),
            in -> Map.of("odds", slowSumOfSquares(in, 1))),
        Node.of(
            "total",
            List.of("evens", "odds"),
            List.of("total"),
            in -> Map.of("total", (long) in.get("evens") + (long) in.get("odds"))));
  }

  private static long slowSumOfSquares(Map<String, Object> in, int remainder)
      throws InterruptedException {
    Thread.sleep(((Number) in.get("params:delay_ms")).longValue()); // the work, not a wait
    long sum = 0;
    for (Object number : (List<?>) in.get("numbers")) {
      int value = (Integer) number;
      if (value % 2 == remainder) {
        sum += (long) value * value;
      }
    }
    return sum;
  }
}
