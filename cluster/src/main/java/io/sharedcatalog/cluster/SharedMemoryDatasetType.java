package io.sharedcatalog.cluster;

import io.sharedcatalog.catalog.Dataset;
import io.sharedcatalog.catalog.DatasetException;
import io.sharedcatalog.catalog.DatasetTypeProvider;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Registers {@code type: SharedMemoryDataset} (also {@code kedro.io.SharedMemoryDataset}, Kedro's
 * full path {@code kedro.io.shared_memory_dataset.SharedMemoryDataset} and the class's full name)
 * with the catalog, through {@code META-INF/services}. The dataset takes no settings except {@code
 * metadata}; its key and manager come from the catalog it is added to. Users need not name it: it
 * is public only because {@link java.util.ServiceLoader} instantiates it.
 *
 * <p>This class is thread-safe.
 */
public final class SharedMemoryDatasetType implements DatasetTypeProvider {
  private static final Set<String> ALLOWED_KEYS = Set.of("metadata");

  /** Creates the provider; called by {@link java.util.ServiceLoader}. */
  public SharedMemoryDatasetType() {}

  @Override
  public String typeName() {
    return "SharedMemoryDataset";
  }

  @Override
  public List<String> aliases() {
    return List.of(
        "kedro.io.SharedMemoryDataset", "kedro.io.shared_memory_dataset.SharedMemoryDataset");
  }

  @Override
  public Class<?> datasetClass() {
    return SharedMemoryDataset.class;
  }

  @Override
  public Dataset<?> create(String datasetName, Map<String, Object> config) {
    Set<String> unknown = new TreeSet<>(config.keySet());
    unknown.removeAll(ALLOWED_KEYS);
    if (!unknown.isEmpty()) {
      throw new DatasetException(
          "Dataset '"
              + datasetName
              + "' of type SharedMemoryDataset has unknown settings "
              + unknown
              + ". A SharedMemoryDataset takes none: its value lives in the cluster the catalog"
              + " is connected to. Remove these keys.");
    }
    return new SharedMemoryDataset<>();
  }
}
