package io.sharedcatalog.datasets;

import static io.sharedcatalog.datasets.Tables.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sharedcatalog.catalog.DataCatalog;
import io.sharedcatalog.catalog.DatasetException;
import io.sharedcatalog.catalog.VersionAlreadyExistsException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetDatasetTest {
  @TempDir Path dir;

  @Test
  void recordsRoundTripWithTheirTypes() {
    Path file = dir.resolve("shuttles.parquet");
    DataCatalog catalog =
        DataCatalog.fromConfig(
            Map.of(
                "shuttles",
                config(
                    "type",
                    "pandas.ParquetDataset",
                    "filepath",
                    file.toString(),
                    "record",
                    Shuttle.class.getName())));
    List<Shuttle> shuttles = Tables.shuttles(1000);
    catalog.save("shuttles", shuttles);
    assertEquals(shuttles, catalog.load("shuttles"));
  }

  @Test
  void rowsKeepColumnOrderAndParquetTypes() {
    Path file = dir.resolve("rows.parquet");
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("z_long", 1L);
    row.put("a_int", 2);
    row.put("m_double", 2.5);
    row.put("b_bool", true);
    row.put("text", "hello");
    row.put("day", LocalDate.of(2024, 2, 29));
    row.put("at", LocalDateTime.of(2024, 2, 29, 12, 30, 1));
    row.put("money", new BigDecimal("12.3400000000"));
    row.put("nothing", null);
    DataCatalog catalog =
        DataCatalog.fromConfig(
            Map.of(
                "rows",
                config(
                    "type",
                    "ParquetDataset",
                    "filepath",
                    file.toString(),
                    "save_args",
                    Map.of("compression", "zstd", "index", false))));
    catalog.save("rows", List.of(row));
    List<Map<String, Object>> loaded = catalog.load("rows");
    assertEquals(List.copyOf(row.keySet()), List.copyOf(loaded.get(0).keySet()));
    assertEquals(1L, loaded.get(0).get("z_long"));
    assertEquals(2, loaded.get(0).get("a_int"));
    assertEquals(2.5, loaded.get(0).get("m_double"));
    assertEquals(true, loaded.get(0).get("b_bool"));
    assertEquals(LocalDate.of(2024, 2, 29), loaded.get(0).get("day"));
    assertEquals(LocalDateTime.of(2024, 2, 29, 12, 30, 1), loaded.get(0).get("at"));
    assertInstanceOf(BigDecimal.class, loaded.get(0).get("money"));
    assertEquals(0, new BigDecimal("12.34").compareTo((BigDecimal) loaded.get(0).get("money")));
  }

  @Test
  void loadArgsColumnsReadsOnlyThoseColumns() {
    Path file = dir.resolve("rows.parquet");
    DataCatalog.fromConfig(
            Map.of("w", config("type", "pandas.ParquetDataset", "filepath", file.toString())))
        .save("w", Tables.rows());
    List<Map<String, Object>> loaded =
        DataCatalog.fromConfig(
                Map.of(
                    "r",
                    config(
                        "type",
                        "pandas.ParquetDataset",
                        "filepath",
                        file.toString(),
                        "load_args",
                        Map.of("columns", List.of("mid", "zeta")))))
            .load("r");
    assertEquals(List.of("mid", "zeta"), List.copyOf(loaded.get(0).keySet()));
  }

  @Test
  void versionedSavesNeverOverwriteAVersion() {
    Path folder = dir.resolve("model_input_table.parquet");
    Map<String, Object> entry =
        config("type", "pandas.ParquetDataset", "filepath", folder.toString(), "versioned", true);
    DataCatalog catalog =
        DataCatalog.fromConfig(Map.of("t", entry), null, null, "2024-05-01T00.00.00.000Z");
    catalog.save("t", Tables.rows());
    assertTrue(
        Files.isRegularFile(folder.resolve("2024-05-01T00.00.00.000Z/model_input_table.parquet")));
    assertThrows(VersionAlreadyExistsException.class, () -> catalog.save("t", Tables.rows()));
    assertEquals(Tables.rows(), DataCatalog.fromConfig(Map.of("t", entry)).load("t"));
  }

  @Test
  void anUnknownCompressionIsRefusedByName() {
    DatasetException e =
        assertThrows(
            DatasetException.class,
            () ->
                DataCatalog.fromConfig(
                        Map.of(
                            "t",
                            config(
                                "type",
                                "pandas.ParquetDataset",
                                "filepath",
                                "x.parquet",
                                "save_args",
                                Map.of("compression", "zip"))))
                    .get("t"));
    assertTrue(e.getMessage().contains("compression: zip"), e.getMessage());
  }
}
