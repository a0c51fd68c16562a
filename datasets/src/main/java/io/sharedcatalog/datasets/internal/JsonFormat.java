package io.sharedcatalog.datasets.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * JSON and YAML through Jackson: any value (maps, lists, texts, numbers, booleans, records), and
 * tables in pandas' {@code to_json} / {@code read_json} layouts ({@code orient} records, columns,
 * index, split, values; JSON Lines with {@code lines: true}). Dates and times are ISO-8601 texts.
 *
 * <p>This class is thread-safe.
 */
public final class JsonFormat {
  /** The orients pandas tables can be written in. */
  public static final Set<String> ORIENTS =
      Set.of("records", "columns", "index", "split", "values");

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .build();
  private static final ObjectMapper YAML =
      YAMLMapper.builder(
              YAMLFactory.builder()
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                  .build())
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .build();

  private JsonFormat() {}

  /** Reads any JSON value (objects as ordered maps, arrays as lists). */
  public static Object readValue(Path file, java.nio.charset.Charset charset) throws IOException {
    try (Reader reader = Files.newBufferedReader(file, charset)) {
      return JSON.readValue(reader, Object.class);
    }
  }

  /** Writes any value as JSON; {@code indent} > 0 pretty-prints. */
  public static void writeValue(
      Path file,
      Object value,
      java.nio.charset.Charset charset,
      int indent,
      boolean sortKeys,
      boolean asciiOnly)
      throws IOException {
    ObjectWriter writer = JSON.writer();
    if (indent > 0) {
      writer = writer.with(SerializationFeature.INDENT_OUTPUT);
    }
    if (sortKeys) {
      writer = writer.with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    }
    if (asciiOnly) {
      writer = writer.with(JsonWriteFeature.ESCAPE_NON_ASCII);
    }
    try (BufferedWriter out = Files.newBufferedWriter(file, charset)) {
      writer.writeValue(out, value);
    }
  }

  /** Reads any YAML value. */
  public static Object readYaml(Path file, java.nio.charset.Charset charset) throws IOException {
    try (Reader reader = Files.newBufferedReader(file, charset)) {
      return YAML.readValue(reader, Object.class);
    }
  }

  /** Writes any value as block-style YAML. */
  public static void writeYaml(
      Path file, Object value, java.nio.charset.Charset charset, boolean sortKeys)
      throws IOException {
    ObjectWriter writer = YAML.writer();
    if (sortKeys) {
      writer = writer.with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    }
    try (BufferedWriter out = Files.newBufferedWriter(file, charset)) {
      writer.writeValue(out, value);
    }
  }

  /**
   * Reads a pandas JSON table.
   *
   * @throws IllegalArgumentException if the file's shape does not match {@code orient}
   */
  public static Table readTable(
      Path file, java.nio.charset.Charset charset, String orient, boolean lines)
      throws IOException {
    if (lines) {
      List<Object> records = new ArrayList<>();
      try (BufferedReader reader = Files.newBufferedReader(file, charset);
          MappingIterator<Object> values =
              JSON.readerFor(Object.class)
                  .with(DeserializationFeature.USE_LONG_FOR_INTS)
                  .readValues(reader)) {
        while (values.hasNextValue()) {
          records.add(values.nextValue());
        }
      }
      return fromRecords(records);
    }
    Object root;
    try (Reader reader = Files.newBufferedReader(file, charset)) {
      root =
          JSON.readerFor(Object.class)
              .with(DeserializationFeature.USE_LONG_FOR_INTS)
              .readValue(reader);
    }
    switch (orient) {
      case "records":
        if (root instanceof List<?> records) {
          return fromRecords(records);
        }
        break;
      case "columns":
        if (root instanceof Map<?, ?> columns) {
          return fromColumns(columns);
        }
        break;
      case "index":
        if (root instanceof Map<?, ?> index) {
          return fromRecords(new ArrayList<>(index.values()));
        }
        break;
      case "split":
        if (root instanceof Map<?, ?> split && split.get("columns") instanceof List<?> names) {
          List<String> columns = names.stream().map(String::valueOf).toList();
          return new Table(columns, fromArrays(split.get("data"), columns.size()));
        }
        break;
      case "values":
        if (root instanceof List<?> arrays) {
          int width = arrays.isEmpty() ? 0 : ((List<?>) arrays.get(0)).size();
          List<String> columns = new ArrayList<>();
          for (int c = 0; c < width; c++) {
            columns.add(Integer.toString(c));
          }
          return new Table(columns, fromArrays(arrays, width));
        }
        break;
      default:
        break;
    }
    throw new IllegalArgumentException(
        "its content does not have the layout of orient '" + orient + "'");
  }

  private static Table fromRecords(List<?> records) {
    Set<String> columnSet = new LinkedHashSet<>();
    for (Object record : records) {
      if (!(record instanceof Map<?, ?> map)) {
        throw new IllegalArgumentException("a record is not a JSON object: " + record);
      }
      map.keySet().forEach(k -> columnSet.add(String.valueOf(k)));
    }
    List<String> columns = List.copyOf(columnSet);
    List<Object[]> rows = new ArrayList<>(records.size());
    for (Object record : records) {
      Map<?, ?> map = (Map<?, ?>) record;
      Object[] row = new Object[columns.size()];
      for (int c = 0; c < row.length; c++) {
        row[c] = map.get(columns.get(c));
      }
      rows.add(row);
    }
    return new Table(columns, rows);
  }

  private static Table fromColumns(Map<?, ?> byColumn) {
    List<String> columns = byColumn.keySet().stream().map(String::valueOf).toList();
    Set<Object> index = new LinkedHashSet<>();
    for (Object values : byColumn.values()) {
      if (!(values instanceof Map<?, ?> cells)) {
        throw new IllegalArgumentException("a column is not a JSON object of index to value");
      }
      index.addAll(cells.keySet());
    }
    List<Object[]> rows = new ArrayList<>(index.size());
    for (Object key : index) {
      Object[] row = new Object[columns.size()];
      int c = 0;
      for (Object values : byColumn.values()) {
        row[c++] = ((Map<?, ?>) values).get(key);
      }
      rows.add(row);
    }
    return new Table(columns, rows);
  }

  private static List<Object[]> fromArrays(Object data, int width) {
    if (!(data instanceof List<?> arrays)) {
      throw new IllegalArgumentException("'data' is not an array of rows");
    }
    List<Object[]> rows = new ArrayList<>(arrays.size());
    for (Object array : arrays) {
      if (!(array instanceof List<?> cells) || cells.size() != width) {
        throw new IllegalArgumentException("a row is not an array of " + width + " values");
      }
      rows.add(cells.toArray());
    }
    return rows;
  }

  /** Writes a table in a pandas layout. */
  public static void writeTable(
      Path file,
      Table table,
      java.nio.charset.Charset charset,
      String orient,
      boolean lines,
      int indent)
      throws IOException {
    List<String> columns = table.columns();
    try (BufferedWriter out = Files.newBufferedWriter(file, charset)) {
      if (lines) {
        ObjectWriter writer = JSON.writer().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        for (Object[] row : table.rows()) {
          out.write(writer.writeValueAsString(record(columns, row)));
          out.write('\n');
        }
        return;
      }
      Object value;
      switch (orient) {
        case "records" -> {
          List<Object> records = new ArrayList<>(table.rows().size());
          table.rows().forEach(row -> records.add(record(columns, row)));
          value = records;
        }
        case "index" -> {
          Map<String, Object> index = new LinkedHashMap<>();
          int r = 0;
          for (Object[] row : table.rows()) {
            index.put(Integer.toString(r++), record(columns, row));
          }
          value = index;
        }
        case "split" -> {
          Map<String, Object> split = new LinkedHashMap<>();
          split.put("columns", columns);
          List<Integer> index = new ArrayList<>();
          for (int r = 0; r < table.rows().size(); r++) {
            index.add(r);
          }
          split.put("index", index);
          split.put("data", table.rows());
          value = split;
        }
        case "values" -> value = table.rows();
        default -> {
          Map<String, Object> byColumn = new LinkedHashMap<>();
          for (int c = 0; c < columns.size(); c++) {
            Map<String, Object> cells = new LinkedHashMap<>();
            int r = 0;
            for (Object[] row : table.rows()) {
              cells.put(Integer.toString(r++), row[c]);
            }
            byColumn.put(columns.get(c), cells);
          }
          value = byColumn;
        }
      }
      ObjectWriter writer = JSON.writer();
      if (indent > 0) {
        writer = writer.with(SerializationFeature.INDENT_OUTPUT);
      }
      writer.writeValue(out, value);
    }
  }

  private static Map<String, Object> record(List<String> columns, Object[] row) {
    Map<String, Object> record = new LinkedHashMap<>();
    for (int c = 0; c < columns.size(); c++) {
      record.put(columns.get(c), row[c]);
    }
    return record;
  }
}
