package io.sharedcatalog.cluster.cli;

import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.catalog.CatalogConfig;
import io.sharedcatalog.catalog.DataCatalog;
import io.sharedcatalog.cluster.ParallelRunner;
import io.sharedcatalog.cluster.SharedMemoryDataCatalog;
import java.util.Map;

/**
 * The seam between the commands and the shared catalog and parallel runner.
 *
 * <p>This class is thread-safe (it has no state).
 */
final class SharedCatalogs {
  private SharedCatalogs() {}

  /** A catalog named {@code catalogName} on {@code hz}, holding the configured datasets. */
  static DataCatalog connect(
      HazelcastInstance hz,
      String catalogName,
      Map<String, Object> catalogConfig,
      Map<String, Object> credentials) {
    return SharedMemoryDataCatalog.connect(
        hz, catalogName, new CatalogConfig(catalogConfig, credentials, null, null));
  }

  /** The cluster's parallel runner with {@code workers} workers in this JVM. */
  static ParallelRunner parallelRunner(HazelcastInstance hz, int workers) {
    return new ParallelRunner(hz, workers);
  }
}
