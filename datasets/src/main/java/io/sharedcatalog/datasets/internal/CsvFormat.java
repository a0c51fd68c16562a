package io.sharedcatalog.datasets.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.sharedcatalog.catalog.DatasetException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CSV files through Jackson's CSV module, read and written as pandas' {@code read_csv} / {@code
 * to_csv} do with the arguments Kedro projects use. Column types are inferred as pandas does:
 * integers ({@code Long}), else decimals ({@code Double}), else booleans ({@code True}/{@code
 * false}...), else text; pandas' default missing-value markers ({@code ""}, {@code NA}, {@code
 * NaN}, {@code null}, ...) load as {@code null}. {@code dtype} and {@code parse_dates} override.
 *
 * <p>This class is thread-safe.
 */
public final class CsvFormat {
  /** The {@code load_args} honoured. */
  public static final Set<String> LOAD_HONOURED =
      Set.of(
          "sep",
          "delimiter",
          "header",
          "names",
          "encoding",
          "na_values",
          "keep_default_na",
          "usecols",
          "dtype",
          "skiprows",
          "nrows",
          "quotechar",
          "parse_dates");

  /** The {@code load_args} accepted and ignored. */
  public static final Set<String> LOAD_IGNORED =
      Set.of(
          "index_col", "engine", "low_memory", "memory_map", "float_precision", "storage_options");

  /** The {@code save_args} honoured. */
  public static final Set<String> SAVE_HONOURED =
      Set.of("sep", "header", "encoding", "na_rep", "columns", "quotechar", "lineterminator");

  /** The {@code save_args} accepted and ignored. */
  public static final Set<String> SAVE_IGNORED =
      Set.of("index", "index_label", "mode", "storage_options");

  /** pandas' default missing-value markers. */
  static final Set<String> DEFAULT_NA =
      Set.of(
          "",
          "#N/A",
          "#N/A N/A",
          "#NA",
          "-1.#IND",
          "-1.#QNAN",
          "-NaN",
          "-nan",
          "1.#IND",
          "1.#QNAN",
          "<NA>",
          "N/A",
          "NA",
          "NULL",
          "NaN",
          "None",
          "n/a",
          "nan",
          "null");

  private static final CsvMapper MAPPER = new CsvMapper();

  private final String datasetName;
  private final Args load;
  private final Args save;

  /** Creates the format for a dataset's checked arguments. */
  public CsvFormat(String datasetName, Args load, Args save) {
    this.datasetName = datasetName;
    this.load = load;
    this.save = save;
  }

  /**
   * Reads a CSV file.
   *
   * @throws DatasetException for a malformed line, naming the file and the line
   */
  public Table read(Path file) throws IOException {
    char sep = load.has("sep") ? load.character("sep", ',') : load.character("delimiter", ',');
    CsvSchema schema =
        CsvSchema.emptySchema()
            .withColumnSeparator(sep)
            .withQuoteChar(load.character("quotechar", '"'))
            .withoutHeader();
    Charset charset = load.encoding("encoding");
    int skip = load.integer("skiprows", 0);
    int headerRow = headerRow();
    List<String> names = load.strings("names");
    int nrows = load.has("nrows") ? load.integer("nrows", 0) : Integer.MAX_VALUE;
    List<String> columns = names.isEmpty() ? null : new ArrayList<>(names);
    List<String[]> raw = new ArrayList<>();
    List<Long> lines = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(file, charset);
        MappingIterator<String[]> rows =
            MAPPER
                .readerFor(String[].class)
                .with(CsvParser.Feature.WRAP_AS_ARRAY)
                .with(CsvParser.Feature.SKIP_EMPTY_LINES)
                .with(schema)
                .readValues(reader)) {
      int index = 0;
      while (raw.size() < nrows) {
        String[] row;
        long line;
        try {
          if (!rows.hasNextValue()) {
            break;
          }
          line = rows.getParser().currentLocation().getLineNr();
          row = rows.nextValue();
        } catch (JsonProcessingException e) {
          throw malformed(file, e.getLocation(), e.getOriginalMessage(), e);
        } catch (RuntimeJsonMappingException e) {
          throw malformed(file, rows.getParser().currentLocation(), e.getMessage(), e);
        }
        if (index == 0 && row.length > 0 && row[0].startsWith("\uFEFF")) {
          row[0] = row[0].substring(1);
        }
        int at = index++;
        if (at < skip) {
          continue;
        }
        if (columns == null && headerRow >= 0 && at - skip <= headerRow) {
          if (at - skip == headerRow) {
            columns = List.of(row);
          }
          continue;
        }
        if (columns == null) {
          columns = new ArrayList<>();
          for (int c = 0; c < row.length; c++) {
            columns.add(Integer.toString(c));
          }
        }
        if (row.length > columns.size()) {
          throw malformed(
              file, line, "expected " + columns.size() + " fields, saw " + row.length, null);
        }
        raw.add(row);
        lines.add(line);
      }
    }
    if (columns == null) {
      return new Table(List.of(), List.of());
    }
    return typed(file, columns, raw);
  }

  private int headerRow() {
    if (!load.has("header")) {
      return load.strings("names").isEmpty() ? 0 : -1;
    }
    Object header = load.raw("header");
    if (header == null || "None".equals(header)) {
      return -1;
    }
    if ("infer".equals(header)) {
      return load.strings("names").isEmpty() ? 0 : -1;
    }
    if (header instanceof Integer || header instanceof Long) {
      return ((Number) header).intValue();
    }
    throw load.wrong("header", header, "a row number, 'infer' or null");
  }

  private Table typed(Path file, List<String> allColumns, List<String[]> raw) {
    Set<String> na = new HashSet<>(load.bool("keep_default_na", true) ? DEFAULT_NA : Set.of());
    Object naValues = load.raw("na_values");
    Map<?, ?> naByColumn = naValues instanceof Map<?, ?> map ? map : Map.of();
    if (!(naValues instanceof Map<?, ?>)) {
      na.addAll(EntryConfig.strings(naValues));
    }
    List<String> use = load.strings("usecols");
    List<Integer> picked = new ArrayList<>();
    for (int c = 0; c < allColumns.size(); c++) {
      if (use.isEmpty() || use.contains(allColumns.get(c))) {
        picked.add(c);
      }
    }
    for (String wanted : use) {
      if (!allColumns.contains(wanted)) {
        throw load.wrong("usecols", use, "a list of columns of " + file + " " + allColumns);
      }
    }
    List<String> columns = picked.stream().map(allColumns::get).toList();
    List<Object[]> rows = new ArrayList<>(raw.size());
    for (int r = 0; r < raw.size(); r++) {
      rows.add(new Object[columns.size()]);
    }
    Set<String> dates = new HashSet<>(load.strings("parse_dates"));
    for (int p = 0; p < picked.size(); p++) {
      int source = picked.get(p);
      String column = allColumns.get(source);
      Set<String> columnNa = na;
      if (naByColumn.containsKey(column)) {
        columnNa = new HashSet<>(na);
        columnNa.addAll(EntryConfig.strings(naByColumn.get(column)));
      }
      String[] cells = new String[raw.size()];
      for (int r = 0; r < cells.length; r++) {
        String[] row = raw.get(r);
        String cell = source < row.length ? row[source] : null;
        cells[r] = cell == null || columnNa.contains(cell) ? null : cell;
      }
      Class<?> type = dates.contains(column) ? java.time.LocalDateTime.class : dtype(column);
      Object[] values = CsvInference.column(cells, type);
      if (values == null) {
        throw load.wrong(
            dates.contains(column) ? "parse_dates" : "dtype",
            column,
            "a conversion that fits every value of column '" + column + "' in " + file);
      }
      for (int r = 0; r < cells.length; r++) {
        rows.get(r)[p] = values[r];
      }
    }
    return new Table(columns, rows);
  }

  private Class<?> dtype(String column) {
    Object dtype = load.raw("dtype");
    if (dtype == null) {
      return null;
    }
    Object name = dtype instanceof Map<?, ?> map ? map.get(column) : dtype;
    if (name == null) {
      return null;
    }
    Class<?> type = CsvInference.dtype(String.valueOf(name));
    if (type == null) {
      throw load.wrong("dtype", name, "one of str, object, int, int64, float, float64, bool");
    }
    return type;
  }

  /** Writes a table as CSV. */
  public void write(Path file, Table table) throws IOException {
    List<String> columns = table.columns();
    List<String> keep = save.strings("columns");
    int[] order;
    if (keep.isEmpty()) {
      order = new int[columns.size()];
      for (int c = 0; c < order.length; c++) {
        order[c] = c;
      }
    } else {
      order = new int[keep.size()];
      for (int c = 0; c < order.length; c++) {
        order[c] = columns.indexOf(keep.get(c));
        if (order[c] < 0) {
          throw save.wrong("columns", keep, "a list of the data's columns " + columns);
        }
      }
    }
    CsvSchema schema =
        CsvSchema.emptySchema()
            .withColumnSeparator(save.character("sep", ','))
            .withQuoteChar(save.character("quotechar", '"'))
            .withLineSeparator(save.string("lineterminator", "\n"))
            .withoutHeader();
    String naRep = save.string("na_rep", "");
    Object header = save.raw("header");
    try (BufferedWriter writer = Files.newBufferedWriter(file, save.encoding("encoding"));
        SequenceWriter out =
            MAPPER
                .writerFor(String[].class)
                .with(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
                .with(schema)
                .writeValues(writer)) {
      if (header == null || Boolean.TRUE.equals(header)) {
        String[] names = new String[order.length];
        for (int c = 0; c < order.length; c++) {
          names[c] = columns.get(order[c]);
        }
        out.write(names);
      } else if (header instanceof List<?> aliases) {
        out.write(aliases.stream().map(String::valueOf).toArray(String[]::new));
      } else if (!Boolean.FALSE.equals(header)) {
        throw save.wrong("header", header, "true, false or a list of column names");
      }
      String[] cells = new String[order.length];
      for (Object[] row : table.rows()) {
        for (int c = 0; c < order.length; c++) {
          cells[c] = CsvInference.format(row[order[c]], naRep);
        }
        out.write(cells);
      }
    }
  }

  private DatasetException malformed(Path file, JsonLocation location, String what, Exception e) {
    return malformed(file, location == null ? -1 : location.getLineNr(), what, e);
  }

  private DatasetException malformed(Path file, long line, String what, Exception e) {
    return new DatasetException(
        "Dataset '"
            + datasetName
            + "': malformed CSV in '"
            + file
            + "'"
            + (line > 0 ? " at line " + line : "")
            + ": "
            + what
            + ". Fix that line of the file (quote fields that hold the separator), or set"
            + " load_args 'sep' / 'quotechar' to match the file.",
        e);
  }
}
