package io.sharedcatalog.datasets;

import io.sharedcatalog.catalog.AbstractDataset;
import io.sharedcatalog.catalog.DataCatalog;
import io.sharedcatalog.catalog.Dataset;
import io.sharedcatalog.catalog.DatasetException;
import io.sharedcatalog.datasets.internal.EntryConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A folder of files of one underlying dataset type (Kedro's {@code partitions.PartitionedDataset}).
 * Each file whose name ends with {@code filename_suffix} (anywhere below {@code path}) is a
 * partition; its id is its path relative to {@code path}, without the suffix.
 *
 * <p>{@code load} lists the partitions and returns {@code Map<String, Supplier<T>>}, partition id
 * to a supplier that loads that partition when called (Kedro's lazy callables), sorted by id.
 * {@code save} takes a map of partition id to value, or to a {@code Supplier} of the value, which
 * is called during the save, one partition at a time, so partitions need not be in memory together.
 * With {@code overwrite: true} a save first removes the partitions already there.
 *
 * <p>Config keys: {@code path} (required), {@code dataset} (required: a type name such as {@code
 * pandas.CSVDataset}, or a map with {@code type} and that type's keys, without a {@code filepath}),
 * {@code filepath_arg} (default {@code filepath}), {@code filename_suffix}, {@code overwrite},
 * {@code credentials}, {@code load_args} and {@code fs_args} (accepted and ignored: local folders),
 * {@code metadata}. The underlying dataset cannot be versioned.
 *
 * <pre>{@code
 * daily_reviews:
 *   type: partitions.PartitionedDataset
 *   path: data/01_raw/reviews_by_day
 *   dataset: {type: pandas.CSVDataset, load_args: {sep: ";"}}
 *   filename_suffix: .csv
 * }</pre>
 *
 * <p>This class is thread-safe.
 *
 * @param <T> the type of one partition's data
 */
public final class PartitionedDataset<T> extends AbstractDataset<Map<String, Supplier<T>>> {
  static final String TYPE = "PartitionedDataset";

  private final String datasetName;
  private final Path path;
  private final Map<String, Object> datasetConfig;
  private final String filepathArg;
  private final String suffix;
  private final boolean overwrite;

  /**
   * Creates a dataset from Kedro-shaped config (see the class comment).
   *
   * @throws DatasetException if a key is not supported or the underlying dataset is invalid
   */
  public PartitionedDataset(Map<String, Object> config) {
    this(DatasetNames.fromConfig(config), config);
  }

  PartitionedDataset(String datasetName, Map<String, Object> config) {
    this(new EntryConfig(datasetName, TYPE, Objects.requireNonNull(config, "config")));
  }

  private PartitionedDataset(EntryConfig entry) {
    entry.requireOnly(
        Set.of(
            "path",
            "dataset",
            "filepath_arg",
            "filename_suffix",
            "overwrite",
            "credentials",
            "load_args",
            "fs_args",
            "metadata"));
    this.datasetName = entry.datasetName();
    this.path = entry.filepath("path");
    this.filepathArg = entry.string("filepath_arg", "filepath");
    this.suffix = entry.string("filename_suffix", "");
    this.overwrite = entry.bool("overwrite", false);
    Object dataset = entry.raw("dataset");
    Map<String, Object> underlying = new LinkedHashMap<>();
    if (dataset instanceof String type) {
      underlying.put("type", type);
    } else if (dataset instanceof Map<?, ?> map && map.get("type") instanceof String) {
      map.forEach((k, v) -> underlying.put(String.valueOf(k), v));
    } else {
      throw new DatasetException(
          "Dataset '"
              + datasetName
              + "' of type "
              + TYPE
              + (dataset == null ? " has no 'dataset'" : " has a 'dataset' without a 'type'")
              + ". Name the type of its partitions, for example 'dataset: pandas.CSVDataset' or"
              + " 'dataset: {type: pandas.CSVDataset, load_args: {sep: \";\"}}'.");
    }
    if (underlying.containsKey(filepathArg)) {
      throw new DatasetException(
          "Dataset '"
              + datasetName
              + "' of type "
              + TYPE
              + ": its 'dataset' has '"
              + filepathArg
              + "', which the partitions set themselves. Remove it from 'dataset'.");
    }
    if (Boolean.TRUE.equals(underlying.get("versioned"))) {
      throw new DatasetException(
          "Dataset '"
              + datasetName
              + "' of type "
              + TYPE
              + " does not support versioning of the underlying dataset. Remove 'versioned' from"
              + " its 'dataset'.");
    }
    this.datasetConfig = Map.copyOf(underlying);
    partition("check"); // the underlying config is checked now, not at the first load
  }

  @SuppressWarnings("unchecked")
  private Dataset<T> partition(String id) {
    Map<String, Object> config = new LinkedHashMap<>(datasetConfig);
    config.put(filepathArg, path.resolve(id + suffix).toString());
    String name = datasetName + "/" + id;
    return (Dataset<T>) DataCatalog.fromConfig(Map.of(name, config)).get(name);
  }

  /**
   * Saves partitions given as values or as suppliers of values (what {@link #save} takes, without
   * the cast).
   *
   * @throws DatasetException if a partition id is invalid or a partition fails to save
   */
  @SuppressWarnings("unchecked")
  public void savePartitions(Map<String, ?> partitions) {
    save((Map<String, Supplier<T>>) partitions);
  }

  @Override
  protected Map<String, Supplier<T>> doLoad() throws IOException {
    List<String> ids = partitionIds();
    if (ids.isEmpty()) {
      throw new DatasetException(
          "Dataset '"
              + datasetName
              + "' of type "
              + TYPE
              + ": no partitions found in '"
              + path.toAbsolutePath()
              + "'"
              + (suffix.isEmpty() ? "" : " (files ending with '" + suffix + "')")
              + ". Check its path and filename_suffix, or save partitions first.");
    }
    Map<String, Supplier<T>> partitions = new TreeMap<>();
    for (String id : ids) {
      Dataset<T> dataset = partition(id);
      partitions.put(id, dataset::load);
    }
    return java.util.Collections.unmodifiableMap(partitions);
  }

  private List<String> partitionIds() throws IOException {
    if (!Files.isDirectory(path)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(path)) {
      return files
          .filter(Files::isRegularFile)
          .filter(f -> !f.getFileName().toString().startsWith("."))
          .map(f -> path.relativize(f).toString().replace('\\', '/'))
          .filter(f -> f.endsWith(suffix) && f.length() > suffix.length())
          .map(f -> f.substring(0, f.length() - suffix.length()))
          .sorted()
          .toList();
    }
  }

  @Override
  protected void doSave(Map<String, Supplier<T>> data) throws IOException {
    Map<String, Object> partitions = new LinkedHashMap<>(data);
    for (String id : partitions.keySet()) {
      Path target = path.resolve(id + suffix).normalize();
      if (id.isBlank() || Path.of(id).isAbsolute() || !target.startsWith(path.normalize())) {
        throw new DatasetException(
            "Dataset '"
                + datasetName
                + "' of type "
                + TYPE
                + " cannot save partition '"
                + id
                + "': a partition id is a relative path inside '"
                + path
                + "'. Use ids such as '2024-01-01' or 'region/north'.");
      }
    }
    if (overwrite) {
      for (String id : partitionIds()) {
        Files.deleteIfExists(path.resolve(id + suffix));
      }
    }
    for (Map.Entry<String, Object> entry : partitions.entrySet()) {
      Object value = entry.getValue();
      if (value instanceof Supplier<?> supplier) {
        value = supplier.get();
      }
      @SuppressWarnings("unchecked")
      T partitionData = (T) value;
      partition(entry.getKey()).save(partitionData);
    }
  }

  @Override
  protected boolean doExists() throws IOException {
    return !partitionIds().isEmpty();
  }

  @Override
  protected Map<String, Object> doDescribe() {
    Map<String, Object> description = new LinkedHashMap<>();
    description.put("path", path.toString());
    description.put("dataset_type", datasetConfig.get("type"));
    description.put("filename_suffix", suffix.isEmpty() ? null : suffix);
    return description;
  }
}
