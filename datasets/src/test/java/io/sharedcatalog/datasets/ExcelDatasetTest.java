package io.sharedcatalog.datasets;

import static io.sharedcatalog.datasets.Tables.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sharedcatalog.catalog.DataCatalog;
import io.sharedcatalog.catalog.DatasetException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
