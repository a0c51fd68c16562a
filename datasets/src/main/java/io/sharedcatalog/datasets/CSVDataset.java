package io.sharedcatalog.datasets;

import io.sharedcatalog.datasets.internal.Args;
import io.sharedcatalog.datasets.internal.CsvFormat;
import io.sharedcatalog.datasets.internal.EntryConfig;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A table in a CSV file (Kedro's {@code pandas.CSVDataset}), optionally versioned.
 *
 * <p>Loads a {@code List<R>} of the record named by {@code record}, else a {@code List<Map<String,
 * Object>>} whose maps keep the file's column order; saves either. Column types are inferred as
 * pandas does: whole numbers as {@code Long}, else decimals as {@code Double}, else {@code
 * True}/{@code False} as {@code Boolean}, else text; pandas' missing-value markers load as {@code
 * null}.
 *
 * <p>Config keys: {@code filepath} (required), {@code record}, {@code versioned}, {@code load_args}
 * (honoured: sep, delimiter, header, names, encoding, na_values, keep_default_na, usecols, dtype,
 * skiprows, nrows, quotechar, parse_dates; ignored: index_col, engine, low_memory, memory_map,
 * float_precision, storage_options), {@code save_args} (honoured: sep, header, encoding, na_rep,
 * columns, quotechar, lineterminator; ignored: index, index_label, mode, storage_options), {@code
 * credentials}, {@code fs_args}, {@code metadata}.
 *
 * <pre>{@code
 * companies:
 *   type: pandas.CSVDataset
 *   filepath: data/01_raw/companies.csv
 *   record: com.acme.Company     # optional
 *   load_args: {sep: ",", na_values: ["#NA"]}
 * }</pre>
 *
 * <p>This class is thread-safe.
 *
 * @param <R> the row type: a record, or {@code Map<String, Object>}
 */
public final class CSVDataset<R> extends FileDataset<List<R>> {
  static final String TYPE = "CSVDataset";
  private static final Set<String> KEYS = keys();

  private final CsvFormat format;
  private final Args load;
  private final Args save;

  /**
   * Creates a dataset from Kedro-shaped config (see the class comment).
   *
   * @throws io.sharedcatalog.catalog.DatasetException if a key or argument is not supported; the
   *     message names it
   */
  public CSVDataset(Map<String, Object> config) {
    this(DatasetNames.fromConfig(config), config);
  }

  CSVDataset(String datasetName, Map<String, Object> config) {
    this(new EntryConfig(datasetName, TYPE, Objects.requireNonNull(config, "config")));
  }

  private CSVDataset(EntryConfig entry) {
    super(checked(entry), true);
    this.load = Args.of(entry, "load_args", CsvFormat.LOAD_HONOURED, CsvFormat.LOAD_IGNORED);
    this.save = Args.of(entry, "save_args", CsvFormat.SAVE_HONOURED, CsvFormat.SAVE_IGNORED);
    this.format = new CsvFormat(entry.datasetName(), load, save);
  }

  private static EntryConfig checked(EntryConfig entry) {
    entry.requireOnly(KEYS);
    return entry;
  }

  private static Set<String> keys() {
    Set<String> keys = new HashSet<>(FILE_KEYS);
    keys.addAll(List.of("record", "load_args", "save_args"));
    return Set.copyOf(keys);
  }

  @Override
  Object read(Path file) throws Exception {
    return rows(format.read(file));
  }

  @Override
  void write(Path file, Object data) throws Exception {
    format.write(file, table(data));
  }

  @Override
  void describeInto(Map<String, Object> description) {
    description.put("load_args", load.values().isEmpty() ? null : load.values());
    description.put("save_args", save.values().isEmpty() ? null : save.values());
  }
}
