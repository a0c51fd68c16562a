package io.sharedcatalog.cluster.demo;

import java.io.Serializable;
import java.util.Locale;

/**
 * How well the model predicts the test set.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param r2 the coefficient of determination
 * @param meanAbsoluteError the mean absolute error, in dollars
 * @param maxError the largest absolute error, in dollars
 * @param testRows the number of test rows
 */
public record Metrics(double r2, double meanAbsoluteError, double maxError, int testRows)
    implements Serializable {

  /** The metrics as a small JSON object. */
  public String toJson() {
    return String.format(
        Locale.ROOT,
        "{\"r2_score\": %.6f, \"mae\": %.2f, \"max_error\": %.2f, \"test_rows\": %d}",
        r2,
        meanAbsoluteError,
        maxError,
        testRows);
  }
}
