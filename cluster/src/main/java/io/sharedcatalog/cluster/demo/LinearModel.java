package io.sharedcatalog.cluster.demo;

import java.io.Serializable;
import java.util.List;

/**
 * A fitted linear regression: {@code price = intercept + sum(coefficient[i] * feature[i])}.
 *
 * <p>This class is thread-safe as long as nobody writes to its array after construction (the array
 * is shared, not copied, so large values cost no copy).
 *
 * @param features the feature names, in coefficient order
 * @param intercept the intercept
 * @param coefficients one coefficient per feature
 */
public record LinearModel(List<String> features, double intercept, double[] coefficients)
    implements Serializable {

  /** Predicts one value per row of {@code x}. */
  public double[] predict(FeatureMatrix x) {
    if (!x.columns().equals(features)) {
      throw new IllegalArgumentException(
          "The model was trained on " + features + " but the matrix has " + x.columns());
    }
    double[] predictions = new double[x.rows()];
    for (int row = 0; row < predictions.length; row++) {
      double sum = intercept;
      for (int column = 0; column < coefficients.length; column++) {
        sum += coefficients[column] * x.get(row, column);
      }
      predictions[row] = sum;
    }
    return predictions;
  }
}
