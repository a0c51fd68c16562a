package io.sharedcatalog.datasets;

import io.sharedcatalog.catalog.DatasetException;
import io.sharedcatalog.datasets.internal.Args;
import io.sharedcatalog.datasets.internal.EntryConfig;
import io.sharedcatalog.datasets.internal.JsonFormat;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A table in a JSON file (Kedro's {@code pandas.JSONDataset}), in one of pandas' layouts, or JSON
 * Lines with {@code lines: true}; optionally versioned. For any JSON value (maps and lists) use
 * {@link JSONValueDataset} ({@code json.JSONDataset}).
 *
 * <p>Loads a {@code List<R>} of the record named by {@code record}, else a {@code List<Map<String,
 * Object>>} in column order; saves either. Whole numbers load as {@code Long}, decimals as {@code
 * Double}.
 *
 * <p>Config keys: {@code filepath} (required), {@code record}, {@code versioned}, {@code load_args}
 * (honoured: orient, lines, encoding, nrows; ignored: dtype, convert_dates, precise_float,
 * keep_default_dates, storage_options), {@code save_args} (honoured: orient, lines, indent,
 * encoding; ignored: index, force_ascii, date_format, double_precision, date_unit,
 * storage_options), {@code credentials}, {@code fs_args}, {@code metadata}. {@code orient} is
 * {@code columns} (pandas' default), {@code records}, {@code index}, {@code split} or {@code
 * values}; {@code lines: true} implies {@code records}.
 *
 * <pre>{@code
 * reviews_json:
 *   type: pandas.JSONDataset
 *   filepath: data/01_raw/reviews.jsonl
 *   load_args: {lines: true}
 *   save_args: {orient: records, lines: true}
 * }</pre>
 *
 * <p>This class is thread-safe.
 *
 * @param <R> the row type: a record, or {@code Map<String, Object>}
 */
public final class JSONDataset<R> extends FileDataset<List<R>> {
  static final String TYPE = "JSONDataset";
  private static final Set<String> LOAD_HONOURED = Set.of("orient", "lines", "encoding", "nrows");
  private static final Set<String> LOAD_IGNORED =
      Set.of("dtype", "convert_dates", "precise_float", "keep_default_dates", "storage_options");
  private static final Set<String> SAVE_HONOURED = Set.of("orient", "lines", "indent", "encoding");
  private static final Set<String> SAVE_IGNORED =
      Set.of(
          "index",
          "force_ascii",
          "date_format",
          "double_precision",
          "date_unit",
          "storage_options");

  private final Args load;
  private final Args save;

  /**
   * Creates a dataset from Kedro-shaped config (see the class comment).
   *
   * @throws DatasetException if a key or argument is not supported; the message names it
   */
  public JSONDataset(Map<String, Object> config) {
    this(DatasetNames.fromConfig(config), config);
  }

  JSONDataset(String datasetName, Map<String, Object> config) {
    this(new EntryConfig(datasetName, TYPE, Objects.requireNonNull(config, "config")));
  }

  private JSONDataset(EntryConfig entry) {
    super(checked(entry), true);
    this.load = Args.of(entry, "load_args", LOAD_HONOURED, LOAD_IGNORED);
    this.save = Args.of(entry, "save_args", SAVE_HONOURED, SAVE_IGNORED);
    orient(load);
    orient(save);
  }

  private static EntryConfig checked(EntryConfig entry) {
    Set<String> keys = new HashSet<>(FILE_KEYS);
    keys.addAll(List.of("record", "load_args", "save_args"));
    entry.requireOnly(keys);
    return entry;
  }

  private static String orient(Args args) {
    if (args.bool("lines", false)) {
      String orient = args.string("orient", "records");
      if (!orient.equals("records")) {
        throw args.wrong(
            "orient", orient, "'records', the only layout of JSON Lines (lines: true)");
      }
      return orient;
    }
    String orient = args.string("orient", "columns");
    if (!JsonFormat.ORIENTS.contains(orient)) {
      throw args.wrong("orient", orient, "one of " + JsonFormat.ORIENTS.stream().sorted().toList());
    }
    return orient;
  }

  @Override
  Object read(Path file) throws Exception {
    io.sharedcatalog.datasets.internal.Table table;
    try {
      table =
          JsonFormat.readTable(
              file,
              load.has("encoding") ? load.encoding("encoding") : fsEncoding(true),
              orient(load),
              load.bool("lines", false));
    } catch (IllegalArgumentException e) {
      throw new DatasetException(
          "Dataset '"
              + datasetName()
              + "': '"
              + file
              + "' is not a JSON table: "
              + e.getMessage()
              + ". Set load_args 'orient' (and 'lines: true' for JSON Lines) to the file's layout.",
          e);
    }
    if (load.has("nrows") && table.rows().size() > load.integer("nrows", 0)) {
      table =
          new io.sharedcatalog.datasets.internal.Table(
              table.columns(), table.rows().subList(0, load.integer("nrows", 0)));
    }
    return rows(table);
  }

  @Override
  void write(Path file, Object data) throws Exception {
    JsonFormat.writeTable(
        file,
        table(data),
        save.has("encoding") ? save.encoding("encoding") : fsEncoding(false),
        orient(save),
        save.bool("lines", false),
        save.integer("indent", 0));
  }

  @Override
  void describeInto(Map<String, Object> description) {
    description.put("load_args", load.values().isEmpty() ? null : load.values());
    description.put("save_args", save.values().isEmpty() ? null : save.values());
  }
}
