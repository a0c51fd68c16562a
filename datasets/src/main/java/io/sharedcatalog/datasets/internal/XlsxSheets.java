package io.sharedcatalog.datasets.internal;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads the cells of {@code .xlsx} sheets with POI's streaming event API ({@link XSSFReader} and
 * SAX), which is many times faster and smaller than building the workbook's object model: numbers
 * as {@code Double}, date-formatted numbers as {@code LocalDateTime}, texts, booleans; empty and
 * error cells are left out.
 *
 * <p>This class is thread-safe.
 */
final class XlsxSheets {
  private XlsxSheets() {}

  /**
   * Returns the cells of the sheets asked, by sheet name in the order asked, each as row index to
   * the row's values by column.
   *
   * @param sheets sheet names or 0-based indexes ({@code Number}), or {@code null} for all
   * @throws IllegalArgumentException if a sheet is not in the workbook
   */
  static Map<String, TreeMap<Integer, Object[]>> read(Path file, List<Object> sheets)
      throws Exception {
    try (OPCPackage workbook = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
      XSSFReader reader = new XSSFReader(workbook);
      ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(workbook);
      StylesTable styles = reader.getStylesTable();
      Map<String, TreeMap<Integer, Object[]>> all = new LinkedHashMap<>();
      List<String> names = new ArrayList<>();
      XSSFReader.SheetIterator iterator = (XSSFReader.SheetIterator) reader.getSheetsData();
      while (iterator.hasNext()) {
        try (InputStream sheet = iterator.next()) {
          String name = iterator.getSheetName();
          int index = names.size();
          names.add(name);
          if (sheets == null || sheets.contains(name) || containsIndex(sheets, index)) {
            all.put(name, cells(sheet, strings, styles));
          }
        }
      }
      if (sheets == null) {
        return all;
      }
      Map<String, TreeMap<Integer, Object[]>> asked = new LinkedHashMap<>();
      for (Object sheet : sheets) {
        String name =
            sheet instanceof Number index
                ? (index.intValue() >= 0 && index.intValue() < names.size()
                    ? names.get(index.intValue())
                    : null)
                : String.valueOf(sheet);
        if (name == null || !all.containsKey(name)) {
          throw new IllegalArgumentException(
              "the workbook has no sheet " + sheet + " (sheets: " + names + ")");
        }
        asked.put(name, all.get(name));
      }
      return asked;
    }
  }

  private static boolean containsIndex(List<Object> sheets, int index) {
    return sheets.stream().anyMatch(s -> s instanceof Number n && n.intValue() == index);
  }

  private static TreeMap<Integer, Object[]> cells(
      InputStream sheet, ReadOnlySharedStringsTable strings, StylesTable styles) throws Exception {
    SheetHandler handler = new SheetHandler(strings, styles);
    XMLReader parser = XMLHelper.newXMLReader();
    parser.setContentHandler(handler);
    parser.parse(new InputSource(sheet));
    return handler.rows;
  }

  /** Collects typed cell values from a sheet's XML ({@code <row><c r t s><v/><is/></c></row>}). */
  private static final class SheetHandler extends DefaultHandler {
    private final ReadOnlySharedStringsTable strings;
    private final StylesTable styles;
    final TreeMap<Integer, Object[]> rows = new TreeMap<>();
    private final StringBuilder text = new StringBuilder();
    private List<Object> row;
    private int rowIndex = -1;
    private int column;
    private String type;
    private String style;
    private boolean collecting;

    SheetHandler(ReadOnlySharedStringsTable strings, StylesTable styles) {
      this.strings = strings;
      this.styles = styles;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) {
      switch (localName) {
        case "row" -> {
          String r = attributes.getValue("r");
          rowIndex = r != null ? Integer.parseInt(r) - 1 : rowIndex + 1;
          row = new ArrayList<>();
          column = -1;
        }
        case "c" -> {
          String reference = attributes.getValue("r");
          column = reference != null ? new CellReference(reference).getCol() : column + 1;
          type = attributes.getValue("t");
          style = attributes.getValue("s");
          text.setLength(0);
        }
        case "v", "t" -> collecting = true;
        default -> {}
      }
    }

    @Override
    public void characters(char[] ch, int start, int length) {
      if (collecting) {
        text.append(ch, start, length);
      }
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
      switch (localName) {
        case "v", "t" -> collecting = false;
        case "c" -> {
          Object value = value(text.toString());
          if (value != null) {
            while (row.size() <= column) {
              row.add(null);
            }
            row.set(column, value);
          }
        }
        case "row" -> {
          if (!row.isEmpty()) {
            rows.put(rowIndex, row.toArray());
          }
        }
        default -> {}
      }
    }

    private Object value(String raw) {
      if (type == null || type.equals("n")) {
        if (raw.isEmpty()) {
          return null;
        }
        double number = Double.parseDouble(raw);
        if (style != null && styles != null) {
          XSSFCellStyle cellStyle = styles.getStyleAt(Integer.parseInt(style));
          if (cellStyle != null
              && DateUtil.isADateFormat(cellStyle.getDataFormat(), cellStyle.getDataFormatString())
              && DateUtil.isValidExcelDate(number)) {
            return DateUtil.getLocalDateTime(number);
          }
        }
        return number;
      }
      return switch (type) {
        case "s" -> strings.getItemAt(Integer.parseInt(raw)).getString();
        case "inlineStr", "str" -> raw;
        case "b" -> raw.equals("1");
        default -> null; // "e": an error cell
      };
    }
  }
}
