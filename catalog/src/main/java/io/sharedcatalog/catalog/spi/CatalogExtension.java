package io.sharedcatalog.catalog.spi;

import io.sharedcatalog.catalog.DataCatalog;
import io.sharedcatalog.catalog.Dataset;
import java.util.Map;

/**
 * What a subclass of {@link DataCatalog} changes in the catalog's logic, given to the catalog's
 * protected constructors: built by the subclass before it calls the superclass constructor, so
 * nothing of it runs on a half-built object. Implementations must be thread-safe: {@link
 * #onDatasetAdded} is called from any thread that registers or first uses a dataset.
 */
public interface CatalogExtension {
  /** The extension of a plain {@link DataCatalog}: its runtime pattern, datasets as given. */
  CatalogExtension NONE = new CatalogExtension() {};

  /**
   * The catalog's runtime patterns: used for names no user pattern matches when a runner asks with
   * {@code fallbackToRuntimePattern}. By default {@code {"{default}": {"type": "MemoryDataset"}}}.
   * Asked for once, at construction, on every construction path (a user-supplied resolver
   * included).
   */
  default Map<String, Map<String, Object>> runtimePatterns() {
    return Map.of("{default}", Map.of("type", "MemoryDataset"));
  }

  /**
   * Called whenever a dataset enters the catalog: created from config or a pattern, registered with
   * {@code put}/{@code putData}, or given at construction. Returns the dataset to register (by
   * default the one given); throwing refuses it, and nothing is registered then.
   */
  default Dataset<?> onDatasetAdded(String name, Dataset<?> dataset) {
    return dataset;
  }
}
