package io.sharedcatalog.catalog.spi;

import io.sharedcatalog.catalog.Dataset;
import io.sharedcatalog.catalog.DatasetException;
import io.sharedcatalog.catalog.internal.CloseMatches;
import io.sharedcatalog.catalog.internal.DatasetConfigs;
import io.sharedcatalog.catalog.internal.DatasetTypes;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@link CatalogStore} (or a tool reading a stored catalog) needs of the catalog's own rules
 * for configs, done as the catalog does them: the class a config's {@code type} stands for, the
 * config that describes a dataset, and close matches of a name for "not found" messages.
 *
 * <p>This class is thread-safe (stateless).
 */
public final class DatasetTypeSupport {
  private DatasetTypeSupport() {}

  /**
   * Returns the dataset class a type name stands for (short, Kedro or class name, or a {@code
   * DatasetTypeProvider}'s), without creating a dataset.
   *
   * @throws DatasetException if the type is not known; the message names the dataset, the type and
   *     close matches
   */
  public static Class<?> datasetClass(String datasetName, String type) {
    return DatasetTypes.datasetClass(datasetName, type);
  }

  /**
   * Returns the config a dataset was created from, or one that describes it (see {@code
   * DataCatalog.toConfig}); empty if the catalog cannot describe it.
   */
  public static Optional<Map<String, Object>> configOf(Dataset<?> dataset) {
    return DatasetConfigs.configOf(dataset);
  }

  /** Returns up to {@code limit} of {@code candidates} close to {@code name}, closest first. */
  public static List<String> closeMatches(String name, Iterable<String> candidates, int limit) {
    return CloseMatches.find(name, candidates, limit);
  }
}
