package io.sharedcatalog.cluster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.json.JsonUtil;
import io.sharedcatalog.catalog.CatalogConfig;
import io.sharedcatalog.cluster.SharedMemoryDataCatalog;
import io.sharedcatalog.cluster.cli.Cli.Execution;
import io.sharedcatalog.cluster.internal.CatalogInspector;
import io.sharedcatalog.cluster.internal.CatalogRegistry;
import io.sharedcatalog.cluster.testing.TestCluster;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live {@code catalog} commands (list --catalog-name, catalogs, release, drop) run in this JVM
 * against real members, after real saves from a client.
 */
class CatalogLiveCommandsTest {
  private static final String PID = String.valueOf(ProcessHandle.current().pid());
  private static final int LARGE_BYTES = 5_000_000;

  @TempDir Path dir;

  /**
   * Fills catalog {@code sales}: an inline value, a chunked one, an empty dataset, a file dataset
   * (not in the cluster), a dataset whose slot was deleted as a loss of members would, and one
   * whose registry entry was deleted so (its name stays in the order list).
   */
  private SharedMemoryDataCatalog fill(HazelcastInstance client) {
    Map<String, Object> config =
        Map.of(
            "notes",
            Map.of("type", "TextDataset", "filepath", dir.resolve("notes.txt").toString()));
    SharedMemoryDataCatalog catalog =
        SharedMemoryDataCatalog.connect(
            client, "sales", new CatalogConfig(config, Map.of(), null, null));
    for (String name : List.of("orders", "images", "pending", "gone", "vanished")) {
      catalog.get(name, true);
    }
    catalog.save("orders", List.of("a", "b", "c"));
    byte[] large = new byte[LARGE_BYTES];
    new Random(7).nextBytes(large);
    catalog.save("images", large);
    catalog.save("gone", "soon lost");
    String slot = CatalogRegistry.of(client, "sales").entry("gone").orElseThrow().slot();
    client.getMap(CatalogRegistry.mapName("sales", "values")).delete(slot);
    client.getMap(CatalogRegistry.mapName("sales", "registry")).delete("vanished");
    return catalog;
  }

  private static String[] live(TestCluster cluster, String... args) {
    return Stream.concat(
            Stream.of(args),
            Stream.of(
                "--cluster-name", cluster.clusterName(), "--address", cluster.firstMemberAddress()))
        .toArray(String[]::new);
  }

  private static String line(String out, String name) {
    return out.lines()
        .filter(l -> l.startsWith(name + " "))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line for " + name + " in:\n" + out));
  }

  @Test
  void listShowsEveryDatasetInOrderWithItsValueSizeSaverAndLoss() {
    try (TestCluster cluster = TestCluster.withMembers(2)) {
      fill(cluster.startClient());

      Execution list = Cli.execute(live(cluster, "catalog", "list", "--catalog-name", "sales"));

      assertEquals(0, list.exitCode(), list::toString);
      String out = list.out();
      List<String> names =
          out.lines()
              .skip(2)
              .takeWhile(l -> !l.startsWith("LOST"))
              .map(l -> l.split(" +")[0])
              .toList();
      assertEquals(List.of("notes", "orders", "images", "pending", "gone"), names, out);
      assertTrue(out.startsWith("Shared catalog 'sales' in cluster '" + cluster.clusterName()));
      assertTrue(out.contains("5 datasets, 2 with a value"), out);
      assertTrue(out.contains("1 LOST"), out);
      String orders = line(out, "orders");
      assertTrue(orders.contains("SharedMemoryDataset  yes"), orders);
      assertTrue(orders.contains(" inline "), orders);
      assertTrue(orders.contains(PID + "@"), orders);
      assertTrue(orders.matches(".* \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ .*"), orders);
      String images = line(out, "images");
      assertTrue(images.contains(" 4.8 MiB "), images);
      assertTrue(images.contains(" 3 chunks "), images);
      assertTrue(line(out, "pending").contains("SharedMemoryDataset  empty"), out);
      assertTrue(line(out, "notes").matches("notes +TextDataset +not in cluster +- .*"), out);
      assertTrue(line(out, "gone").contains(" LOST "), out);
      assertTrue(out.contains("LOST: 'gone' is registered but its value's slot gone#"), out);
      assertTrue(out.contains("lost with members"), out);
      assertTrue(
          out.contains(
              "UNREGISTERED: 1 name is in the catalog's order list but has no registration"),
          out);
      assertTrue(out.contains(": vanished. Register and save it again."), out);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void listAsJsonParsesBackWithTheSameFacts() throws Exception {
    try (TestCluster cluster = TestCluster.withMembers(1)) {
      fill(cluster.startClient());

      Execution list =
          Cli.execute(live(cluster, "catalog", "list", "--catalog-name", "sales", "--json"));

      assertEquals(0, list.exitCode(), list::toString);
      Map<String, Object> json = JsonUtil.mapFrom(list.out());
      assertEquals("sales", json.get("catalog"));
      assertEquals(cluster.clusterName(), json.get("cluster"));
      List<Map<String, Object>> datasets = (List<Map<String, Object>>) json.get("datasets");
      assertEquals(
          List.of("notes", "orders", "images", "pending", "gone"),
          datasets.stream().map(d -> d.get("name")).toList());
      Map<String, Object> images = datasets.get(2);
      assertEquals("value", images.get("state"));
      assertEquals(true, images.get("hasValue"));
      assertEquals("chunked", images.get("storage"));
      assertEquals(3, ((Number) images.get("chunks")).intValue());
      assertTrue(((Number) images.get("storedBytes")).longValue() >= LARGE_BYTES, json::toString);
      assertTrue(((String) images.get("savedBy")).startsWith(PID + "@"), json::toString);
      long savedAt = ((Number) images.get("savedAtMillis")).longValue();
      assertTrue(Math.abs(System.currentTimeMillis() - savedAt) < 600_000, json::toString);
      assertEquals("inline", datasets.get(1).get("storage"));
      assertEquals("empty", datasets.get(3).get("state"));
      assertEquals(false, datasets.get(3).get("hasValue"));
      assertEquals("not-shared", datasets.get(0).get("state"));
      assertEquals("lost", datasets.get(4).get("state"));
      assertEquals(true, datasets.get(4).get("lost"));
      assertEquals(List.of("vanished"), json.get("unregistered"));
      Map<String, Object> totals = (Map<String, Object>) json.get("totals");
      assertEquals(5, ((Number) totals.get("datasets")).intValue());
      assertEquals(2, ((Number) totals.get("withValue")).intValue());
      assertEquals(1, ((Number) totals.get("lost")).intValue());
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void catalogsListsEveryCatalogWithDatasetCountsAndBytes() throws Exception {
    try (TestCluster cluster = TestCluster.withMembers(1)) {
      HazelcastInstance client = cluster.startClient();
      fill(client);
      SharedMemoryDataCatalog other = SharedMemoryDataCatalog.connect(client, "other.one");
      other.get("x", true);
      other.save("x", "twelve bytes");

      Execution text = Cli.execute(live(cluster, "catalog", "catalogs"));
      Execution json = Cli.execute(live(cluster, "catalog", "catalogs", "--json"));

      assertEquals(0, text.exitCode(), text::toString);
      assertTrue(text.out().contains("2 shared catalogs in cluster"), text::toString);
      assertTrue(line(text.out(), "sales").matches("sales +5 +2 +4\\.8 MiB +1"), text::toString);
      assertTrue(
          line(text.out(), "other.one").matches("other\\.one +1 +1 +\\d+ B +0"), text::toString);
      assertEquals(0, json.exitCode(), json::toString);
      List<Map<String, Object>> catalogs =
          (List<Map<String, Object>>) JsonUtil.mapFrom(json.out()).get("catalogs");
      assertEquals(
          List.of("other.one", "sales"), catalogs.stream().map(c -> c.get("name")).toList());
      assertEquals(5, ((Number) catalogs.get(1).get("datasets")).intValue());
      assertTrue(((Number) catalogs.get(1).get("storedBytes")).longValue() > LARGE_BYTES);
    }
  }

  @Test
  void releaseEmptiesTheValuesAndKeepsTheDatasets() {
    try (TestCluster cluster = TestCluster.withMembers(1)) {
      SharedMemoryDataCatalog catalog = fill(cluster.startClient());

      Execution release =
          Cli.execute(
              live(cluster, "catalog", "release", "--catalog-name", "sales", "images", "pending"));

      assertEquals(0, release.exitCode(), release::toString);
      assertTrue(
          release.out().contains("Released 'images' of shared catalog 'sales': 4.8 MiB freed."),
          release::toString);
      assertTrue(
          release.out().contains("Released 'pending' of shared catalog 'sales': it held no value."),
          release::toString);
      assertFalse(catalog.exists("images"));
      assertTrue(catalog.contains("images"));
      assertTrue(catalog.exists("orders"), "a dataset not named keeps its value");
      Execution list = Cli.execute(live(cluster, "catalog", "list", "--catalog-name", "sales"));
      assertTrue(line(list.out(), "images").contains(" empty "), list::toString);
    }
  }

  @Test
  void releaseOfAnUnknownOrUnsharedDatasetFailsInOneLineAndReleasesNothing() {
    try (TestCluster cluster = TestCluster.withMembers(1)) {
      SharedMemoryDataCatalog catalog = fill(cluster.startClient());

      Execution unknown =
          Cli.execute(
              live(cluster, "catalog", "release", "--catalog-name", "sales", "orders", "imagez"));
      Execution unshared =
          Cli.execute(live(cluster, "catalog", "release", "--catalog-name", "sales", "notes"));

      assertEquals(ExitCodes.BAD_INPUT, unknown.exitCode(), unknown::toString);
      assertEquals(1, unknown.err().strip().lines().count(), unknown::toString);
      assertTrue(
          unknown.err().contains("'imagez' not found in shared catalog 'sales'"),
          unknown::toString);
      assertTrue(unknown.err().contains("images"), "suggests the close name: " + unknown);
      assertTrue(catalog.exists("orders"), "nothing was released");
      assertEquals(ExitCodes.BAD_INPUT, unshared.exitCode(), unshared::toString);
      assertEquals(1, unshared.err().strip().lines().count(), unshared::toString);
      assertTrue(unshared.err().contains("'notes'"), unshared::toString);
      assertTrue(unshared.err().contains("TextDataset"), unshared::toString);
    }
  }

  @Test
  void dropWithoutYesRefusesSayingWhatItWouldDrop() {
    try (TestCluster cluster = TestCluster.withMembers(1)) {
      SharedMemoryDataCatalog catalog = fill(cluster.startClient());

      Execution drop = Cli.execute(live(cluster, "catalog", "drop", "--catalog-name", "sales"));

      assertEquals(ExitCodes.USAGE, drop.exitCode(), drop::toString);
      assertEquals(1, drop.err().strip().lines().count(), drop::toString);
      assertTrue(drop.err().contains("5 datasets (4.8 MiB stored)"), drop::toString);
      assertTrue(drop.err().contains("add --yes"), drop::toString);
      assertTrue(catalog.exists("images"), "nothing was dropped");
    }
  }

  @Test
  void dropWithYesDestroysEveryObjectOfTheCatalogAndNoOther() {
    try (TestCluster cluster = TestCluster.withMembers(1)) {
      HazelcastInstance client = cluster.startClient();
      fill(client);
      SharedMemoryDataCatalog other = SharedMemoryDataCatalog.connect(client, "sales.eu");
      other.get("x", true);
      other.save("x", "kept");

      Execution drop =
          Cli.execute(live(cluster, "catalog", "drop", "--catalog-name", "sales", "--yes"));

      assertEquals(0, drop.exitCode(), drop::toString);
      assertTrue(drop.out().contains("Dropped shared catalog 'sales': 5 datasets"), drop::toString);
      List<String> left =
          client.getDistributedObjects().stream()
              .map(o -> o.getName())
              .filter(n -> n.startsWith("sharedcatalog.sales."))
              .filter(n -> !n.startsWith("sharedcatalog.sales.eu."))
              .toList();
      assertEquals(List.of(), left);
      assertEquals(List.of("sales.eu"), CatalogInspector.catalogNames(client));
      assertEquals("kept", other.load("x"));
      Execution list = Cli.execute(live(cluster, "catalog", "list", "--catalog-name", "sales"));
      assertEquals(ExitCodes.BAD_INPUT, list.exitCode(), list::toString);

      // Connecting to the name again starts a new, empty catalog.
      SharedMemoryDataCatalog fresh =
          SharedMemoryDataCatalog.connect(cluster.startClient(), "sales");
      assertFalse(fresh.contains("orders"));
      fresh.get("orders", true);
      fresh.save("orders", List.of("again"));
      Execution again = Cli.execute(live(cluster, "catalog", "list", "--catalog-name", "sales"));
      assertTrue(again.out().contains("1 dataset, 1 with a value"), again::toString);
    }
  }

  @Test
  void anUnknownCatalogFailsInOneLineNamingTheCatalogsThere() {
    try (TestCluster cluster = TestCluster.withMembers(1)) {
      fill(cluster.startClient());

      Execution list = Cli.execute(live(cluster, "catalog", "list", "--catalog-name", "sale"));

      assertEquals(ExitCodes.BAD_INPUT, list.exitCode(), list::toString);
      assertEquals(1, list.err().strip().lines().count(), list::toString);
      assertTrue(list.err().contains("Shared catalog 'sale' not found"), list::toString);
      assertTrue(list.err().contains("catalogs there: sales"), list::toString);
      assertFalse(
          CatalogInspector.catalogNames(cluster.members().get(0)).contains("sale"),
          "looking did not create the catalog");
    }
  }

  @Test
  void listTakesACatalogFileOrACatalogNameNotBoth() {
    Execution both =
        Cli.execute("catalog", "list", "--catalog", "catalog.yml", "--catalog-name", "sales");
    Execution json = Cli.execute("catalog", "list", "--catalog", "catalog.yml", "--json");

    assertEquals(ExitCodes.USAGE, both.exitCode(), both::toString);
    assertTrue(both.err().contains("not both"), both::toString);
    assertEquals(ExitCodes.USAGE, json.exitCode(), json::toString);
  }
}
