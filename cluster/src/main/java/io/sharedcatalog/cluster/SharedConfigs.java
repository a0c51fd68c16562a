package io.sharedcatalog.cluster;

import io.sharedcatalog.catalog.DatasetException;
import io.sharedcatalog.catalog.MemoryDataset;
import io.sharedcatalog.catalog.spi.DatasetTypeSupport;
import io.sharedcatalog.cluster.internal.CatalogRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a connected catalog reads from configs: whether a config makes a shared memory dataset, the
 * class of a type when this process can resolve it, credentials filled in from the registry.
 *
 * <p>This class is thread-safe (stateless).
 */
final class SharedConfigs {
  static final Map<String, Object> SHARED_MEMORY_CONFIG = Map.of("type", "SharedMemoryDataset");
  static final Set<String> MEMORY_DATASET_TYPES =
      Set.of(
          "MemoryDataset",
          "kedro.io.MemoryDataset",
          "kedro.io.memory_dataset.MemoryDataset",
          MemoryDataset.class.getName());

  private SharedConfigs() {}

  /** Whether {@code config} makes a SharedMemoryDataset (by any type name a provider gives it). */
  static boolean isSharedMemory(String name, Map<String, ?> config) {
    String type = typeName(config);
    if (type == null) {
      return false;
    }
    try {
      return DatasetTypeSupport.datasetClass(name, type) == SharedMemoryDataset.class;
    } catch (RuntimeException | LinkageError e) {
      return false; // not a type this process can create, so not a SharedMemoryDataset
    }
  }

  static String typeName(Map<String, ?> config) {
    Object type = config.get("type");
    return type == null ? null : type.toString();
  }

  static Map<String, Object> withCredentials(String name, Map<?, ?> raw, CatalogRegistry registry) {
    Map<String, Object> credentials = null;
    Map<String, Object> result = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : raw.entrySet()) {
      String key = String.valueOf(e.getKey());
      Object value = e.getValue();
      if (key.equals("credentials") && value instanceof String credentialsName) {
        credentials = registry.credentials(); // read only by entries that name credentials
        if (!credentials.containsKey(credentialsName)) {
          throw new DatasetException(
              "Unable to find credentials '"
                  + credentialsName
                  + "' for dataset '"
                  + name
                  + "': check the shared catalog's configuration and credentials. Known"
                  + " credentials: "
                  + credentials.keySet()
                  + ".");
        }
        value = credentials.get(credentialsName);
      } else if (value instanceof Map<?, ?> nested) {
        value = withCredentials(name, nested, registry);
      }
      result.put(key, value);
    }
    return result;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> asMap(Object value) {
    return (Map<String, Object>) value;
  }
}
