package io.sharedcatalog.cluster;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.catalog.AbstractDataset;
import io.sharedcatalog.catalog.CatalogConfig;
import io.sharedcatalog.catalog.CatalogValidationException;
import io.sharedcatalog.catalog.CopyMode;
import io.sharedcatalog.catalog.Dataset;
import io.sharedcatalog.catalog.DatasetException;
import io.sharedcatalog.catalog.MemoryDataset;
import io.sharedcatalog.catalog.TextDataset;
import io.sharedcatalog.cluster.internal.store.StoreSettings;
import io.sharedcatalog.cluster.internal.store.ValueStore;
import io.sharedcatalog.cluster.testing.TestCluster;
import io.sharedcatalog.pipeline.Node;
import io.sharedcatalog.pipeline.Pipeline;
import io.sharedcatalog.runner.SequentialRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedMemoryDataCatalogTest {
  private static TestCluster cluster;
  private static HazelcastInstance memberA;
  private static HazelcastInstance memberB;
  private static HazelcastInstance client;

  private String name;

  @BeforeAll
  static void startCluster() {
    cluster = TestCluster.withMembers(2);
    memberA = cluster.members().get(0);
    memberB = cluster.members().get(1);
    client = cluster.startClient();
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  @BeforeEach
  void uniqueCatalogName() {
    name = "cat-" + UUID.randomUUID().toString().substring(0, 8);
  }

  // ------------------------------------------------------------------ the shared view

  @Test
  void aDatasetRegisteredOnOneMemberIsSeenAndLoadedOnAnotherAndFromAClient() {
    SharedMemoryDataCatalog onA = SharedMemoryDataCatalog.connect(memberA, name);
    SharedMemoryDataCatalog onB = SharedMemoryDataCatalog.connect(memberB, name);
    SharedMemoryDataCatalog onClient = SharedMemoryDataCatalog.connect(client, name);

    onA.put("prices", new MemoryDataset<>(List.of(1.5, 2.5)));

    for (SharedMemoryDataCatalog view : List.of(onB, onClient)) {
      assertTrue(view.contains("prices"));
      assertEquals(List.of("prices"), List.copyOf(view.names()));
      assertTrue(view.exists("prices"));
      assertEquals(List.of(1.5, 2.5), view.load("prices", List.class));
      assertInstanceOf(SharedMemoryDataset.class, view.get("prices"));
    }
  }

  @Test
  void aSaveFromAClientIsLoadedOnAMember() {
    SharedMemoryDataCatalog onClient = SharedMemoryDataCatalog.connect(client, name);
    SharedMemoryDataCatalog onA = SharedMemoryDataCatalog.connect(memberA, name);
    onClient.get("scores", true);

    onClient.save("scores", Map.of("alice", 3));

    assertTrue(onA.contains("scores"));
    assertEquals(Map.of("alice", 3), onA.load("scores", Map.class));
  }

  @Test
  void namesKeepInsertionOrderEverywhereAndAReplacementKeepsItsPlace() {
    SharedMemoryDataCatalog onA = SharedMemoryDataCatalog.connect(memberA, name);
    SharedMemoryDataCatalog onClient = SharedMemoryDataCatalog.connect(client, name);

    onA.putData("zeta", 1);
    onClient.putData("alpha", 2);
    onA.putData("mid", 3);
    onClient.putData("zeta", 4);

    assertEquals(List.of("zeta", "alpha", "mid"), List.copyOf(onB().names()));
    assertEquals(3, onA.size());
    assertEquals(4, onA.load("zeta", Integer.class));
  }

  private SharedMemoryDataCatalog onB() {
    return SharedMemoryDataCatalog.connect(memberB, name);
  }

  @Test
  void configEntriesAndPatternsSharedByOneProcessResolveEverywhere(@TempDir Path dir) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put(
        "report", Map.of("type", "TextDataset", "filepath", dir.resolve("r.txt").toString()));
    config.put(
        "{name}_text",
        Map.of("type", "TextDataset", "filepath", dir.resolve("{name}.txt").toString()));
    config.put("seed", Map.of("type", "MemoryDataset", "data", 7));
    SharedMemoryDataCatalog.connect(memberA, name, new CatalogConfig(config, null, null, null));

    SharedMemoryDataCatalog onClient = SharedMemoryDataCatalog.connect(client, name);

    assertTrue(onClient.contains("report"));
    assertTrue(onClient.contains("daily_text"));
    assertFalse(onClient.contains("daily"));
    assertInstanceOf(TextDataset.class, onClient.get("daily_text"));
    onClient.save("daily_text", "hello");
    assertEquals("hello", onB().load("daily_text", String.class));
    assertTrue(onB().names().contains("daily_text"), "a pattern match is registered for all");
    assertEquals(7, onB().load("seed", Integer.class));
    assertInstanceOf(SharedMemoryDataset.class, onB().get("seed"));
  }

  @Test
  void aRegistrationReplacedElsewhereIsRebuiltHere(@TempDir Path dir) {
    SharedMemoryDataCatalog onA = SharedMemoryDataCatalog.connect(memberA, name);
    SharedMemoryDataCatalog onClient = SharedMemoryDataCatalog.connect(client, name);
    onA.put("report", new TextDataset(dir.resolve("first.txt").toString()));
    assertTrue(onClient.get("report").toString().contains("first.txt"));

    onA.put("report", new TextDataset(dir.resolve("second.txt").toString()));

    assertTrue(onClient.get("report").toString().contains("second.txt"));
    onClient.save("report", "x");
    assertTrue(dir.resolve("second.txt").toFile().exists());
  }

  // A process that has used a shared dataset loads and saves it without reading the registry;
  // these tests re-bind the name elsewhere in between and check that no stale binding is used.

  @Test
  void aLoadAfterTheNameWasReboundElsewhereReadsTheNewDataset(@TempDir Path dir) throws Exception {
    SharedMemoryDataCatalog onA = SharedMemoryDataCatalog.connect(memberA, name);
    SharedMemoryDataCatalog onClient = SharedMemoryDataCatalog.connect(client, name);
    onA.putData("model", "shared value");
    assertEquals("shared value", onClient.load("model"));
    onClient.save("model", "saved while shared");
    assertEquals("saved while shared", onA.load("model"));

    Path file = dir.resolve("model.txt");
    Files.writeString(file, "from the file");
    onA.put("model", new TextDataset(file.toString()));

    assertFalse(valueEntryExists("model"));
    assertEquals("from the file", onClient.load("model"));
    assertEquals("from the file", onClient.load("model", String.class));
  }

  @Test
  void aSaveAfterTheNameWasReboundElsewhereGoesToTheNewDataset(@TempDir Path dir) throws Exception {
    SharedMemoryDataCatalog onA = SharedMemoryDataCatalog.connect(memberA, name);
    SharedMemoryDataCatalog onClient = SharedMemoryDataCatalog.connect(client, name);
    // small values replace the existing entry; large ones are written, then checked
    Map<String, String> values =
        Map.of("small", "tiny", "large", "x".repeat(StoreSettings.DEFAULT_INLINE_MAX_BYTES + 1000));
    for (Map.Entry<String, String> value : values.entrySet()) {
      String dataset = value.getKey();
      onA.putData(dataset, "shared value");
      assertEquals("shared value", onClient.load(dataset));
      Path file = dir.resolve(dataset + ".txt");
      onA.put(dataset, new TextDataset(file.toString()));

      onClient.save(dataset, value.getValue());

      assertEquals(value.getValue(), Files.readString(file), dataset);
      assertFalse(valueEntryExists(dataset), dataset);
      assertEquals(value.getValue(), onA.load(dataset), dataset);
    }
  }

  @Test
  void aDatasetObjectKeptAcrossARebindingRefusesToSaveAndNamesTheFix(@TempDir Path dir) {
    SharedMemoryDataCatalog onA = SharedMemoryDataCatalog.connect(memberA, name);
    SharedMemoryDataCatalog onClient = SharedMemoryDataCatalog.connect(client, name);
    onA.putData("model", "shared value");
    @SuppressWarnings("unchecked")
    Dataset<Object> kept = (Dataset<Object>) onClient.get("model");
    onA.put("model", new TextDataset(dir.resolve("model.txt").toString()));

    DatasetException e = assertThrows(DatasetException.class, () -> kept.save("late"));

    assertTrue(e.getMessage().contains("'model'"), e.getMessage());
    assertTrue(e.getMessage().contains("look the dataset up again"), e.getMessage());
    assertFalse(valueEntryExists("model"));
  }

  @Test
  void aNameReboundToASharedDatasetAgainIsSavedAndLoadedEverywhere(@TempDir Path dir) {
    SharedMemoryDataCatalog onA = SharedMemoryDataCatalog.connect(memberA, name);
    SharedMemoryDataCatalog onClient = SharedMemoryDataCatalog.connect(client, name);
    onA.putData("model", 1);
    assertEquals(1, onClient.load("model", Integer.class));
    onA.put("model", new TextDataset(dir.resolve("model.txt").toString()));
    onA.put("model", new MemoryDataset<>());

    onClient.save("model", 2);

    assertEquals(2, onA.load("model", Integer.class));
    assertEquals(2, onB().load("model", Integer.class));
  }

  @Test
  void aNameReboundConcurrentlyWhileAThirdProcessSavesEndsConsistentEverywhere(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("m.txt");
    Files.writeString(file, "from the file");
    SharedMemoryDataCatalog onA = SharedMemoryDataCatalog.connect(memberA, name);
    SharedMemoryDataCatalog onClient = SharedMemoryDataCatalog.connect(client, name);
    SharedMemoryDataCatalog onB = onB();
    onB.putData("m", "first");
    assertEquals("first", onB.load("m")); // onB now saves "m" without reading the registry
    ExecutorService threads = Executors.newFixedThreadPool(3);
    try {
      for (int round = 0; round < 60; round++) {
        // values repeat from round to round, so a removal that compares values could hit a later
        // one
        String shared = "a" + (round % 2);
        String saved = "b" + (round % 2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> work =
            List.of(
                threads.submit(
                    () -> {
                      start.await();
                      onA.putData("m", shared);
                      return null;
                    }),
                threads.submit(
                    () -> {
                      start.await();
                      onClient.put("m", new TextDataset(file.toString()));
                      return null;
                    }),
                threads.submit(
                    () -> {
                      start.await();
                      onB.save("m", saved);
                      return null;
                    }));
        start.countDown();
        for (Future<?> future : work) {
          future.get(30, SECONDS);
        }

        String type = String.valueOf(onB().toConfig().catalog().get("m"));
        boolean boundShared = type.contains("SharedMemoryDataset");
        assertEquals(boundShared, valueEntryExists("m"), "round " + round + ": " + type);
        Object seen = onB().load("m");
        for (SharedMemoryDataCatalog view : List.of(onA, onClient, onB)) {
          assertEquals(seen, view.load("m"), "round " + round + ": " + type);
        }
        if (!boundShared) {
          assertEquals(seen, Files.readString(file), "round " + round);
        }
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void aSharedDatasetUsedBeforeIsSavedAndLoadedWithoutReadingTheRegistry() {
    SharedMemoryDataCatalog onA = SharedMemoryDataCatalog.connect(memberA, name);
    SharedMemoryDataCatalog onClient = SharedMemoryDataCatalog.connect(client, name);
    onClient.putData("hot", 0); // written before its check, so the next save checks too
    onClient.save("hot", 0);
    assertEquals(0, onA.load("hot", Integer.class));
    long before = registryReads();
    assertTrue(before > 0, "the members count registry reads");

    for (int i = 1; i <= 50; i++) {
      onClient.save("hot", i);
      assertEquals(i, onA.load("hot", Integer.class));
      onA.save("hot", -i);
      assertEquals(-i, onClient.<Integer>load("hot"));
    }

    assertEquals(before, registryReads());
  }

  /**
   * A run reads no registry entry of the datasets this process already holds for it (a shared
   * dataset proves its binding when used), yet a re-binding made by another process between two
   * runs is followed: the run's saves and loads go to the new bindings.
   */
  @Test
  void aRunSkipsTheRegistryForHeldSharedDatasetsAndFollowsARebindingMadeElsewhere() {
    SharedMemoryDataCatalog onClient = SharedMemoryDataCatalog.connect(client, name);
    SharedMemoryDataCatalog onA = SharedMemoryDataCatalog.connect(memberA, name);
    List<Node> nodes = new ArrayList<>();
    List<String> middles = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      String middle = "mid" + i;
      middles.add(middle);
      nodes.add(
          Node.of(
              "times" + i,
              List.of("x"),
              List.of(middle),
              in -> Map.of(middle, (Integer) in.get("x") * 2)));
    }
    nodes.add(
        Node.of(
            "sum",
            middles,
            List.of("y"),
            in -> Map.of("y", in.values().stream().mapToInt(v -> (Integer) v).sum())));
    Pipeline pipeline = Pipeline.of(nodes);
    onClient.putData("x", 1);
    new SequentialRunner().run(pipeline, onClient);
    assertEquals(20, onA.load("y", Integer.class));

    long before = registryReads();
    new SequentialRunner().run(pipeline, onClient);
    long reads = registryReads() - before;
    // its input and output are looked up (checked, returned); none of its 12 datasets one by one
    assertTrue(reads < pipeline.datasets().size(), reads + " registry reads in one run");

    onA.putData("mid3", -1); // re-bound in another process: new bindings
    onA.putData("y", -1);
    onA.save("x", 2);
    new SequentialRunner().run(pipeline, onClient);
    assertEquals(40, onA.load("y", Integer.class));
    assertEquals(40, onClient.load("y", Integer.class));
  }

  private long registryReads() {
    long reads = 0;
    for (HazelcastInstance member : List.of(memberA, memberB)) {
      reads +=
          member
              .getMap(ValueStore.mapName(name, "registry"))
              .getLocalMapStats()
              .getGetOperationCount();
    }
    return reads;
  }

  /** Whether any slot of {@code dataset} (any binding's generation) holds an entry. */
  private boolean valueEntryExists(String dataset) {
    return client.<String, byte[]>getMap(ValueStore.mapName(name, "values")).keySet().stream()
        .anyMatch(slot -> slot.startsWith(dataset + "#"));
  }

  @Test
  void concurrentRegistrationsFromManyProcessesKeepEachNameOnce() throws Exception {
    List<HazelcastInstance> instances = List.of(memberA, memberB, client);
    ExecutorService pool = Executors.newFixedThreadPool(instances.size());
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    try {
      for (HazelcastInstance hz : instances) {
        SharedMemoryDataCatalog view = SharedMemoryDataCatalog.connect(hz, name);
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < 30; i++) {
                    view.putData("n" + i, i);
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> future : futures) {
        future.get(60, SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    SharedMemoryDataCatalog reader = onB();
    assertEquals(30, reader.size());
    assertEquals(30, new java.util.HashSet<>(reader.names()).size());
    for (int i = 0; i < 30; i++) {
      assertEquals(i, reader.load("n" + i, Integer.class));
    }
  }

  @Test
  void catalogsOfDifferentNamesNeverSeeEachOther() {
    SharedMemoryDataCatalog first = SharedMemoryDataCatalog.connect(memberA, name);
    SharedMemoryDataCatalog second = SharedMemoryDataCatalog.connect(memberA, name + "-other");

    first.putData("x", "first's");
    second.putData("x", "second's");
    first.putData("onlyFirst", 1);

    assertEquals("first's", SharedMemoryDataCatalog.connect(client, name).load("x", String.class));
    assertEquals("second's", second.load("x", String.class));
    assertFalse(second.contains("onlyFirst"));
    assertEquals(List.of("x"), List.copyOf(second.names()));
  }

  @Test
  void releaseThroughOneViewRemovesTheValueEverywhere() {
    SharedMemoryDataCatalog onA = SharedMemoryDataCatalog.connect(memberA, name);
    onA.putData("intermediate", "big");
    assertTrue(onB().exists("intermediate"));

    SharedMemoryDataCatalog.connect(client, name).release("intermediate");

    assertFalse(onA.exists("intermediate"));
    assertFalse(onB().exists("intermediate"));
  }

  @Test
  void unknownNamesFromTheRuntimePatternBecomeSharedDatasets() {
    SharedMemoryDataCatalog local = new SharedMemoryDataCatalog();

    assertInstanceOf(SharedMemoryDataset.class, local.get("anything", true));
    assertInstanceOf(
        SharedMemoryDataset.class,
        SharedMemoryDataCatalog.connect(memberA, name).get("anything", true));
    assertTrue(onB().contains("anything"));
  }

  // ------------------------------------------------------------------ local catalogs

  @Test
  void setManagerDatasetsBindsEveryDatasetIncludingLaterOnes() {
    SharedMemoryDataCatalog local =
        new SharedMemoryDataCatalog(Map.of("given", new SharedMemoryDataset<String>()));

    local.setManagerDatasets(memberA);
    local.save("given", "g");
    local.get("later", true);
    local.save("later", "l");

    assertEquals("g", local.load("given", String.class));
    assertEquals("l", local.load("later", String.class));
    SharedMemoryDataset<?> given = (SharedMemoryDataset<?>) local.get("given");
    assertEquals(local.catalogName(), given.catalogName());
    assertEquals("given", given.datasetName());
  }

  @Test
  void anUnboundDatasetInALocalCatalogSaysItNeedsAManager() {
    SharedMemoryDataCatalog local = new SharedMemoryDataCatalog();
    local.get("x", true);

    DatasetException e = assertThrows(DatasetException.class, () -> local.save("x", 1));

    assertTrue(e.getMessage().contains("setManagerDatasets"), e.getMessage());
  }

  @Test
  void theTypeIsKnownByItsShortKedroAndFullNames() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("short", Map.of("type", "SharedMemoryDataset"));
    config.put("kedro", Map.of("type", "kedro.io.SharedMemoryDataset"));
    config.put("kedro_path", Map.of("type", "kedro.io.shared_memory_dataset.SharedMemoryDataset"));
    config.put("full", Map.of("type", SharedMemoryDataset.class.getName()));
    config.put("odd", Map.of("type", "SharedMemoryDataset", "filepath", "x"));
    SharedMemoryDataCatalog catalog = SharedMemoryDataCatalog.fromConfig(config);

    for (String each : List.of("short", "kedro", "kedro_path", "full")) {
      assertInstanceOf(SharedMemoryDataset.class, catalog.get(each), each);
    }
    DatasetException e = assertThrows(DatasetException.class, () -> catalog.get("odd"));
    assertTrue(e.getMessage().contains("'odd'"), e.getMessage());
    assertTrue(e.getMessage().contains("filepath"), e.getMessage());
  }

  // ------------------------------------------------------------------ validation

  /** Holds a thread: the codec cannot encode it. */
  static final class Handle {
    final Thread worker = new Thread(() -> {});
  }

  /** A dataset with no config, holding a thread: cannot be shared. */
  static final class LiveDataset extends AbstractDataset<String> {
    private final Handle handle = new Handle();

    @Override
    protected String doLoad() {
      return "live " + handle;
    }

    @Override
    protected void doSave(String data) {}

    @Override
    protected Map<String, Object> doDescribe() {
      return Map.of();
    }
  }

  @Test
  void validationReportsEveryUnshareableDatasetSortedAndLeavesTheCatalogUsable() {
    Map<String, io.sharedcatalog.catalog.Dataset<?>> datasets = new LinkedHashMap<>();
    datasets.put("zz_handle", new MemoryDataset<>(new Handle(), CopyMode.ASSIGN));
    datasets.put("fine_value", new MemoryDataset<>(List.of(1)));
    datasets.put("aa_live", new LiveDataset());
    datasets.put("empty", new MemoryDataset<>());
    datasets.put("shared", new SharedMemoryDataset<>());
    datasets.put(
        "mm_nested", new MemoryDataset<>(new ArrayList<>(List.of(new Handle())), CopyMode.ASSIGN));
    SharedMemoryDataCatalog catalog = new SharedMemoryDataCatalog(datasets);
    catalog.setManagerDatasets(memberA);

    CatalogValidationException e =
        assertThrows(CatalogValidationException.class, catalog::validateCatalog);

    assertEquals(List.of("aa_live", "mm_nested", "zz_handle"), e.datasetNames());
    assertTrue(e.getMessage().contains(Handle.class.getName()), e.getMessage());
    assertTrue(e.getMessage().contains("no threads"), e.getMessage());
    assertTrue(
        e.getMessage().indexOf("'aa_live'") < e.getMessage().indexOf("'zz_handle'"),
        e.getMessage());
    catalog.save("shared", "still works");
    assertEquals("still works", catalog.load("shared", String.class));
    assertEquals(List.of(1), catalog.load("fine_value", List.class));
  }

  @Test
  void aCatalogOfShareableDatasetsValidates() {
    SharedMemoryDataCatalog connected = SharedMemoryDataCatalog.connect(memberA, name);
    connected.putData("a", List.of(1));
    connected.get("b", true);

    connected.validateCatalog();
    SharedMemoryDataCatalog.fromConfig(Map.of("t", Map.of("type", "TextDataset", "filepath", "x")))
        .validateCatalog();
  }

  // ------------------------------------------------------------------ bad input

  @Test
  void anUnserialisableValueIsRefusedByAConnectedCatalogAndThePreviousValueStays() {
    SharedMemoryDataCatalog onA = SharedMemoryDataCatalog.connect(memberA, name);
    onA.putData("model", "previous");

    DatasetException save =
        assertThrows(DatasetException.class, () -> onA.save("model", new Handle()));
    DatasetException put =
        assertThrows(DatasetException.class, () -> onA.putData("model", new Handle()));

    for (DatasetException e : List.of(save, put)) {
      assertTrue(e.getMessage().contains("model"), e.getMessage());
      assertTrue(e.getMessage().contains(Handle.class.getName()), e.getMessage());
    }
    assertEquals("previous", onB().load("model", String.class));
  }

  @Test
  void aLiveDatasetWithoutConfigIsRefusedWithTheFix() {
    SharedMemoryDataCatalog onA = SharedMemoryDataCatalog.connect(memberA, name);

    DatasetException e =
        assertThrows(DatasetException.class, () -> onA.put("live", new LiveDataset()));

    assertTrue(e.getMessage().contains("'live'"), e.getMessage());
    assertTrue(e.getMessage().contains("config"), e.getMessage());
    assertFalse(onB().contains("live"));
  }

  @Test
  void nullValuesAreRefusedWithTheDatasetName() {
    SharedMemoryDataCatalog onA = SharedMemoryDataCatalog.connect(memberA, name);
    onA.putData("n", 1);

    DatasetException e = assertThrows(DatasetException.class, () -> onA.save("n", null));

    assertTrue(e.getMessage().contains("null"), e.getMessage());
    assertEquals(1, onA.load("n", Integer.class));
    assertThrows(DatasetException.class, () -> onA.putData("m", null));
  }

  @Test
  void loadBeforeSaveFailsWithTheDatasetName() {
    SharedMemoryDataCatalog onA = SharedMemoryDataCatalog.connect(memberA, name);
    onA.get("pending", true);

    DatasetException e = assertThrows(DatasetException.class, () -> onB().load("pending"));

    assertTrue(e.getMessage().contains("pending"), e.getMessage());
  }

  @Test
  void oddNamesWorkAcrossTheCluster() {
    SharedMemoryDataCatalog onA = SharedMemoryDataCatalog.connect(memberA, name);
    List<String> names = List.of("with spaces", "dots.in.name", "a/b/c", "ünï-名前");
    for (String odd : names) {
      onA.putData(odd, "v:" + odd);
    }

    SharedMemoryDataCatalog onClient = SharedMemoryDataCatalog.connect(client, name);
    assertEquals(names, List.copyOf(onClient.names()));
    for (String odd : names) {
      assertEquals("v:" + odd, onClient.load(odd, String.class));
    }
  }

  @Test
  void aBlankCatalogNameIsRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> SharedMemoryDataCatalog.connect(client, " "));
  }

  // ------------------------------------------------------------------ member loss

  @Test
  void everyAcknowledgedSaveSurvivesTheLossOfAMember() {
    try (TestCluster three = TestCluster.withMembers(3)) {
      HazelcastInstance survivor = three.members().get(0);
      HazelcastInstance doomed = three.members().get(2);
      SharedMemoryDataCatalog writer = SharedMemoryDataCatalog.connect(survivor, name);
      for (int i = 0; i < 200; i++) {
        writer.get("value-" + i, true);
        writer.save("value-" + i, i);
      }

      three.terminate(doomed);
      await().atMost(20, SECONDS).until(() -> survivor.getCluster().getMembers().size() == 2);

      SharedMemoryDataCatalog reader = SharedMemoryDataCatalog.connect(three.startClient(), name);
      assertEquals(200, reader.size());
      for (int i = 0; i < 200; i++) {
        assertEquals(i, reader.load("value-" + i, Integer.class), "value-" + i);
      }
    }
  }

  // ------------------------------------------------------------------ Kedro fidelity (issue 11)

  @Test
  void kedrosFullMemoryDatasetPathIsSharedAsASharedMemoryDataset() {
    SharedMemoryDataCatalog catalog =
        SharedMemoryDataCatalog.connect(
            memberA,
            name,
            new CatalogConfig(
                Map.of(
                    "m",
                    Map.of("type", "kedro.io.memory_dataset.MemoryDataset", "data", List.of(1))),
                null,
                null,
                null));
    assertInstanceOf(SharedMemoryDataset.class, catalog.get("m"));
    assertEquals(List.of(1), SharedMemoryDataCatalog.connect(client, name).load("m"));
  }

  @Test
  void anUnknownTypeIsLazyInLocalAndConnectedCatalogsAlike(@TempDir Path dir) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("notes", Map.of("type", "TextDataset", "filepath", dir.resolve("n.txt").toString()));
    config.put("csv", Map.of("type", "pandas.HDFDataset", "filepath", "a.csv"));
    SharedMemoryDataCatalog local = SharedMemoryDataCatalog.fromConfig(config);
    SharedMemoryDataCatalog connected =
        SharedMemoryDataCatalog.connect(memberA, name, new CatalogConfig(config, null, null, null));
    SharedMemoryDataCatalog otherView = SharedMemoryDataCatalog.connect(client, name);
    for (SharedMemoryDataCatalog catalog : List.of(local, connected, otherView)) {
      assertTrue(catalog.contains("csv"));
      assertEquals(List.of("notes", "csv"), new ArrayList<>(catalog.names()));
      assertEquals("pandas.HDFDataset", catalog.typeOf("csv").orElseThrow());
      assertTrue(catalog.toConfig().catalog().containsKey("csv"));
      assertEquals(List.of("csv"), catalog.filter("csv", null, (Class<?>) null));
      assertEquals(List.of("notes"), catalog.filter(null, null, Dataset.class));
      for (Runnable use :
          List.<Runnable>of(
              () -> catalog.get("csv"),
              () -> catalog.load("csv"),
              () -> catalog.save("csv", "x"),
              () -> catalog.exists("csv"),
              () -> catalog.release("csv"))) {
        DatasetException e = assertThrows(DatasetException.class, use::run);
        assertTrue(e.getMessage().contains("'csv'"), e.getMessage());
        assertTrue(e.getMessage().contains("pandas.HDFDataset"), e.getMessage());
      }
      catalog.save("notes", "works");
      assertEquals("works", catalog.load("notes", String.class));
    }
  }
}
