package io.sharedcatalog.catalog.internal;

import io.sharedcatalog.catalog.Dataset;
import java.util.Map;
import java.util.Optional;

/** Dataset configuration helpers (skeleton). This class is thread-safe. */
public final class DatasetConfigs {
  private DatasetConfigs() {}

  /** Returns the config a dataset was created from or that describes it. */
  public static Optional<Map<String, Object>> configOf(Dataset<?> dataset) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Creates a dataset from a resolved config map. */
  public static Dataset<?> createDataset(String name, Map<String, Object> config) {
    throw new UnsupportedOperationException("skeleton");
  }
}
