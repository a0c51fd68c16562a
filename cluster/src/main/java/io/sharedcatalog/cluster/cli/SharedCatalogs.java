package io.sharedcatalog.cluster.cli;

import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.catalog.DataCatalog;
import io.sharedcatalog.runner.Runner;
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
    // Until SharedMemoryDataCatalog lands: a local catalog from the same config.
    return DataCatalog.fromConfig(catalogConfig, credentials, null, null);
  }

  /** The cluster's parallel runner with {@code workers} workers in this JVM. */
  static Runner parallelRunner(HazelcastInstance hz, int workers) {
    throw new CliException(
        ExitCodes.FAILURE, "The parallel runner is not available in this build yet");
  }
}
