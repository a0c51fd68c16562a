package io.sharedcatalog.cluster;

import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.catalog.CatalogValidationException;
import io.sharedcatalog.catalog.Dataset;
import io.sharedcatalog.catalog.MemoryDataset;
import io.sharedcatalog.catalog.internal.codec.CodecException;
import io.sharedcatalog.catalog.internal.codec.ValueCodec;
import io.sharedcatalog.catalog.spi.DatasetTypeSupport;
import io.sharedcatalog.cluster.internal.ConfigJson;
import io.sharedcatalog.cluster.internal.store.ValueStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Why a dataset cannot be shared between processes, for {@link
 * SharedMemoryDataCatalog#validateCatalog()}.
 *
 * <p>This class is thread-safe (stateless).
 */
final class Shareability {
  private Shareability() {}

  /** Throws the validation failure listing {@code offenders} (name to reason, sorted), if any. */
  static void requireNone(Map<String, String> offenders) {
    if (offenders.isEmpty()) {
      return;
    }
    StringBuilder message =
        new StringBuilder("The following datasets cannot be shared between processes: ")
            .append(List.copyOf(offenders.keySet()))
            .append('.');
    offenders.forEach(
        (name, reason) -> message.append("\n  - '").append(name).append("': ").append(reason));
    message.append(
        "\nTo run on a cluster every dataset must be shareable: keep intermediate data in"
            + " SharedMemoryDataset (the catalog's default for unknown names), keep values to"
            + " plain data (records, POJOs, collections, arrays; no threads, locks, open streams,"
            + " sockets, connections or lambdas), and define other datasets in catalog config so"
            + " every process can re-create them.");
    throw new CatalogValidationException(message.toString(), List.copyOf(offenders.keySet()));
  }

  static Optional<String> reasonNotShareable(
      Dataset<?> dataset, HazelcastInstance manager, String catalogName) {
    if (dataset instanceof SharedMemoryDataset) {
      return Optional.empty();
    }
    if (dataset instanceof MemoryDataset<?> memory) {
      if (!memory.exists()) {
        return Optional.empty();
      }
      Object value = memory.load();
      return encodingProblem(value, manager, catalogName)
          .map(
              problem ->
                  "its MemoryDataset holds a value of class "
                      + value.getClass().getName()
                      + " that cannot be encoded ("
                      + problem
                      + ")");
    }
    Optional<Map<String, Object>> config = DatasetTypeSupport.configOf(dataset);
    if (config.isPresent() && ConfigJson.isRepresentable(config.get())) {
      return Optional.empty();
    }
    return encodingProblem(dataset, manager, catalogName)
        .map(
            problem ->
                "a "
                    + dataset.getClass().getName()
                    + " that has no config to re-create it from and cannot be encoded ("
                    + problem
                    + ")");
  }

  private static Optional<String> encodingProblem(
      Object value, HazelcastInstance hz, String catalogName) {
    try {
      if (hz != null) {
        ValueStore.of(hz, catalogName).checkShareable(value); // the store's own check
      } else {
        ValueCodec.shared().encode(value); // no cluster yet: the codec the store uses
      }
      return Optional.empty();
    } catch (CodecException e) {
      return Optional.of(e.getMessage());
    }
  }
}
