package io.sharedcatalog.datasets;

import static io.sharedcatalog.datasets.Tables.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sharedcatalog.catalog.DataCatalog;
import io.sharedcatalog.catalog.DatasetException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExcelDatasetTest {
  @TempDir Path dir;

  @Test
  void oneSheetRoundTripsRowsAsPandasTypes() {
    Path file = dir.resolve("rows.xlsx");
    DataCatalog catalog =
        DataCatalog.fromConfig(
            Map.of(
                "rows",
                config(
                    "type",
                    "pandas.ExcelDataset",
                    "filepath",
                    file.toString(),
                    "load_args",
                    Map.of("engine", "openpyxl"),
                    "save_args",
                    Map.of("index", false))));
    catalog.save("rows", Tables.rows());
    assertEquals(Tables.rows(), catalog.load("rows"));
  }

  @Test
  void recordsRoundTripIncludingDates() {
    Path file = dir.resolve("shuttles.xlsx");
    DataCatalog catalog =
        DataCatalog.fromConfig(
            Map.of(
                "shuttles",
                config(
                    "type",
                    "pandas.ExcelDataset",
                    "filepath",
                    file.toString(),
                    "record",
                    Shuttle.class.getName())));
    catalog.save("shuttles", Tables.shuttles(50));
    assertEquals(Tables.shuttles(50), catalog.load("shuttles"));
  }

  @Test
  void severalSheetsLoadAsAMapBySheetName() {
    Path file = dir.resolve("book.xlsx");
    Map<String, Object> sheets = new LinkedHashMap<>();
    sheets.put("first", Tables.rows());
    sheets.put("second", Tables.rows().subList(0, 1));
    DataCatalog.fromConfig(
            Map.of("w", config("type", "pandas.ExcelDataset", "filepath", file.toString())))
        .save("w", sheets);
    Map<String, Object> all =
        DataCatalog.fromConfig(
                Map.of(
                    "all",
                    config(
                        "type",
                        "pandas.ExcelDataset",
                        "filepath",
                        file.toString(),
                        "load_args",
                        nullSheetName())))
            .load("all");
    assertEquals(sheets, all);
    List<Map<String, Object>> second =
        DataCatalog.fromConfig(
                Map.of(
                    "one",
                    config(
                        "type",
                        "pandas.ExcelDataset",
                        "filepath",
                        file.toString(),
                        "load_args",
                        Map.of("sheet_name", "second"))))
            .load("one");
    assertEquals(Tables.rows().subList(0, 1), second);
  }

  @Test
  void anOldXlsWorkbookIsReadThroughTheObjectModel() throws Exception {
    Path file = dir.resolve("legacy.xls");
    try (HSSFWorkbook workbook = new HSSFWorkbook()) {
      Sheet sheet = workbook.createSheet("Shuttles");
      Row header = sheet.createRow(0);
      header.createCell(0).setCellValue("id");
      header.createCell(1).setCellValue("price");
      header.createCell(2).setCellValue("approved");
      Row row = sheet.createRow(1);
      row.createCell(0).setCellValue(7);
      row.createCell(1).setCellValue(2.5);
      row.createCell(2).setCellValue(true);
      try (OutputStream out = Files.newOutputStream(file)) {
        workbook.write(out);
      }
    }
    List<Map<String, Object>> rows =
        DataCatalog.fromConfig(
                Map.of("old", config("type", "pandas.ExcelDataset", "filepath", file.toString())))
            .load("old");
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("id", 7L);
    expected.put("price", 2.5);
    expected.put("approved", true);
    assertEquals(List.of(expected), rows);
  }

  private static Map<String, Object> nullSheetName() {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("sheet_name", null);
    return args;
  }

  @Test
  void anUnknownSheetIsAnErrorListingTheSheets() {
    Path file = dir.resolve("book.xlsx");
    DataCatalog.fromConfig(
            Map.of("w", config("type", "pandas.ExcelDataset", "filepath", file.toString())))
        .save("w", Tables.rows());
    DatasetException e =
        assertThrows(
            DatasetException.class,
            () ->
                DataCatalog.fromConfig(
                        Map.of(
                            "r",
                            config(
                                "type",
                                "pandas.ExcelDataset",
                                "filepath",
                                file.toString(),
                                "load_args",
                                Map.of("sheet_name", "Shuttles"))))
                    .load("r"));
    assertTrue(e.getMessage().contains("'r'") && e.getMessage().contains("Sheet1"), e.getMessage());
  }
}
