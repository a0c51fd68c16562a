package io.sharedcatalog.catalog.internal;

import io.sharedcatalog.catalog.AbstractVersionedDataset;
import io.sharedcatalog.catalog.CopyMode;
import io.sharedcatalog.catalog.Dataset;
import io.sharedcatalog.catalog.DatasetException;
import io.sharedcatalog.catalog.MemoryDataset;
import io.sharedcatalog.catalog.ObjectFileDataset;
import io.sharedcatalog.catalog.TextDataset;
import io.sharedcatalog.catalog.Version;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * Dataset configuration: creating a dataset from a resolved config map, and finding the config a
 * dataset was created from or that describes it (for {@code toConfig} and for catalogs that share
 * configuration rather than live objects).
 *
 * <p>This class is thread-safe.
 */
public final class DatasetConfigs {
  /** Configs of datasets this class created (or was told about), weakly keyed. */
  private static final Map<Dataset<?>, Map<String, Object>> CREATED =
      Collections.synchronizedMap(new WeakHashMap<>());

  private DatasetConfigs() {}

  /**
   * Returns the config a dataset was created from, or one that describes it: datasets created by
   * {@link #createDataset} or {@link #remember remembered}, and the built-in {@link MemoryDataset}
   * (without its data), {@link TextDataset} and {@link ObjectFileDataset} however created. Empty
   * for other datasets.
   */
  public static Optional<Map<String, Object>> configOf(Dataset<?> dataset) {
    Objects.requireNonNull(dataset, "dataset");
    Map<String, Object> created = CREATED.get(dataset);
    if (created != null) {
      return Optional.of(created);
    }
    Map<String, Object> config = new LinkedHashMap<>();
    if (dataset instanceof MemoryDataset<?> memory) {
      config.put("type", "MemoryDataset");
      memory.copyMode().ifPresent(m -> config.put("copy_mode", m.name().toLowerCase(Locale.ROOT)));
    } else if (dataset instanceof TextDataset || dataset instanceof ObjectFileDataset<?>) {
      AbstractVersionedDataset<?> file = (AbstractVersionedDataset<?>) dataset;
      config.put("type", dataset.getClass().getSimpleName());
      config.put("filepath", file.filepath().toString());
      if (file.version().isPresent()) {
        config.put("versioned", true);
      }
    } else {
      return Optional.empty();
    }
    return Optional.of(Collections.unmodifiableMap(config));
  }

  /** Records the config a dataset was made from, for {@link #configOf}. */
  public static void remember(Dataset<?> dataset, Map<String, ?> config) {
    CREATED.put(
        Objects.requireNonNull(dataset, "dataset"),
        Configs.immutableMap(Objects.requireNonNull(config, "config")));
  }

  /**
   * Creates an unversioned-by-default dataset from a resolved config map (see {@link
   * #createDataset(String, Map, String, String)}).
   */
  public static Dataset<?> createDataset(String name, Map<String, Object> config) {
    return createDataset(name, config, null, null);
  }

  /**
   * Creates a dataset from a resolved config map ({@code type} plus the type's keys, credentials
   * already substituted) through the type registry.
   *
   * @param loadVersion the version to load if the entry has {@code versioned: true} ({@code null}:
   *     latest)
   * @param saveVersion the version to save if versioned ({@code null}: a new one per save)
   * @throws DatasetException if the type is missing or unknown, {@code versioned} is not a boolean,
   *     or the type rejects the config; the message names the dataset
   */
  public static Dataset<?> createDataset(
      String name, Map<String, Object> config, String loadVersion, String saveVersion) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(config, "config");
    Object type = config.get("type");
    if (!(type instanceof String typeName) || typeName.isBlank()) {
      throw new DatasetException(
          "An exception occurred when parsing config for dataset '"
              + name
              + "': 'type' is missing from its catalog configuration. Add 'type: <DatasetType>',"
              + " for example 'type: MemoryDataset'.");
    }
    Map<String, Object> rest = Configs.mutableMap(config);
    rest.remove("type");
    Object versioned = rest.remove("versioned");
    if (versioned != null && !(versioned instanceof Boolean)) {
      throw new DatasetException(
          "Dataset '"
              + name
              + "' has 'versioned: "
              + versioned
              + "', which is not a boolean. Write 'versioned: true' or 'versioned: false'.");
    }
    if (Boolean.TRUE.equals(versioned)) {
      rest.put("version", new Version(loadVersion, saveVersion));
    }
    Dataset<?> dataset = DatasetTypes.create(name, typeName, rest);
    if (dataset == null) {
      throw new DatasetException(
          "Dataset '"
              + name
              + "' of type '"
              + typeName
              + "' could not be created: its type returned null.");
    }
    remember(dataset, config);
    return dataset;
  }

  /**
   * Returns the copy mode named by a config value ({@code deepcopy}, {@code copy}, {@code assign}).
   */
  public static CopyMode copyMode(String datasetName, Object value) {
    if (value instanceof CopyMode mode) {
      return mode;
    }
    if (value instanceof String text) {
      for (CopyMode mode : CopyMode.values()) {
        if (mode.name().equalsIgnoreCase(text.trim())) {
          return mode;
        }
      }
    }
    throw new DatasetException(
        "Dataset '"
            + datasetName
            + "' has 'copy_mode: "
            + value
            + "', which is not a copy mode. Use one of deepcopy, copy, assign.");
  }
}
