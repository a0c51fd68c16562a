package io.sharedcatalog.cluster.demo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The demo pipeline's node functions, plain Java over lists of records: preprocessing, the join
 * into a model input table, the train/test split, ordinary least squares and its metrics.
 *
 * <p>This class is thread-safe.
 */
public final class DemoFunctions {
  private DemoFunctions() {}

  /** Parses the rating percentage and the IATA flag. Unknown ratings become NaN. */
  public static List<PreprocessedCompany> preprocessCompanies(List<Company> companies) {
    List<PreprocessedCompany> result = new ArrayList<>(companies.size());
    for (Company company : companies) {
      result.add(
          new PreprocessedCompany(
              company.id(),
              parsePercentage(company.companyRating()),
              isTrue(company.iataApproved()),
              company.totalFleetCount()));
    }
    return result;
  }

  /** Parses the flags and the price. */
  public static List<PreprocessedShuttle> preprocessShuttles(List<Shuttle> shuttles) {
    List<PreprocessedShuttle> result = new ArrayList<>(shuttles.size());
    for (Shuttle shuttle : shuttles) {
      result.add(
          new PreprocessedShuttle(
              shuttle.id(),
              shuttle.engines(),
              shuttle.passengerCapacity(),
              shuttle.crew(),
              isTrue(shuttle.dCheckComplete()),
              isTrue(shuttle.moonClearanceComplete()),
              parseMoney(shuttle.price()),
              shuttle.companyId()));
    }
    return result;
  }

  /**
   * Joins shuttles with their company and their reviews, and drops rows with a missing value (an
   * unknown company rating, a shuttle without reviews, or a company that does not exist).
   */
  public static List<ModelInputRow> createModelInputTable(
      List<PreprocessedShuttle> shuttles,
      List<PreprocessedCompany> companies,
      List<Review> reviews) {
    Map<String, PreprocessedCompany> companyById = new HashMap<>(companies.size() * 2);
    for (PreprocessedCompany company : companies) {
      companyById.put(company.id(), company);
    }
    Map<String, Review> reviewByShuttle = new HashMap<>(reviews.size() * 2);
    for (Review review : reviews) {
      reviewByShuttle.put(review.shuttleId(), review);
    }
    List<ModelInputRow> rows = new ArrayList<>(shuttles.size());
    for (PreprocessedShuttle shuttle : shuttles) {
      PreprocessedCompany company = companyById.get(shuttle.companyId());
      Review review = reviewByShuttle.get(shuttle.id());
      if (company == null
          || review == null
          || Double.isNaN(company.companyRating())
          || Double.isNaN(review.reviewScoresRating())
          || Double.isNaN(shuttle.price())) {
        continue;
      }
      rows.add(
          new ModelInputRow(
              shuttle.id(),
              shuttle.engines(),
              shuttle.passengerCapacity(),
              shuttle.crew(),
              shuttle.dCheckComplete() ? 1 : 0,
              shuttle.moonClearanceComplete() ? 1 : 0,
              company.iataApproved() ? 1 : 0,
              company.companyRating(),
              review.reviewScoresRating(),
              shuttle.price()));
    }
    return rows;
  }

  /**
   * The four outputs of {@link #splitData}.
   *
   * <p>This class is not thread-safe: its arrays are mutable.
   */
  public record Split(FeatureMatrix xTrain, FeatureMatrix xTest, double[] yTrain, double[] yTest) {}

  /**
   * Shuffles the rows with {@code randomState} and keeps {@code testSize} of them for testing.
   *
   * @throws IllegalArgumentException if a feature is unknown, {@code testSize} is not in (0, 1), or
   *     either side of the split would be empty
   */
  public static Split splitData(
      List<ModelInputRow> table, List<String> features, double testSize, long randomState) {
    if (!(testSize > 0 && testSize < 1)) {
      throw new IllegalArgumentException(
          "model_options.test_size must be between 0 and 1 (exclusive) but was " + testSize);
    }
    if (features.isEmpty()) {
      throw new IllegalArgumentException("model_options.features must name at least one feature");
    }
    int[] order = new int[table.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(randomState);
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    int testRows = (int) Math.ceil(table.size() * testSize);
    int trainRows = table.size() - testRows;
    if (testRows == 0 || trainRows <= features.size()) {
      throw new IllegalArgumentException(
          "The model input table has "
              + table.size()
              + " rows, too few to split for "
              + features.size()
              + " features; raise the 'rows' parameter");
    }
    int width = features.size();
    double[] xTrain = new double[trainRows * width];
    double[] xTest = new double[testRows * width];
    double[] yTrain = new double[trainRows];
    double[] yTest = new double[testRows];
    for (int i = 0; i < order.length; i++) {
      ModelInputRow row = table.get(order[i]);
      boolean test = i < testRows;
      double[] x = test ? xTest : xTrain;
      int target = test ? i : i - testRows;
      for (int column = 0; column < width; column++) {
        x[target * width + column] = row.feature(features.get(column));
      }
      (test ? yTest : yTrain)[target] = row.price();
    }
    return new Split(
        new FeatureMatrix(features, xTrain), new FeatureMatrix(features, xTest), yTrain, yTest);
  }

  /**
   * Fits {@code y = intercept + x * coefficients} by ordinary least squares: solves the normal
   * equations {@code (A'A) b = A'y}, where {@code A} is {@code x} with a column of ones, by
   * Gaussian elimination with partial pivoting.
   *
   * @throws IllegalArgumentException if the sizes disagree or the features are collinear
   */
  public static LinearModel trainModel(FeatureMatrix x, double[] y) {
    if (x.rows() != y.length) {
      throw new IllegalArgumentException(
          "X_train has " + x.rows() + " rows but y_train has " + y.length);
    }
    int size = x.columns().size() + 1;
    double[][] normal = new double[size][size + 1]; // A'A augmented with A'y
    double[] a = new double[size];
    for (int row = 0; row < x.rows(); row++) {
      a[0] = 1;
      for (int column = 1; column < size; column++) {
        a[column] = x.get(row, column - 1);
      }
      for (int i = 0; i < size; i++) {
        for (int j = i; j < size; j++) {
          normal[i][j] += a[i] * a[j];
        }
        normal[i][size] += a[i] * y[row];
      }
    }
    for (int i = 0; i < size; i++) {
      for (int j = 0; j < i; j++) {
        normal[i][j] = normal[j][i];
      }
    }
    double[] solution = solve(normal);
    double[] coefficients = new double[size - 1];
    System.arraycopy(solution, 1, coefficients, 0, coefficients.length);
    return new LinearModel(x.columns(), solution[0], coefficients);
  }

  /** R², mean absolute error and max error of the model on the test set. */
  public static Metrics evaluateModel(LinearModel model, FeatureMatrix x, double[] y) {
    double[] predicted = model.predict(x);
    if (predicted.length != y.length || y.length == 0) {
      throw new IllegalArgumentException(
          "X_test has " + predicted.length + " rows but y_test has " + y.length);
    }
    double mean = 0;
    for (double value : y) {
      mean += value;
    }
    mean /= y.length;
    double residual = 0;
    double total = 0;
    double absolute = 0;
    double max = 0;
    for (int i = 0; i < y.length; i++) {
      double error = y[i] - predicted[i];
      residual += error * error;
      total += (y[i] - mean) * (y[i] - mean);
      absolute += Math.abs(error);
      max = Math.max(max, Math.abs(error));
    }
    double r2 = total == 0 ? 0 : 1 - residual / total;
    return new Metrics(r2, absolute / y.length, max, y.length);
  }

  private static double[] solve(double[][] augmented) {
    int n = augmented.length;
    for (int pivot = 0; pivot < n; pivot++) {
      int best = pivot;
      for (int row = pivot + 1; row < n; row++) {
        if (Math.abs(augmented[row][pivot]) > Math.abs(augmented[best][pivot])) {
          best = row;
        }
      }
      if (Math.abs(augmented[best][pivot]) < 1e-9) {
        throw new IllegalArgumentException(
            "The features are collinear (or constant); remove one from model_options.features");
      }
      double[] swap = augmented[pivot];
      augmented[pivot] = augmented[best];
      augmented[best] = swap;
      for (int row = pivot + 1; row < n; row++) {
        double factor = augmented[row][pivot] / augmented[pivot][pivot];
        for (int column = pivot; column <= n; column++) {
          augmented[row][column] -= factor * augmented[pivot][column];
        }
      }
    }
    double[] solution = new double[n];
    for (int row = n - 1; row >= 0; row--) {
      double sum = augmented[row][n];
      for (int column = row + 1; column < n; column++) {
        sum -= augmented[row][column] * solution[column];
      }
      solution[row] = sum / augmented[row][row];
    }
    return solution;
  }

  private static boolean isTrue(String flag) {
    return "t".equalsIgnoreCase(flag) || "true".equalsIgnoreCase(flag);
  }

  private static double parsePercentage(String text) {
    if (text == null || text.isBlank()) {
      return Double.NaN;
    }
    return Double.parseDouble(text.strip().replace("%", "")) / 100;
  }

  private static double parseMoney(String text) {
    if (text == null || text.isBlank()) {
      return Double.NaN;
    }
    return Double.parseDouble(text.strip().replace("$", "").replace(",", ""));
  }
}
