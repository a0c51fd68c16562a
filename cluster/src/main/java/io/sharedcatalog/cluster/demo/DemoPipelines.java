package io.sharedcatalog.cluster.demo;

import io.sharedcatalog.pipeline.Node;
import io.sharedcatalog.pipeline.Pipeline;
import io.sharedcatalog.pipeline.PipelineRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the demo pipeline, {@value #NAME}: Kedro's spaceflights example. Three source nodes
 * generate companies, shuttles and reviews from {@code params:rows} and {@code params:seed}, which
 * the demo catalog writes as real files ({@code companies.csv}, {@code reviews.csv}, {@code
 * shuttles.xlsx}); two nodes preprocess companies and shuttles, read back from those files; one
 * joins them into the model input table (a Parquet file in the demo catalog); then the train/test
 * split ({@code params:model_options}), an ordinary least squares fit and its metrics.
 *
 * <p>Its catalog ({@link #CATALOG_RESOURCE}) and parameters ({@link #PARAMETERS_RESOURCE}) are
 * packaged beside this class.
 *
 * <p>This class is thread-safe.
 */
public final class DemoPipelines implements PipelineRegistry {
  /** The name the demo pipeline is registered under. */
  public static final String NAME = "demo";

  /** Classpath resource of the demo's {@code catalog.yml}. */
  public static final String CATALOG_RESOURCE = "io/sharedcatalog/cluster/demo/catalog.yml";

  /** Classpath resource of the demo's {@code parameters.yml}. */
  public static final String PARAMETERS_RESOURCE = "io/sharedcatalog/cluster/demo/parameters.yml";

  private static final Logger log = LoggerFactory.getLogger(DemoPipelines.class);

  /** Creates the registry; {@link java.util.ServiceLoader} calls this. */
  public DemoPipelines() {}

  @Override
  public Map<String, Pipeline> pipelines() {
    return Map.of(NAME, pipeline());
  }

  /** Builds the demo pipeline. */
  public static Pipeline pipeline() {
    return Pipeline.of(
        Node.of(
            "generate_companies",
            List.of("params:rows", "params:seed"),
            List.of("companies"),
            in ->
                Map.of(
                    "companies",
                    DemoData.companies(intValue(in, "params:rows"), longValue(in, "params:seed")))),
        Node.of(
            "generate_shuttles",
            List.of("params:rows", "params:seed"),
            List.of("shuttles"),
            in ->
                Map.of(
                    "shuttles",
                    DemoData.shuttles(intValue(in, "params:rows"), longValue(in, "params:seed")))),
        Node.of(
            "generate_reviews",
            List.of("params:rows", "params:seed"),
            List.of("reviews"),
            in ->
                Map.of(
                    "reviews",
                    DemoData.reviews(intValue(in, "params:rows"), longValue(in, "params:seed")))),
        Node.of(
            "preprocess_companies",
            List.of("companies"),
            List.of("preprocessed_companies"),
            in ->
                Map.of(
                    "preprocessed_companies",
                    DemoFunctions.preprocessCompanies(list(in, "companies", Company.class)))),
        Node.of(
            "preprocess_shuttles",
            List.of("shuttles"),
            List.of("preprocessed_shuttles"),
            in ->
                Map.of(
                    "preprocessed_shuttles",
                    DemoFunctions.preprocessShuttles(list(in, "shuttles", Shuttle.class)))),
        Node.of(
            "create_model_input_table",
            List.of("preprocessed_shuttles", "preprocessed_companies", "reviews"),
            List.of("model_input_table"),
            in ->
                Map.of(
                    "model_input_table",
                    DemoFunctions.createModelInputTable(
                        list(in, "preprocessed_shuttles", PreprocessedShuttle.class),
                        list(in, "preprocessed_companies", PreprocessedCompany.class),
                        list(in, "reviews", Review.class)))),
        Node.of(
            "split_data",
            List.of("model_input_table", "params:model_options"),
            List.of("X_train", "X_test", "y_train", "y_test"),
            DemoPipelines::splitData),
        Node.of(
            "train_model",
            List.of("X_train", "y_train"),
            List.of("regressor"),
            in ->
                Map.of(
                    "regressor",
                    DemoFunctions.trainModel(
                        (FeatureMatrix) in.get("X_train"), (double[]) in.get("y_train")))),
        Node.of(
            "evaluate_model",
            List.of("regressor", "X_test", "y_test"),
            List.of("metrics"),
            DemoPipelines::evaluate));
  }

  /**
   * Returns a packaged resource of the demo as text.
   *
   * @param resource {@link #CATALOG_RESOURCE} or {@link #PARAMETERS_RESOURCE}
   */
  public static String resourceText(String resource) {
    try (InputStream in = DemoPipelines.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("The demo resource " + resource + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> splitData(Map<String, Object> in) {
    Map<?, ?> options = (Map<?, ?>) in.get("params:model_options");
    Object features = options.get("features");
    if (!(features instanceof List<?> names)) {
      throw new IllegalArgumentException("model_options.features must be a list of column names");
    }
    DemoFunctions.Split split =
        DemoFunctions.splitData(
            list(in, "model_input_table", ModelInputRow.class),
            names.stream().map(String::valueOf).toList(),
            number(options.get("test_size"), "model_options.test_size").doubleValue(),
            number(options.get("random_state"), "model_options.random_state").longValue());
    return Map.of(
        "X_train", split.xTrain(),
        "X_test", split.xTest(),
        "y_train", split.yTrain(),
        "y_test", split.yTest());
  }

  private static Map<String, Object> evaluate(Map<String, Object> in) {
    Metrics metrics =
        DemoFunctions.evaluateModel(
            (LinearModel) in.get("regressor"),
            (FeatureMatrix) in.get("X_test"),
            (double[]) in.get("y_test"));
    log.info(
        "Model has a coefficient R^2 of {} on test data.",
        String.format(Locale.ROOT, "%.3f", metrics.r2()));
    return Map.of("metrics", metrics);
  }

  private static <T> List<T> list(Map<String, Object> in, String name, Class<T> rowType) {
    List<?> rows = (List<?>) in.get(name);
    if (!rows.isEmpty() && !rowType.isInstance(rows.get(0))) {
      throw new IllegalArgumentException(
          "Dataset '"
              + name
              + "' holds rows of "
              + rows.get(0).getClass().getName()
              + " but the demo expects "
              + rowType.getName());
    }
    @SuppressWarnings("unchecked")
    List<T> typed = (List<T>) rows;
    return typed;
  }

  private static int intValue(Map<String, Object> in, String name) {
    long value = number(in.get(name), name).longValue();
    if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
      throw new IllegalArgumentException(name + " is out of range: " + value);
    }
    return (int) value;
  }

  private static long longValue(Map<String, Object> in, String name) {
    return number(in.get(name), name).longValue();
  }

  private static Number number(Object value, String name) {
    if (value instanceof Number number) {
      return number;
    }
    throw new IllegalArgumentException(
        name + " must be a number but was " + (value == null ? "missing" : "'" + value + "'"));
  }
}
