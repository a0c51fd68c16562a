package io.sharedcatalog.datasets;

import io.sharedcatalog.catalog.DatasetException;
import io.sharedcatalog.datasets.internal.Args;
import io.sharedcatalog.datasets.internal.CsvFormatDefaults;
import io.sharedcatalog.datasets.internal.EntryConfig;
import io.sharedcatalog.datasets.internal.ExcelFormat;
import io.sharedcatalog.datasets.internal.Table;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Tables in an Excel workbook (Kedro's {@code pandas.ExcelDataset}), optionally versioned, through
 * Apache POI. One sheet loads as a {@code List<R>}; several ({@code sheet_name} a list, or {@code
 * null} for all) load as a {@code Map<String, List<R>>} by sheet name, in order. Saving a list
 * writes one sheet ({@code save_args.sheet_name}, default {@code Sheet1}); saving a map writes a
 * sheet per entry. Whole numbers load as {@code Long}, other numbers as {@code Double}, date cells
 * as {@code LocalDateTime}.
 *
 * <p>Config keys: {@code filepath} (required), {@code record}, {@code versioned}, {@code load_args}
 * (honoured: sheet_name (0, a name, a list, or null), header, names, usecols, skiprows, nrows,
 * na_values, keep_default_na; ignored: engine, index_col, storage_options), {@code save_args}
 * (honoured: sheet_name, header, columns, na_rep; ignored: index, engine, writer, storage_options),
 * {@code credentials}, {@code fs_args}, {@code metadata}.
 *
 * <pre>{@code
 * shuttles:
 *   type: pandas.ExcelDataset
 *   filepath: data/01_raw/shuttles.xlsx
 *   load_args: {engine: openpyxl}
 * }</pre>
 *
 * <p>This class is thread-safe.
 *
 * @param <T> {@code List<R>} for one sheet, {@code Map<String, List<R>>} for several; {@code R} a
 *     record or {@code Map<String, Object>}
 */
public final class ExcelDataset<T> extends FileDataset<T> {
  static final String TYPE = "ExcelDataset";

  private final Args load;
  private final Args save;

  /**
   * Creates a dataset from Kedro-shaped config (see the class comment).
   *
   * @throws DatasetException if a key or argument is not supported; the message names it
   */
  public ExcelDataset(Map<String, Object> config) {
    this(DatasetNames.fromConfig(config), config);
  }

  ExcelDataset(String datasetName, Map<String, Object> config) {
    this(new EntryConfig(datasetName, TYPE, Objects.requireNonNull(config, "config")));
  }

  private ExcelDataset(EntryConfig entry) {
    super(checked(entry), true);
    this.load =
        Args.of(
            entry,
            "load_args",
            Set.of(
                "sheet_name",
                "header",
                "names",
                "usecols",
                "skiprows",
                "nrows",
                "na_values",
                "keep_default_na"),
            Set.of("engine", "index_col", "storage_options"));
    this.save =
        Args.of(
            entry,
            "save_args",
            Set.of("sheet_name", "header", "columns", "na_rep"),
            Set.of("index", "engine", "writer", "storage_options"));
  }

  private static EntryConfig checked(EntryConfig entry) {
    Set<String> keys = new HashSet<>(FILE_KEYS);
    keys.addAll(List.of("record", "load_args", "save_args"));
    entry.requireOnly(keys);
    return entry;
  }

  @Override
  Object read(Path file) throws Exception {
    Object sheetName = load.has("sheet_name") ? load.raw("sheet_name") : Integer.valueOf(0);
    boolean several = sheetName == null || sheetName instanceof List<?>;
    List<Object> sheets =
        sheetName == null
            ? null
            : sheetName instanceof List<?> list ? new ArrayList<>(list) : List.of(sheetName);
    Set<String> na =
        new HashSet<>(load.bool("keep_default_na", true) ? CsvFormatDefaults.NA : Set.of());
    na.addAll(load.strings("na_values"));
    Map<String, Table> tables;
    try {
      tables =
          ExcelFormat.read(
              file,
              sheets,
              new ExcelFormat.ReadOptions(
                  headerRow(),
                  load.strings("names"),
                  load.strings("usecols"),
                  load.integer("skiprows", 0),
                  load.has("nrows") ? load.integer("nrows", 0) : Integer.MAX_VALUE,
                  na));
    } catch (IllegalArgumentException e) {
      throw new DatasetException(
          "Dataset '"
              + datasetName()
              + "': cannot read '"
              + file
              + "': "
              + e.getMessage()
              + ". Fix load_args 'sheet_name' / 'usecols' to match the workbook.",
          e);
    }
    if (!several) {
      return rows(tables.values().iterator().next());
    }
    Map<String, Object> bySheet = new LinkedHashMap<>();
    tables.forEach((name, table) -> bySheet.put(name, rows(table)));
    return bySheet;
  }

  private int headerRow() {
    if (!load.has("header")) {
      return load.strings("names").isEmpty() ? 0 : -1;
    }
    Object header = load.raw("header");
    if (header == null) {
      return -1;
    }
    if (header instanceof Integer || header instanceof Long) {
      return ((Number) header).intValue();
    }
    throw load.wrong("header", header, "a row number or null");
  }

  @Override
  void write(Path file, Object data) throws Exception {
    Map<String, Table> sheets = new LinkedHashMap<>();
    if (data instanceof Map<?, ?> bySheet) {
      if (bySheet.isEmpty()) {
        throw new DatasetException(
            "Dataset '"
                + datasetName()
                + "' cannot save a workbook with no sheets. Save at least one.");
      }
      bySheet.forEach((name, rows) -> sheets.put(String.valueOf(name), table(rows)));
    } else {
      sheets.put(save.string("sheet_name", "Sheet1"), table(data));
    }
    Object header = save.raw("header");
    if (header != null && !(header instanceof Boolean)) {
      throw save.wrong("header", header, "true or false");
    }
    try {
      ExcelFormat.write(
          file,
          sheets,
          new ExcelFormat.WriteOptions(
              !Boolean.FALSE.equals(header), save.strings("columns"), save.string("na_rep", "")));
    } catch (IllegalArgumentException e) {
      throw new DatasetException("Dataset '" + datasetName() + "': " + e.getMessage() + ".", e);
    }
  }

  @Override
  void describeInto(Map<String, Object> description) {
    description.put("load_args", load.values().isEmpty() ? null : load.values());
    description.put("save_args", save.values().isEmpty() ? null : save.values());
  }
}
