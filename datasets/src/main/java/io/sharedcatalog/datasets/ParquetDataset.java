package io.sharedcatalog.datasets;

import io.sharedcatalog.datasets.internal.Args;
import io.sharedcatalog.datasets.internal.EntryConfig;
import io.sharedcatalog.datasets.internal.ParquetFormat;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A table in a Parquet file (Kedro's {@code pandas.ParquetDataset}), optionally versioned, read and
 * written by an embedded DuckDB. Column types are kept: a column loads as the Java type of its
 * Parquet type ({@code Long}, {@code Integer}, {@code Double}, {@code Boolean}, {@code String},
 * {@code BigDecimal}, {@code LocalDate}, {@code LocalDateTime}...). Saving types each column from
 * its values.
 *
 * <p>Loads a {@code List<R>} of the record named by {@code record}, else a {@code List<Map<String,
 * Object>>} in column order; saves either.
 *
 * <p>Config keys: {@code filepath} (required), {@code record}, {@code versioned}, {@code load_args}
 * (honoured: columns; ignored: engine, use_nullable_dtypes, dtype_backend, storage_options), {@code
 * save_args} (honoured: compression (snappy, zstd, gzip, lz4, brotli, none), row_group_size;
 * ignored: index, engine, storage_options), {@code credentials}, {@code fs_args}, {@code metadata}.
 *
 * <pre>{@code
 * model_input_table:
 *   type: pandas.ParquetDataset
 *   filepath: data/03_primary/model_input_table.parquet
 *   save_args: {compression: zstd}
 * }</pre>
 *
 * <p>This class is thread-safe.
 *
 * @param <R> the row type: a record, or {@code Map<String, Object>}
 */
public final class ParquetDataset<R> extends FileDataset<List<R>> {
  static final String TYPE = "ParquetDataset";
  private static final Set<String> COMPRESSIONS =
      Set.of("snappy", "zstd", "gzip", "lz4", "brotli", "none", "uncompressed");

  private final Args load;
  private final Args save;

  /**
   * Creates a dataset from Kedro-shaped config (see the class comment).
   *
   * @throws io.sharedcatalog.catalog.DatasetException if a key or argument is not supported; the
   *     message names it
   */
  public ParquetDataset(Map<String, Object> config) {
    this(DatasetNames.fromConfig(config), config);
  }

  ParquetDataset(String datasetName, Map<String, Object> config) {
    this(new EntryConfig(datasetName, TYPE, Objects.requireNonNull(config, "config")));
  }

  private ParquetDataset(EntryConfig entry) {
    super(checked(entry), true);
    this.load =
        Args.of(
            entry,
            "load_args",
            Set.of("columns"),
            Set.of("engine", "use_nullable_dtypes", "dtype_backend", "storage_options"));
    this.save =
        Args.of(
            entry,
            "save_args",
            Set.of("compression", "row_group_size"),
            Set.of("index", "engine", "storage_options"));
    String compression = compression();
    if (!COMPRESSIONS.contains(compression)) {
      throw save.wrong(
          "compression", compression, "one of " + COMPRESSIONS.stream().sorted().toList());
    }
  }

  private static EntryConfig checked(EntryConfig entry) {
    Set<String> keys = new HashSet<>(FILE_KEYS);
    keys.addAll(List.of("record", "load_args", "save_args"));
    entry.requireOnly(keys);
    return entry;
  }

  private String compression() {
    Object value = save.raw("compression");
    return value == null ? "snappy" : String.valueOf(value).toLowerCase(Locale.ROOT);
  }

  @Override
  Object read(Path file) throws Exception {
    return rows(ParquetFormat.read(file, load.strings("columns")));
  }

  @Override
  void write(Path file, Object data) throws Exception {
    ParquetFormat.write(file, table(data), compression(), save.integer("row_group_size", 0));
  }

  @Override
  void describeInto(Map<String, Object> description) {
    description.put("load_args", load.values().isEmpty() ? null : load.values());
    description.put("save_args", save.values().isEmpty() ? null : save.values());
  }
}
