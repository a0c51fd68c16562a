package io.sharedcatalog.catalog.internal;

import io.sharedcatalog.catalog.CopyMode;
import io.sharedcatalog.catalog.Dataset;
import io.sharedcatalog.catalog.DatasetException;
import io.sharedcatalog.catalog.DatasetTypeProvider;
import io.sharedcatalog.catalog.MemoryDataset;
import io.sharedcatalog.catalog.ObjectFileDataset;
import io.sharedcatalog.catalog.TextDataset;
import io.sharedcatalog.catalog.Version;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The dataset types of the catalog module, registered through {@link DatasetTypeProvider}.
 *
 * <p>This class is thread-safe.
 */
public final class BuiltInDatasetTypes {
  private BuiltInDatasetTypes() {}

  /** Rejects keys a type does not know, naming them and the keys it accepts. */
  static void requireOnly(
      String datasetName, String type, Map<String, Object> config, Set<String> allowed) {
    Set<String> unknown = new HashSet<>(config.keySet());
    unknown.removeAll(allowed);
    if (!unknown.isEmpty()) {
      throw new DatasetException(
          "Dataset '"
              + datasetName
              + "' of type "
              + type
              + " has unknown configuration keys "
              + unknown.stream().sorted().toList()
              + (config.containsKey("version")
                  ? " ('versioned: true' is not supported by this type)"
                  : "")
              + ". Remove them; the type accepts "
              + allowed.stream().filter(k -> !k.equals("version")).sorted().toList()
              + ".");
    }
  }

  static String filepath(String datasetName, String type, Map<String, Object> config) {
    Object filepath = config.get("filepath");
    if (!(filepath instanceof String text) || text.isBlank()) {
      throw new DatasetException(
          "Dataset '"
              + datasetName
              + "' of type "
              + type
              + (filepath == null
                  ? " has no 'filepath'"
                  : " has 'filepath: "
                      + filepath
                      + "' ("
                      + filepath.getClass().getSimpleName()
                      + "), which is not a string path")
              + ". Give the file as a string, for example 'filepath: data/01_raw/"
              + datasetName
              + "'.");
    }
    return text;
  }

  /**
   * {@code MemoryDataset}, aliases {@code kedro.io.MemoryDataset} and Kedro's full path {@code
   * kedro.io.memory_dataset.MemoryDataset}: keys {@code data}, {@code copy_mode}.
   *
   * <p>This class is thread-safe (it has no state).
   */
  public static final class Memory implements DatasetTypeProvider {
    @Override
    public String typeName() {
      return "MemoryDataset";
    }

    @Override
    public List<String> aliases() {
      return List.of(
          "kedro.io.MemoryDataset", "kedro.io.memory_dataset.MemoryDataset", "io.MemoryDataset");
    }

    @Override
    public Class<?> datasetClass() {
      return MemoryDataset.class;
    }

    @Override
    public Dataset<?> create(String datasetName, Map<String, Object> config) {
      requireOnly(datasetName, typeName(), config, Set.of("data", "copy_mode", "metadata"));
      Object mode = config.get("copy_mode");
      CopyMode copyMode = mode == null ? null : DatasetConfigs.copyMode(datasetName, mode);
      return new MemoryDataset<>(config.get("data"), copyMode);
    }
  }

  /**
   * {@code TextDataset}, alias {@code kedro_datasets.text.TextDataset}.
   *
   * <p>This class is thread-safe (it has no state).
   */
  public static final class Text implements DatasetTypeProvider {
    @Override
    public String typeName() {
      return "TextDataset";
    }

    @Override
    public List<String> aliases() {
      return List.of("text.TextDataset", "kedro_datasets.text.TextDataset");
    }

    @Override
    public Class<?> datasetClass() {
      return TextDataset.class;
    }

    @Override
    public Dataset<?> create(String datasetName, Map<String, Object> config) {
      requireOnly(datasetName, typeName(), config, Set.of("filepath", "version", "metadata"));
      return new TextDataset(
          filepath(datasetName, typeName(), config), (Version) config.get("version"));
    }
  }

  /**
   * {@code ObjectFileDataset}.
   *
   * <p>This class is thread-safe (it has no state).
   */
  public static final class ObjectFile implements DatasetTypeProvider {
    @Override
    public String typeName() {
      return "ObjectFileDataset";
    }

    @Override
    public Class<?> datasetClass() {
      return ObjectFileDataset.class;
    }

    @Override
    public Dataset<?> create(String datasetName, Map<String, Object> config) {
      requireOnly(datasetName, typeName(), config, Set.of("filepath", "version", "metadata"));
      return new ObjectFileDataset<>(
          filepath(datasetName, typeName(), config), (Version) config.get("version"));
    }
  }
}
