package io.sharedcatalog.datasets;

import static io.sharedcatalog.datasets.Tables.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sharedcatalog.catalog.DataCatalog;
import io.sharedcatalog.catalog.DatasetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CSVDatasetTest {
  @TempDir Path dir;

  private DataCatalog catalog(String name, Map<String, Object> entry) {
    return DataCatalog.fromConfig(Map.of(name, entry));
  }

  @Test
  void rowsRoundTripKeepColumnOrderAndInferTypesAsPandas() {
    Path file = dir.resolve("rows.csv");
    DataCatalog catalog =
        catalog("rows", config("type", "pandas.CSVDataset", "filepath", file.toString()));
    catalog.save("rows", Tables.rows());
    List<Map<String, Object>> loaded = catalog.load("rows");
    assertEquals(Tables.rows(), loaded);
    assertEquals(List.of("zeta", "alpha", "mid"), List.copyOf(loaded.get(0).keySet()));
    assertInstanceOf(Long.class, loaded.get(0).get("zeta"));
    assertInstanceOf(Double.class, loaded.get(0).get("alpha"));
    assertInstanceOf(Boolean.class, loaded.get(0).get("mid"));
    assertNull(loaded.get(2).get("alpha"), "an empty cell is a missing value, as pandas' NaN");
  }

  @Test
  void inferenceFallsBackToTextAndHonoursNaValuesAndDtype() throws Exception {
    Path file = dir.resolve("mixed.csv");
    Files.writeString(
        file, "code,amount,flag,note\n007,1,True,x\nA12,2.5,False,#none\n3,n/a,TRUE,\n");
    DataCatalog catalog =
        catalog(
            "mixed",
            config(
                "type",
                "pandas.CSVDataset",
                "filepath",
                file.toString(),
                "load_args",
                Map.of("na_values", List.of("#none"), "dtype", Map.of("flag", "str"))));
    List<Map<String, Object>> rows = catalog.load("mixed");
    assertEquals("007", rows.get(0).get("code"), "a column with a text stays text");
    assertEquals(1.0, rows.get(0).get("amount"));
    assertNull(rows.get(2).get("amount"), "n/a is one of pandas' missing-value markers");
    assertEquals("True", rows.get(0).get("flag"), "dtype str keeps the text");
    assertNull(rows.get(1).get("note"));
  }

  @Test
  void recordsRoundTripThroughSeparatorAndHeaderArgs() {
    Path file = dir.resolve("shuttles.csv");
    DataCatalog catalog =
        catalog(
            "shuttles",
            config(
                "type",
                "pandas.CSVDataset",
                "filepath",
                file.toString(),
                "record",
                Shuttle.class.getName(),
                "load_args",
                Map.of("sep", ";"),
                "save_args",
                Map.of("sep", ";", "index", false)));
    List<Shuttle> shuttles = Tables.shuttles(5);
    catalog.save("shuttles", shuttles);
    assertEquals(shuttles, catalog.load("shuttles"));
  }

  @Test
  void versionedSavesKeepEveryVersionAndLoadTheLatest() throws Exception {
    Path folder = dir.resolve("companies.csv");
    Map<String, Object> entry =
        config("type", "pandas.CSVDataset", "filepath", folder.toString(), "versioned", true);
    DataCatalog.fromConfig(Map.of("c", entry), null, null, "2024-01-01T00.00.00.000Z")
        .save("c", List.of(Map.of("id", 1L)));
    DataCatalog.fromConfig(Map.of("c", entry), null, null, "2024-01-02T00.00.00.000Z")
        .save("c", List.of(Map.of("id", 2L)));
    assertTrue(Files.isRegularFile(folder.resolve("2024-01-01T00.00.00.000Z/companies.csv")));
    List<Map<String, Object>> latest = DataCatalog.fromConfig(Map.of("c", entry)).load("c");
    assertEquals(2L, latest.get(0).get("id"));
    List<Map<String, Object>> first =
        DataCatalog.fromConfig(
                Map.of("c", entry), null, Map.of("c", "2024-01-01T00.00.00.000Z"), null)
            .load("c");
    assertEquals(1L, first.get(0).get("id"));
  }

  @Test
  void aMissingFileNamesTheDatasetAndThePath() {
    Path file = dir.resolve("nowhere/companies.csv");
    DataCatalog catalog =
        catalog("companies", config("type", "pandas.CSVDataset", "filepath", file.toString()));
    DatasetException e = assertThrows(DatasetException.class, () -> catalog.load("companies"));
    assertTrue(e.getMessage().contains("'companies'"), e.getMessage());
    assertTrue(e.getMessage().contains(file.toAbsolutePath().toString()), e.getMessage());
    assertFalse(catalog.exists("companies"));
  }

  @Test
  void aMalformedLineNamesTheFileAndTheLine() throws Exception {
    Path file = dir.resolve("bad.csv");
    Files.writeString(file, "a,b\n1,2\n3,4\n5,6,7\n8,9\n", StandardCharsets.UTF_8);
    DataCatalog catalog =
        catalog("bad", config("type", "pandas.CSVDataset", "filepath", file.toString()));
    DatasetException e = assertThrows(DatasetException.class, () -> catalog.load("bad"));
    assertTrue(e.getMessage().contains("'bad'"), e.getMessage());
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("line 4"), e.getMessage());
  }

  @Test
  void anUnclosedQuoteNamesTheFileAndALine() throws Exception {
    Path file = dir.resolve("quote.csv");
    Files.writeString(file, "a,b\n1,2\n3,\"open\n", StandardCharsets.UTF_8);
    DataCatalog catalog =
        catalog("quote", config("type", "pandas.CSVDataset", "filepath", file.toString()));
    DatasetException e = assertThrows(DatasetException.class, () -> catalog.load("quote"));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("line "), e.getMessage());
  }

  @Test
  void anUnknownSaveArgIsRefusedByNameAndIgnoredOnesAreAccepted() {
    Path file = dir.resolve("x.csv");
    DatasetException e =
        assertThrows(
            DatasetException.class,
            () ->
                catalog(
                        "x",
                        config(
                            "type",
                            "pandas.CSVDataset",
                            "filepath",
                            file.toString(),
                            "save_args",
                            Map.of("index", false, "compresion", "gzip")))
                    .get("x"));
    assertTrue(e.getMessage().contains("'x'"), e.getMessage());
    assertTrue(e.getMessage().contains("compresion"), e.getMessage());
    assertTrue(
        e.getMessage().contains("save_args [compresion]"), "index is accepted: " + e.getMessage());
    catalog(
            "y",
            config(
                "type",
                "pandas.CSVDataset",
                "filepath",
                file.toString(),
                "save_args",
                Map.of("index", false)))
        .save("y", Tables.rows());
  }

  @Test
  void aRecordComponentWithNoColumnNamesBoth() throws Exception {
    Path file = dir.resolve("shuttles.csv");
    Files.writeString(file, "id,shuttle_type,engines,price,d_check_complete\n1,A,2,3.5,True\n");
    DataCatalog catalog =
        catalog(
            "shuttles",
            config(
                "type",
                "pandas.CSVDataset",
                "filepath",
                file.toString(),
                "record",
                Shuttle.class.getName()));
    DatasetException e = assertThrows(DatasetException.class, () -> catalog.load("shuttles"));
    assertTrue(e.getMessage().contains("'shuttles'"), e.getMessage());
    assertTrue(e.getMessage().contains("component 'built'"), e.getMessage());
    assertTrue(e.getMessage().contains("no column 'built'"), e.getMessage());
  }

  @Test
  void snakeCaseColumnsFillCamelCaseComponents() throws Exception {
    Path file = dir.resolve("companies.csv");
    Files.writeString(
        file,
        "id,company_rating,company_location,total_fleet_count,iata_approved\n"
            + "3888,1.0,Isle of Man,1.0,f\n46728,,,1.0,t\n");
    List<Company> companies =
        catalog(
                "companies",
                config(
                    "type",
                    "pandas.CSVDataset",
                    "filepath",
                    file.toString(),
                    "record",
                    Company.class.getName()))
            .load("companies");
    assertEquals(new Company("3888", 1.0, "Isle of Man", 1.0, false), companies.get(0));
    assertNull(companies.get(1).companyRating());
    assertTrue(companies.get(1).iataApproved(), "t converts to a Boolean component");
  }

  @Test
  void aValueThatDoesNotFitItsComponentNamesColumnRowAndComponent() throws Exception {
    Path file = dir.resolve("shuttles.csv");
    Files.writeString(
        file,
        "id,shuttle_type,engines,price,d_check_complete,built\n1,A,two,3.5,True,2020-01-01\n");
    DatasetException e =
        assertThrows(
            DatasetException.class,
            () ->
                catalog(
                        "s",
                        config(
                            "type",
                            "CSVDataset",
                            "filepath",
                            file.toString(),
                            "record",
                            Shuttle.class.getName()))
                    .load("s"));
    assertTrue(e.getMessage().contains("column 'engines'"), e.getMessage());
    assertTrue(e.getMessage().contains("component 'engines' (int)"), e.getMessage());
  }
}
