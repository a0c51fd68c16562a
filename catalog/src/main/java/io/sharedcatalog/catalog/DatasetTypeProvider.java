package io.sharedcatalog.catalog;

import java.util.List;
import java.util.Map;

/**
 * Service provider interface through which modules add dataset types that catalog configuration can
 * name in {@code type:}. Implementations are found with {@link java.util.ServiceLoader}: list them
 * in {@code META-INF/services/io.sharedcatalog.catalog.DatasetTypeProvider}. One provider describes
 * one type.
 *
 * <p>A type is found by its {@link #typeName()}, any of its {@link #aliases()} (for example Kedro's
 * {@code kedro.io.MemoryDataset}) or the fully qualified name of its {@link #datasetClass()}.
 * Config entries can also name any {@link Dataset} class by its fully qualified name without a
 * provider: that class needs a public constructor taking {@code Map<String, Object>} (the entry's
 * config), or a public no-argument constructor if the entry has no other keys.
 *
 * <p>Implementations must be thread-safe.
 */
public interface DatasetTypeProvider {

  /** Returns the short type name, for example {@code MemoryDataset}. */
  String typeName();

  /** Returns other names of this type, for example {@code kedro.io.MemoryDataset}. */
  default List<String> aliases() {
    return List.of();
  }

  /** Returns the class of the datasets {@link #create} makes (for type filters and checks). */
  Class<?> datasetClass();

  /**
   * Creates a dataset from its configuration.
   *
   * @param datasetName the dataset's name in the catalog, for error messages
   * @param config the entry's configuration without {@code type}, credentials already substituted;
   *     an entry with {@code versioned: true} arrives with a {@link Version} under the key {@code
   *     version} instead of {@code versioned}
   * @return the dataset
   * @throws DatasetException if the configuration is invalid; the message names the dataset, the
   *     offending key and the fix
   */
  Dataset<?> create(String datasetName, Map<String, Object> config);
}
