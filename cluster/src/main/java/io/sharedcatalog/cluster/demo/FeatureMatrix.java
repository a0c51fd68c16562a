package io.sharedcatalog.cluster.demo;

import java.io.Serializable;
import java.util.List;

/**
 * A dense matrix of features, row-major, with named columns (Kedro's {@code X_train} / {@code
 * X_test}).
 *
 * <p>This class is thread-safe as long as nobody writes to its array after construction (the array
 * is shared, not copied, so large values cost no copy).
 *
 * @param columns the feature names
 * @param values the values, {@code rows * columns.size()} of them, row after row
 */
public record FeatureMatrix(List<String> columns, double[] values) implements Serializable {

  /** Checks the shape. */
  public FeatureMatrix {
    columns = List.copyOf(columns);
    if (columns.isEmpty() || values.length % columns.size() != 0) {
      throw new IllegalArgumentException(
          values.length + " values do not fill rows of " + columns.size() + " columns");
    }
  }

  /** The number of rows. */
  public int rows() {
    return values.length / columns.size();
  }

  /** The value at a row and column index. */
  public double get(int row, int column) {
    return values[row * columns.size() + column];
  }
}
