package io.sharedcatalog.pipeline;

import io.sharedcatalog.catalog.DataCatalog;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A run's parameters as catalog entries, Kedro's way: the whole map as {@code parameters}, every
 * top-level key as {@code params:KEY}, and every key of a nested map as {@code params:KEY.SUB}
 * (recursively), so a node reads them as inputs named {@code params:...} or {@code parameters}.
 *
 * <p>This class is thread-safe (it has no state).
 */
public final class Parameters {

  /** The dataset holding every parameter as one map. */
  public static final String ALL = "parameters";

  /** The prefix of a dataset holding one parameter. */
  public static final String PREFIX = "params:";

  private Parameters() {}

  /**
   * Tells whether a dataset name denotes parameters ({@code parameters} or {@code params:...}).
   *
   * @param datasetName the dataset name
   * @return true for parameter datasets
   */
  public static boolean isParameter(String datasetName) {
    return datasetName.equals(ALL) || datasetName.startsWith(PREFIX);
  }

  /**
   * Returns the catalog entries for the given parameters: {@code parameters} → the whole map,
   * {@code params:a} → the value of {@code a}, and for a nested map under {@code a} also {@code
   * params:a.b} → its value of {@code b}, at every depth.
   *
   * @param parameters the parameters, possibly nested maps; not null, values not null
   * @return the entries in insertion order; unmodifiable
   * @throws NullPointerException if a key or a value is null
   */
  public static Map<String, Object> feedDict(Map<String, ?> parameters) {
    Objects.requireNonNull(parameters, "parameters");
    Map<String, Object> entries = new LinkedHashMap<>();
    entries.put(ALL, parameters);
    parameters.forEach((key, value) -> addEntries(entries, String.valueOf(key), value));
    return Collections.unmodifiableMap(entries);
  }

  /**
   * Puts the given parameters into a catalog as the entries of {@link #feedDict(Map)}, each wrapped
   * in a memory dataset ({@link DataCatalog#putData}), replacing earlier parameters of the same
   * names. Runs read them as inputs named {@code params:...} and {@code parameters}.
   *
   * @param catalog the catalog of the run
   * @param parameters the parameters, possibly nested maps; values not null
   * @throws NullPointerException if a key or a value is null
   */
  public static void putInto(DataCatalog catalog, Map<String, ?> parameters) {
    Objects.requireNonNull(catalog, "catalog");
    feedDict(parameters).forEach(catalog::putData);
  }

  private static void addEntries(Map<String, Object> entries, String name, Object value) {
    Objects.requireNonNull(value, () -> "the value of parameter '" + name + "'");
    entries.put(PREFIX + name, value);
    if (value instanceof Map) {
      ((Map<?, ?>) value).forEach((key, nested) -> addEntries(entries, name + "." + key, nested));
    }
  }
}
