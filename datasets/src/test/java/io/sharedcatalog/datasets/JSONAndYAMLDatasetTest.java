package io.sharedcatalog.datasets;

import static io.sharedcatalog.datasets.Tables.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sharedcatalog.catalog.DataCatalog;
import io.sharedcatalog.catalog.DatasetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JSONAndYAMLDatasetTest {
  @TempDir Path dir;

  @Test
  void pandasJsonRoundTripsRowsInPandasDefaultColumnsLayout() throws Exception {
    Path file = dir.resolve("rows.json");
    DataCatalog catalog =
        DataCatalog.fromConfig(
            Map.of("rows", config("type", "pandas.JSONDataset", "filepath", file.toString())));
    catalog.save("rows", Tables.rows());
    assertTrue(Files.readString(file).startsWith("{\"zeta\":{\"0\":1"), Files.readString(file));
    assertEquals(Tables.rows(), catalog.load("rows"));
  }

  @Test
  void jsonLinesRoundTripRecords() throws Exception {
    Path file = dir.resolve("shuttles.jsonl");
    DataCatalog catalog =
        DataCatalog.fromConfig(
            Map.of(
                "shuttles",
                config(
                    "type",
                    "pandas.JSONDataset",
                    "filepath",
                    file.toString(),
                    "record",
                    Shuttle.class.getName(),
                    "load_args",
                    Map.of("lines", true),
                    "save_args",
                    Map.of("lines", true, "orient", "records", "index", false))));
    catalog.save("shuttles", Tables.shuttles(3));
    assertEquals(3, Files.readAllLines(file).size());
    assertTrue(Files.readAllLines(file).get(0).contains("\"built\":\"2020-01-01\""));
    assertEquals(Tables.shuttles(3), catalog.load("shuttles"));
  }

  @Test
  void everyOrientReadsWhatItWrote() {
    for (String orient : List.of("records", "columns", "index", "split")) {
      Path file = dir.resolve(orient + ".json");
      DataCatalog catalog =
          DataCatalog.fromConfig(
              Map.of(
                  "t",
                  config(
                      "type",
                      "JSONDataset",
                      "filepath",
                      file.toString(),
                      "load_args",
                      Map.of("orient", orient),
                      "save_args",
                      Map.of("orient", orient))));
      catalog.save("t", Tables.rows());
      assertEquals(Tables.rows(), catalog.load("t"), orient);
    }
  }

  @Test
  void aFileInAnotherLayoutIsAnErrorNamingTheOrient() throws Exception {
    Path file = dir.resolve("list.json");
    Files.writeString(file, "[1, 2, 3]");
    DataCatalog catalog =
        DataCatalog.fromConfig(
            Map.of("t", config("type", "pandas.JSONDataset", "filepath", file.toString())));
    DatasetException e = assertThrows(DatasetException.class, () -> catalog.load("t"));
    assertTrue(e.getMessage().contains("'t'") && e.getMessage().contains("orient"), e.getMessage());
  }

  @Test
  void jsonDatasetHoldsAnyValueAsMapsAndLists() {
    Path file = dir.resolve("params.json");
    DataCatalog catalog =
        DataCatalog.fromConfig(
            Map.of(
                "params",
                config(
                    "type",
                    "json.JSONDataset",
                    "filepath",
                    file.toString(),
                    "versioned",
                    true,
                    "save_args",
                    Map.of("indent", 2))));
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("name", "spaceflights");
    value.put("ratio", 0.2);
    value.put("features", List.of("engines", "passenger_capacity"));
    value.put("nested", Map.of("seed", 3));
    catalog.save("params", value);
    assertEquals(value, catalog.load("params"));
  }

  @Test
  void yamlDatasetRoundTripsValues() throws Exception {
    Path file = dir.resolve("options.yml");
    DataCatalog catalog =
        DataCatalog.fromConfig(
            Map.of("options", config("type", "yaml.YAMLDataset", "filepath", file.toString())));
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("test_size", 0.2);
    value.put("random_state", 3);
    value.put("features", List.of("engines", "crew"));
    catalog.save("options", value);
    assertTrue(Files.readString(file).contains("test_size: 0.2"), Files.readString(file));
    assertEquals(value, catalog.load("options"));
  }

  @Test
  void jsonDatasetRefusesLoadArgsItDoesNotTake() {
    DatasetException e =
        assertThrows(
            DatasetException.class,
            () ->
                DataCatalog.fromConfig(
                        Map.of(
                            "p",
                            config(
                                "type",
                                "json.JSONDataset",
                                "filepath",
                                "x.json",
                                "save_args",
                                Map.of("indnet", 2))))
                    .get("p"));
    assertTrue(e.getMessage().contains("indnet"), e.getMessage());
  }
}
