package io.sharedcatalog.datasets;

import io.sharedcatalog.catalog.AbstractVersionedDataset;
import io.sharedcatalog.catalog.DatasetException;
import io.sharedcatalog.datasets.internal.EntryConfig;
import io.sharedcatalog.datasets.internal.Table;
import io.sharedcatalog.datasets.internal.TableValues;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the file datasets of this module share: Kedro's config keys ({@code filepath}, {@code
 * versioned}, {@code credentials} and {@code fs_args}, which mean nothing for local files beyond
 * {@code open_args_*.encoding}, and {@code metadata}), the atomic, versioned file layout of {@link
 * AbstractVersionedDataset}, a missing file reported with the dataset and the path, and tables as
 * records ({@code record: com.acme.Row}) or ordered maps.
 *
 * <p>This class is thread-safe if the subclass's format methods are.
 */
abstract class FileDataset<T> extends AbstractVersionedDataset<T> {
  static final Set<String> FILE_KEYS =
      Set.of("filepath", "version", "credentials", "fs_args", "metadata");

  private final String datasetName;
  private final String typeName;
  private final Class<?> recordClass;
  private final Map<String, Object> fsArgs;

  FileDataset(EntryConfig entry, boolean tables) {
    super(entry.filepath("filepath"), entry.version());
    this.datasetName = entry.datasetName();
    this.typeName = entry.typeName();
    this.recordClass = tables ? entry.recordClass() : null;
    this.fsArgs = entry.map("fs_args");
    for (Map.Entry<String, Object> open : fsArgs.entrySet()) {
      if (!open.getKey().equals("open_args_load") && !open.getKey().equals("open_args_save")) {
        throw new DatasetException(
            "Dataset '"
                + datasetName
                + "' of type "
                + typeName
                + " has fs_args '"
                + open.getKey()
                + "', which local files do not use. Remove it; fs_args accepted here:"
                + " open_args_load, open_args_save (their 'encoding' is honoured).");
      }
    }
  }

  /** Returns the dataset's name in its catalog (or its file name when made directly). */
  final String datasetName() {
    return datasetName;
  }

  /** Returns the configured record class, or {@code null} for rows as maps. */
  final Class<?> recordClass() {
    return recordClass;
  }

  /** Returns the encoding of {@code fs_args.open_args_load} or {@code _save}, else UTF-8. */
  final Charset fsEncoding(boolean load) {
    Object open = fsArgs.get(load ? "open_args_load" : "open_args_save");
    if (open instanceof Map<?, ?> args && args.get("encoding") instanceof String encoding) {
      try {
        return Charset.forName(encoding);
      } catch (IllegalArgumentException e) {
        throw new DatasetException(
            "Dataset '"
                + datasetName
                + "' has fs_args encoding '"
                + encoding
                + "', which is not a known encoding. Use for example utf-8.");
      }
    }
    return StandardCharsets.UTF_8;
  }

  /** Reads the value from an existing file. */
  abstract Object read(Path file) throws Exception;

  /** Writes the value to a new file. */
  abstract void write(Path file, Object data) throws Exception;

  /** Adds the type's own keys to the description. */
  abstract void describeInto(Map<String, Object> description);

  @Override
  @SuppressWarnings("unchecked")
  protected final T readFile(Path file) throws Exception {
    if (!Files.exists(file)) {
      throw new DatasetException(
          "Dataset '"
              + datasetName
              + "' of type "
              + typeName
              + " has no data: file '"
              + file.toAbsolutePath()
              + "' does not exist. Check the dataset's filepath (relative paths are resolved"
              + " against the working directory), or save the dataset first.");
    }
    return (T) read(file);
  }

  @Override
  protected final void writeFile(Path file, T data) throws Exception {
    write(file, data);
  }

  /** Returns a table as the loaded value: records of the configured class, else ordered maps. */
  final Object rows(Table table) {
    return recordClass == null
        ? TableValues.toMaps(table)
        : TableValues.toRecords(datasetName, table, recordClass);
  }

  /** Returns the table a saved value holds. */
  final Table table(Object data) {
    return TableValues.toTable(datasetName, data, recordClass);
  }

  @Override
  protected final Map<String, Object> doDescribe() {
    Map<String, Object> description = new LinkedHashMap<>();
    description.put("filepath", filepath().toString());
    if (recordClass != null) {
      description.put("record", recordClass.getName());
    }
    describeInto(description);
    description.put("version", version().orElse(null));
    return description;
  }
}
