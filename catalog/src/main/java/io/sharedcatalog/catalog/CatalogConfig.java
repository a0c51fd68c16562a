package io.sharedcatalog.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A catalog as configuration: what {@link DataCatalog#toConfig()} returns and {@link
 * DataCatalog#fromConfig(Map, Map, Map, String)} turns back into an equal catalog.
 *
 * <p>The maps are unmodifiable copies (in insertion order).
 *
 * <p>This class is thread-safe.
 *
 * @param catalog dataset entries and patterns, Kedro's {@code catalog.yml} shape
 * @param credentials named credentials referred to by {@code credentials: NAME}
 * @param loadVersions versions to load, by dataset name
 * @param saveVersion the catalog's save version, or {@code null}
 */
public record CatalogConfig(
    Map<String, Object> catalog,
    Map<String, Object> credentials,
    Map<String, String> loadVersions,
    String saveVersion) {

  /** Copies the maps; {@code null} maps become empty. */
  public CatalogConfig {
    catalog = copy(catalog);
    credentials = copy(credentials);
    loadVersions = copy(loadVersions);
  }

  private static <V> Map<String, V> copy(Map<String, V> map) {
    return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
