package io.sharedcatalog.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sharedcatalog.catalog.DataCatalog;
import io.sharedcatalog.catalog.DatasetException;
import io.sharedcatalog.catalog.ObjectFileDataset;
import io.sharedcatalog.pipeline.Node;
import io.sharedcatalog.pipeline.Pipeline;
import io.sharedcatalog.runner.SequentialRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Kedro project's {@code catalog.yml} and {@code credentials.yml}, shaped as the spaceflights
 * starter's (CSV, Excel, Parquet, a SQL table, a versioned pickle, a pattern), loads with {@link
 * DataCatalog#fromYaml} and works as written; only {@code pickle.PickleDataset} has to become
 * {@code ObjectFileDataset}. The files are written under a temporary project root, which is the one
 * thing that differs from the Kedro project's files (Kedro resolves relative paths against the
 * project root; here the root is spelled out).
 */
class KedroSpaceflightsCatalogTest {
  private static final String CATALOG =
      """
      companies:
        type: pandas.CSVDataset
        filepath: ROOT/data/01_raw/companies.csv

      reviews:
        type: pandas.CSVDataset
        filepath: ROOT/data/01_raw/reviews.csv

      shuttles:
        type: pandas.ExcelDataset
        filepath: ROOT/data/01_raw/shuttles.xlsx
        load_args:
          engine: openpyxl

      preprocessed_companies:
        type: pandas.ParquetDataset
        filepath: ROOT/data/02_intermediate/preprocessed_companies.parquet

      preprocessed_shuttles:
        type: pandas.ParquetDataset
        filepath: ROOT/data/02_intermediate/preprocessed_shuttles.parquet

      model_input_table:
        type: pandas.ParquetDataset
        filepath: ROOT/data/03_primary/model_input_table.parquet

      regressor:
        type: pickle.PickleDataset
        filepath: ROOT/data/06_models/regressor.pickle
        versioned: true

      "{name}_table":
        type: pandas.SQLTableDataset
        credentials: db_credentials
        table_name: "{name}"
        load_args:
          index_col: [id]
        save_args:
          if_exists: replace
          index: false
      """;

  private static final String CREDENTIALS =
      """
      db_credentials:
        con: sqlite:///ROOT/data/spaceflights.db
      """;

  @TempDir Path root;
  private Path catalogYml;
  private Path credentialsYml;

  @BeforeEach
  void writeProject() throws Exception {
    Path conf = Files.createDirectories(root.resolve("conf/base"));
    Path local = Files.createDirectories(root.resolve("conf/local"));
    catalogYml = conf.resolve("catalog.yml");
    credentialsYml = local.resolve("credentials.yml");
    Files.writeString(catalogYml, CATALOG.replace("ROOT", root.toString()));
    // sqlite:/// + an absolute path is SQLAlchemy's sqlite://// form
    Files.writeString(credentialsYml, CREDENTIALS.replace("ROOT", root.toString()));
    Path raw = Files.createDirectories(root.resolve("data/01_raw"));
    Files.writeString(
        raw.resolve("companies.csv"),
        """
        id,company_rating,company_location,total_fleet_count,iata_approved
        3888,100%,Isle of Man,1.0,f
        46728,100%,,1.0,f
        34618,38%,Isle of Man,1.0,f
        28619,100%,Bosnia and Herzegovina,1.0,f
        """);
    Files.writeString(
        raw.resolve("reviews.csv"),
        """
        shuttle_id,review_scores_rating,review_scores_crew,number_of_reviews
        45163,91.0,9.0,26
        49438,96.0,10.0,61
        10750,97.0,10.0,467
        4146,95.0,10.0,318
        """);
    List<Map<String, Object>> shuttles = new ArrayList<>();
    shuttles.add(shuttle(45163, "Sao Tome and Principe", "Type V5", 2, "t", "$1,325.0", 3888));
    shuttles.add(shuttle(49438, "Wallis and Futuna", "Type V2", 3, "t", "$1,780.0", 46728));
    shuttles.add(shuttle(10750, "Niue", "Type F5", 1, "f", "$1,715.0", 34618));
    shuttles.add(shuttle(4146, "Malta", "Type V2", 4, "t", "$4,770.0", 28619));
    new ExcelDataset<List<Map<String, Object>>>(
            Map.of("filepath", raw.resolve("shuttles.xlsx").toString()))
        .save(shuttles);
  }

  private static Map<String, Object> shuttle(
      long id,
      String location,
      String type,
      long engines,
      String check,
      String price,
      long company) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", id);
    row.put("shuttle_location", location);
    row.put("shuttle_type", type);
    row.put("engines", engines);
    row.put("d_check_complete", check);
    row.put("price", price);
    row.put("company_id", company);
    return row;
  }

  @Test
  void theKedroCatalogLoadsAndRunsTheDataProcessingPipelineAsWritten() {
    DataCatalog catalog = DataCatalog.fromYaml(catalogYml, credentialsYml);
    new SequentialRunner().run(dataProcessing(), catalog);

    List<Map<String, Object>> table = catalog.load("model_input_table");
    assertEquals(4, table.size());
    Map<String, Object> first = table.get(0);
    assertEquals(45163L, first.get("id"));
    assertEquals(1325.0, first.get("price"));
    assertEquals(1.0, first.get("company_rating"));
    assertEquals(true, first.get("d_check_complete"));
    assertEquals(91.0, first.get("review_scores_rating"));

    // the pattern entry: a SQL table in the SQLite file named by credentials.yml
    catalog.save("model_input_table_table", table);
    assertTrue(Files.isRegularFile(root.resolve("data/spaceflights.db")));
    List<Map<String, Object>> fromSql = catalog.load("model_input_table_table");
    assertEquals(table.size(), fromSql.size());
    assertEquals(table.get(3).get("price"), fromSql.get(3).get("price"));
    assertEquals(true, fromSql.get(0).get("d_check_complete"));
  }

  @Test
  void onlyThePickleDatasetNeedsAnEditAndItSaysWhich() throws Exception {
    DataCatalog kedro = DataCatalog.fromYaml(catalogYml, credentialsYml);
    DatasetException e = assertThrows(DatasetException.class, () -> kedro.load("regressor"));
    assertTrue(e.getMessage().contains("'regressor'"), e.getMessage());
    assertTrue(e.getMessage().contains("ObjectFileDataset"), e.getMessage());
    assertThrows(DatasetException.class, () -> kedro.save("regressor", Map.of("a", 1.0)));

    Files.writeString(
        catalogYml,
        Files.readString(catalogYml)
            .replace("type: pickle.PickleDataset", "type: ObjectFileDataset"));
    DataCatalog java = DataCatalog.fromYaml(catalogYml, credentialsYml);
    assertInstanceOf(ObjectFileDataset.class, java.get("regressor"));
    Map<String, Double> model = Map.of("engines", 0.4, "passenger_capacity", 1.7);
    java.save("regressor", model);
    assertEquals(model, DataCatalog.fromYaml(catalogYml, credentialsYml).load("regressor"));
    try (var versions = Files.list(root.resolve("data/06_models/regressor.pickle"))) {
      assertEquals(1, versions.count(), "one version folder");
    }
  }

  private static Pipeline dataProcessing() {
    return Pipeline.of(
        Node.of(
            "preprocess_companies_node",
            List.of("companies"),
            List.of("preprocessed_companies"),
            in -> {
              List<Map<String, Object>> out = new ArrayList<>();
              for (Map<String, Object> row : rows(in.get("companies"))) {
                Map<String, Object> copy = new LinkedHashMap<>(row);
                copy.put("iata_approved", "t".equals(row.get("iata_approved")));
                copy.put(
                    "company_rating",
                    Double.parseDouble(((String) row.get("company_rating")).replace("%", ""))
                        / 100);
                out.add(copy);
              }
              return Map.of("preprocessed_companies", out);
            }),
        Node.of(
            "preprocess_shuttles_node",
            List.of("shuttles"),
            List.of("preprocessed_shuttles"),
            in -> {
              List<Map<String, Object>> out = new ArrayList<>();
              for (Map<String, Object> row : rows(in.get("shuttles"))) {
                Map<String, Object> copy = new LinkedHashMap<>(row);
                copy.put("d_check_complete", "t".equals(row.get("d_check_complete")));
                copy.put(
                    "price",
                    Double.parseDouble(
                        ((String) row.get("price")).replace("$", "").replace(",", "")));
                out.add(copy);
              }
              return Map.of("preprocessed_shuttles", out);
            }),
        Node.of(
            "create_model_input_table_node",
            List.of("preprocessed_shuttles", "preprocessed_companies", "reviews"),
            List.of("model_input_table"),
            in -> {
              Map<Object, Map<String, Object>> companies = new HashMap<>();
              rows(in.get("preprocessed_companies")).forEach(c -> companies.put(c.get("id"), c));
              Map<Object, Map<String, Object>> reviews = new HashMap<>();
              rows(in.get("reviews")).forEach(r -> reviews.put(r.get("shuttle_id"), r));
              List<Map<String, Object>> out = new ArrayList<>();
              for (Map<String, Object> shuttle : rows(in.get("preprocessed_shuttles"))) {
                Map<String, Object> row = new LinkedHashMap<>(shuttle);
                Map<String, Object> review = reviews.get(shuttle.get("id"));
                Map<String, Object> company = companies.get(shuttle.get("company_id"));
                row.put("review_scores_rating", review.get("review_scores_rating"));
                row.put("company_rating", company.get("company_rating"));
                row.put("iata_approved", company.get("iata_approved"));
                out.add(row);
              }
              return Map.of("model_input_table", out);
            }));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> rows(Object value) {
    return (List<Map<String, Object>>) value;
  }
}
