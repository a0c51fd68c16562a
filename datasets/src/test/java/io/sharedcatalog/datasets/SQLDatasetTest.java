package io.sharedcatalog.datasets;

import static io.sharedcatalog.datasets.Tables.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sharedcatalog.catalog.DataCatalog;
import io.sharedcatalog.catalog.DatasetException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SQLDatasetTest {
  @TempDir Path dir;

  private Map<String, Object> credentials() {
    return Map.of("db", Map.of("con", "sqlite:///" + dir.resolve("app.db")));
  }

  private DataCatalog catalog(Map<String, Object> entries) {
    return DataCatalog.fromConfig(entries, credentials(), null, null);
  }

  private static Map<String, Object> table(String name, Object... more) {
    Map<String, Object> entry =
        config("type", "pandas.SQLTableDataset", "table_name", name, "credentials", "db");
    for (int i = 0; i < more.length; i += 2) {
      entry.put((String) more[i], more[i + 1]);
    }
    return entry;
  }

  @Test
  void recordsRoundTripThroughARealSqliteFileWithTheirTypes() {
    DataCatalog catalog =
        catalog(Map.of("shuttles", table("shuttles", "record", Shuttle.class.getName())));
    assertFalse(catalog.exists("shuttles"));
    catalog.save("shuttles", Tables.shuttles(200));
    assertTrue(Files.isRegularFile(dir.resolve("app.db")));
    assertTrue(catalog.exists("shuttles"));
    assertEquals(Tables.shuttles(200), catalog.load("shuttles"));
  }

  @Test
  void rowsRoundTripInColumnOrderAndBooleansComeBack() {
    DataCatalog catalog = catalog(Map.of("rows", table("rows")));
    catalog.save("rows", Tables.rows());
    List<Map<String, Object>> loaded = catalog.load("rows");
    assertEquals(List.of("zeta", "alpha", "mid"), List.copyOf(loaded.get(0).keySet()));
    assertEquals(true, loaded.get(0).get("mid"));
    assertEquals(2.5, loaded.get(0).get("alpha"));
    assertEquals(1L, ((Number) loaded.get(0).get("zeta")).longValue());
  }

  @Test
  void ifExistsFailReplaceAndAppendBehaveAsPandas() {
    DataCatalog catalog =
        catalog(
            Map.of(
                "fail", table("t"),
                "replace", table("t", "save_args", Map.of("if_exists", "replace", "index", false)),
                "append", table("t", "save_args", Map.of("if_exists", "append"))));
    catalog.save("fail", Tables.rows());
    DatasetException e =
        assertThrows(DatasetException.class, () -> catalog.save("fail", Tables.rows()));
    assertTrue(e.getMessage().contains("'fail'") && e.getMessage().contains("if_exists"));
    catalog.save("append", Tables.rows());
    assertEquals(6, catalog.<List<?>>load("fail").size());
    catalog.save("replace", Tables.rows().subList(0, 1));
    assertEquals(1, catalog.<List<?>>load("fail").size());
  }

  @Test
  void aQueryBindsItsParamsAndReadsRecords() throws Exception {
    DataCatalog catalog =
        catalog(
            Map.of(
                "shuttles",
                table("shuttles"),
                "big",
                config(
                    "type",
                    "pandas.SQLQueryDataset",
                    "sql",
                    "SELECT * FROM \"shuttles\" WHERE \"engines\" >= ? ORDER BY \"id\"",
                    "credentials",
                    "db",
                    "record",
                    Shuttle.class.getName(),
                    "load_args",
                    Map.of("params", List.of(3), "index_col", "id"))));
    catalog.save("shuttles", Tables.shuttles(20));
    List<Shuttle> expected = new ArrayList<>();
    for (Shuttle s : Tables.shuttles(20)) {
      if (s.engines() >= 3) {
        expected.add(s);
      }
    }
    assertEquals(expected, catalog.load("big"));
    DatasetException e = assertThrows(DatasetException.class, () -> catalog.save("big", expected));
    assertTrue(e.getMessage().contains("read-only"), e.getMessage());
  }

  @Test
  void aSqlErrorNamesTheDatasetAndTheTable() {
    DataCatalog catalog = catalog(Map.of("missing", table("no_such_table")));
    DatasetException e = assertThrows(DatasetException.class, () -> catalog.load("missing"));
    assertTrue(e.getMessage().contains("'missing'"), e.getMessage());
    assertTrue(e.getMessage().contains("no_such_table"), e.getMessage());
  }

  @Test
  void aFailedConnectionNeverShowsThePassword() {
    DataCatalog catalog =
        DataCatalog.fromConfig(
            Map.of(
                "remote",
                config(
                    "type",
                    "pandas.SQLTableDataset",
                    "table_name",
                    "shuttles",
                    "credentials",
                    "pg")),
            Map.of("pg", Map.of("con", "postgresql://kedro:s3cr%40t-pw@127.0.0.1:1/spaceflights")),
            null,
            null);
    DatasetException e = assertThrows(DatasetException.class, () -> catalog.load("remote"));
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    assertTrue(e.getMessage().contains("'remote'"), e.getMessage());
    assertTrue(
        e.getMessage().contains("jdbc:postgresql://127.0.0.1:1/spaceflights"), e.getMessage());
    assertFalse(trace.toString().contains("s3cr"), trace.toString());
    assertFalse(catalog.get("remote").toString().contains("s3cr"));
  }

  @Test
  void anUnknownSaveArgIsRefusedByName() {
    DatasetException e =
        assertThrows(
            DatasetException.class,
            () ->
                catalog(Map.of("t", table("t", "save_args", Map.of("if_exist", "replace"))))
                    .get("t"));
    assertTrue(e.getMessage().contains("if_exist"), e.getMessage());
  }
}
