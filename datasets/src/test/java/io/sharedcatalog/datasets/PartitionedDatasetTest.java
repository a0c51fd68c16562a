package io.sharedcatalog.datasets;

import static io.sharedcatalog.datasets.Tables.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sharedcatalog.catalog.DataCatalog;
import io.sharedcatalog.catalog.DatasetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartitionedDatasetTest {
  @TempDir Path dir;

  private DataCatalog catalog(Object dataset, Object... more) {
    Map<String, Object> entry =
        config(
            "type",
            "partitions.PartitionedDataset",
            "path",
            dir.resolve("parts").toString(),
            "dataset",
            dataset,
            "filename_suffix",
            ".csv");
    for (int i = 0; i < more.length; i += 2) {
      entry.put((String) more[i], more[i + 1]);
    }
    return DataCatalog.fromConfig(Map.of("parts", entry));
  }

  @Test
  void savesValuesAndSuppliersAndLoadsLazily() {
    DataCatalog catalog = catalog("pandas.CSVDataset");
    AtomicInteger computed = new AtomicInteger();
    Map<String, Object> partitions = new LinkedHashMap<>();
    partitions.put("2024-01-01", Tables.rows());
    partitions.put(
        "north/2024-01-02",
        (Supplier<Object>)
            () -> {
              computed.incrementAndGet();
              return Tables.rows().subList(0, 2);
            });
    catalog.save("parts", partitions);
    assertEquals(1, computed.get());
    assertTrue(Files.isRegularFile(dir.resolve("parts/north/2024-01-02.csv")));

    Map<String, Supplier<List<Map<String, Object>>>> loaded = catalog.load("parts");
    assertEquals(List.of("2024-01-01", "north/2024-01-02"), List.copyOf(loaded.keySet()));
    assertEquals(Tables.rows().subList(0, 2), loaded.get("north/2024-01-02").get());
    assertEquals(Tables.rows(), loaded.get("2024-01-01").get());
  }

  @Test
  void theUnderlyingConfigCarriesItsArgsAndRecord() throws Exception {
    DataCatalog catalog =
        catalog(
            Map.of(
                "type",
                "pandas.CSVDataset",
                "record",
                Shuttle.class.getName(),
                "save_args",
                Map.of("sep", ";"),
                "load_args",
                Map.of("sep", ";")));
    catalog.save("parts", Map.of("a", Tables.shuttles(3)));
    assertTrue(Files.readString(dir.resolve("parts/a.csv")).contains(";"));
    Map<String, Supplier<List<Shuttle>>> loaded = catalog.load("parts");
    assertEquals(Tables.shuttles(3), loaded.get("a").get());
  }

  @Test
  void overwriteRemovesOldPartitions() {
    catalog("pandas.CSVDataset").save("parts", Map.of("old", Tables.rows()));
    DataCatalog catalog = catalog("pandas.CSVDataset", "overwrite", true);
    catalog.save("parts", Map.of("new", Tables.rows()));
    Map<String, ?> loaded = catalog.load("parts");
    assertEquals(List.of("new"), List.copyOf(loaded.keySet()));
  }

  @Test
  void anEmptyFolderIsAnErrorNamingThePath() {
    DataCatalog catalog = catalog("pandas.CSVDataset");
    assertFalse(catalog.exists("parts"));
    DatasetException e = assertThrows(DatasetException.class, () -> catalog.load("parts"));
    assertTrue(e.getMessage().contains("'parts'") && e.getMessage().contains("no partitions"));
  }

  @Test
  void aPartitionIdOutsideTheFolderIsRefused() {
    DataCatalog catalog = catalog("pandas.CSVDataset");
    DatasetException e =
        assertThrows(
            DatasetException.class,
            () -> catalog.save("parts", Map.of("../escape", Tables.rows())));
    assertTrue(e.getMessage().contains("../escape"), e.getMessage());
  }

  @Test
  void aVersionedUnderlyingDatasetIsRefused() {
    DatasetException e =
        assertThrows(
            DatasetException.class,
            () -> catalog(Map.of("type", "pandas.CSVDataset", "versioned", true)).get("parts"));
    assertTrue(e.getMessage().contains("versioning"), e.getMessage());
  }
}
