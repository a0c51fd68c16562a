package io.sharedcatalog.datasets.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Excel workbooks ({@code .xlsx}, and {@code .xls} for reading) through Apache POI ({@code .xlsx}
 * sheets are read with its streaming event API, {@link XlsxSheets}), as pandas' {@code read_excel}
 * / {@code to_excel}: the first row is the header, numbers load as {@code Long} when every number
 * of the column is whole and as {@code Double} otherwise, date cells as {@code LocalDateTime},
 * empty cells as {@code null}.
 *
 * <p>This class is thread-safe.
 */
public final class ExcelFormat {
  private ExcelFormat() {}

  /** What to read from each sheet. */
  public record ReadOptions(
      int headerRow,
      List<String> names,
      List<String> usecols,
      int skiprows,
      int nrows,
      Set<String> na) {}

  /** What to write to each sheet. */
  public record WriteOptions(boolean header, List<String> columns, String naRep) {}

  /**
   * Reads sheets of a workbook.
   *
   * @param sheets the sheets by name or 0-based index ({@code Integer}), or {@code null} for all
   * @return each sheet's table by sheet name, in the order asked
   * @throws IllegalArgumentException if a sheet is not in the workbook
   */
  public static Map<String, Table> read(Path file, List<Object> sheets, ReadOptions options)
      throws Exception {
    Map<String, TreeMap<Integer, Object[]>> cells;
    boolean xlsx;
    try (InputStream in = FileMagic.prepareToCheckMagic(Files.newInputStream(file))) {
      xlsx = FileMagic.valueOf(in) == FileMagic.OOXML;
    }
    cells = xlsx ? XlsxSheets.read(file, sheets) : readWithObjectModel(file, sheets);
    Map<String, Table> tables = new LinkedHashMap<>();
    cells.forEach((name, rows) -> tables.put(name, readSheet(name, rows, options)));
    return tables;
  }

  /** Reads {@code .xls} (and anything POI opens) through the workbook object model. */
  private static Map<String, TreeMap<Integer, Object[]>> readWithObjectModel(
      Path file, List<Object> sheets) throws IOException {
    Map<String, TreeMap<Integer, Object[]>> cells = new LinkedHashMap<>();
    try (Workbook workbook = WorkbookFactory.create(file.toFile(), null, true)) {
      List<Sheet> wanted = new ArrayList<>();
      if (sheets == null) {
        workbook.forEach(wanted::add);
      } else {
        for (Object sheet : sheets) {
          Sheet found =
              sheet instanceof Number index
                  ? (index.intValue() >= 0 && index.intValue() < workbook.getNumberOfSheets()
                      ? workbook.getSheetAt(index.intValue())
                      : null)
                  : workbook.getSheet(String.valueOf(sheet));
          if (found == null) {
            List<String> names = new ArrayList<>();
            workbook.forEach(s -> names.add(s.getSheetName()));
            throw new IllegalArgumentException(
                "the workbook has no sheet " + sheet + " (sheets: " + names + ")");
          }
          wanted.add(found);
        }
      }
      for (Sheet sheet : wanted) {
        TreeMap<Integer, Object[]> rows = new TreeMap<>();
        for (Row row : sheet) {
          Object[] values = new Object[Math.max(row.getLastCellNum(), 0)];
          for (int c = 0; c < values.length; c++) {
            values[c] = value(row.getCell(c));
          }
          rows.put(row.getRowNum(), values);
        }
        cells.put(sheet.getSheetName(), rows);
      }
    }
    return cells;
  }

  private static Table readSheet(
      String sheetName, TreeMap<Integer, Object[]> cells, ReadOptions options) {
    List<String> columns = options.names().isEmpty() ? null : new ArrayList<>(options.names());
    List<Object[]> raw = new ArrayList<>();
    int first = (cells.isEmpty() ? 0 : cells.firstKey()) + options.skiprows();
    for (Map.Entry<Integer, Object[]> entry : cells.tailMap(first).entrySet()) {
      if (raw.size() >= options.nrows()) {
        break;
      }
      int r = entry.getKey();
      Object[] row = entry.getValue();
      if (columns == null && options.headerRow() >= 0 && r - first <= options.headerRow()) {
        if (r - first == options.headerRow()) {
          columns = new ArrayList<>();
          for (int c = 0; c < row.length; c++) {
            String name = headerName(row[c]);
            columns.add(name.isEmpty() ? "Unnamed: " + c : name);
          }
        }
        continue;
      }
      int width = Math.max(row.length, columns == null ? 0 : columns.size());
      Object[] values = new Object[width];
      boolean any = false;
      for (int c = 0; c < row.length; c++) {
        Object value = row[c];
        values[c] = value instanceof String text && options.na().contains(text) ? null : value;
        any |= values[c] != null;
      }
      if (any) {
        raw.add(values);
      }
    }
    if (columns == null) {
      columns = new ArrayList<>();
      int width = raw.stream().mapToInt(v -> v.length).max().orElse(0);
      for (int c = 0; c < width; c++) {
        columns.add(Integer.toString(c));
      }
    }
    List<Integer> picked = new ArrayList<>();
    for (int c = 0; c < columns.size(); c++) {
      if (options.usecols().isEmpty() || options.usecols().contains(columns.get(c))) {
        picked.add(c);
      }
    }
    for (String wanted : options.usecols()) {
      if (!columns.contains(wanted)) {
        throw new IllegalArgumentException(
            "sheet '" + sheetName + "' has no column '" + wanted + "' (columns: " + columns + ")");
      }
    }
    List<Object[]> rows = new ArrayList<>(raw.size());
    for (Object[] values : raw) {
      Object[] row = new Object[picked.size()];
      for (int p = 0; p < row.length; p++) {
        int source = picked.get(p);
        row[p] = source < values.length ? values[source] : null;
      }
      rows.add(row);
    }
    for (int p = 0; p < picked.size(); p++) {
      wholeNumbersAsLongs(rows, p);
    }
    List<String> names = new ArrayList<>();
    for (int c : picked) {
      names.add(columns.get(c));
    }
    return new Table(List.copyOf(names), rows);
  }

  private static Object value(Cell cell) {
    if (cell == null) {
      return null;
    }
    CellType type =
        cell.getCellType() == CellType.FORMULA
            ? cell.getCachedFormulaResultType()
            : cell.getCellType();
    return switch (type) {
      case NUMERIC ->
          DateUtil.isCellDateFormatted(cell)
              ? cell.getLocalDateTimeCellValue()
              : (Object) cell.getNumericCellValue();
      case STRING -> cell.getStringCellValue();
      case BOOLEAN -> cell.getBooleanCellValue();
      default -> null;
    };
  }

  private static String headerName(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 9.0e15) {
      return Long.toString(d.longValue());
    }
    return value.toString();
  }

  private static void wholeNumbersAsLongs(List<Object[]> rows, int column) {
    boolean numbers = false;
    for (Object[] row : rows) {
      Object value = row[column];
      if (value == null) {
        continue;
      }
      if (!(value instanceof Double d) || d != Math.rint(d) || Math.abs(d) > 9.0e15) {
        return;
      }
      numbers = true;
    }
    if (numbers) {
      for (Object[] row : rows) {
        if (row[column] != null) {
          row[column] = ((Double) row[column]).longValue();
        }
      }
    }
  }

  /** Writes tables as the sheets of a new workbook, in order. */
  public static void write(Path file, Map<String, Table> sheets, WriteOptions options)
      throws IOException {
    SXSSFWorkbook workbook = new SXSSFWorkbook(200);
    try {
      CellStyle dateStyle = workbook.createCellStyle();
      dateStyle.setDataFormat(
          workbook.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
      CellStyle dateTimeStyle = workbook.createCellStyle();
      dateTimeStyle.setDataFormat(
          workbook.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
      for (Map.Entry<String, Table> entry : sheets.entrySet()) {
        Table table = entry.getValue();
        int[] order = order(table.columns(), options.columns());
        Sheet sheet = workbook.createSheet(entry.getKey());
        int r = 0;
        if (options.header()) {
          Row row = sheet.createRow(r++);
          for (int c = 0; c < order.length; c++) {
            row.createCell(c).setCellValue(table.columns().get(order[c]));
          }
        }
        for (Object[] values : table.rows()) {
          Row row = sheet.createRow(r++);
          for (int c = 0; c < order.length; c++) {
            Object value = values[order[c]];
            if (value == null) {
              if (!options.naRep().isEmpty()) {
                row.createCell(c).setCellValue(options.naRep());
              }
              continue;
            }
            Cell cell = row.createCell(c);
            if (value instanceof Number number) {
              cell.setCellValue(number.doubleValue());
            } else if (value instanceof Boolean flag) {
              cell.setCellValue(flag);
            } else if (value instanceof LocalDate date) {
              cell.setCellValue(date);
              cell.setCellStyle(dateStyle);
            } else if (value instanceof LocalDateTime dateTime) {
              cell.setCellValue(dateTime);
              cell.setCellStyle(dateTimeStyle);
            } else {
              cell.setCellValue(value.toString());
            }
          }
        }
      }
      try (OutputStream out = Files.newOutputStream(file)) {
        workbook.write(out);
      }
    } finally {
      workbook.close();
      workbook.dispose();
    }
  }

  private static int[] order(List<String> columns, List<String> keep) {
    if (keep.isEmpty()) {
      int[] all = new int[columns.size()];
      for (int c = 0; c < all.length; c++) {
        all[c] = c;
      }
      return all;
    }
    Set<String> known = new HashSet<>(columns);
    int[] order = new int[keep.size()];
    for (int c = 0; c < order.length; c++) {
      if (!known.contains(keep.get(c))) {
        throw new IllegalArgumentException(
            "save_args 'columns' names '" + keep.get(c) + "', which is not a column " + columns);
      }
      order[c] = columns.indexOf(keep.get(c));
    }
    return order;
  }
}
