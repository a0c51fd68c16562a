package io.sharedcatalog.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sharedcatalog.catalog.CatalogContractTests.RecordingDataset;
import io.sharedcatalog.catalog.spi.CatalogExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs the catalog contract on the in-process {@link DataCatalog}, plus its own behaviours. */
class DataCatalogTest extends CatalogContractTests {

  @Override
  protected DataCatalog newCatalog() {
    return new DataCatalog();
  }

  @Override
  protected DataCatalog catalogFromConfig(Map<String, ?> config, Map<String, ?> credentials) {
    return DataCatalog.fromConfig(config, credentials, null, null);
  }

  private Path write(String name, String text) throws Exception {
    Path file = tempDir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  // ---- YAML ------------------------------------------------------------------------------

  @Test
  void fromYamlReadsKedroCatalogsWithAnchorsMergeKeysAndCredentials() throws Exception {
    Path catalogYaml =
        write(
            "catalog.yml",
            """
            _text: &text
              type: TextDataset
              filepath: %s/default.txt

            notes:
              <<: *text
              filepath: %s/notes.txt

            cars:
              type: tests.Recording
              credentials: s3

            "{layer}.memory":
              type: kedro.io.MemoryDataset
            """
                .formatted(tempDir, tempDir));
    Path credentialsYaml = write("credentials.yml", "s3:\n  key: FAKE\n");
    DataCatalog catalog = DataCatalog.fromYaml(catalogYaml, credentialsYaml);
    assertEquals(List.of("notes", "cars"), new ArrayList<>(catalog.names()));
    catalog.save("notes", "from yaml");
    assertEquals("from yaml", Files.readString(tempDir.resolve("notes.txt")));
    assertEquals(
        Map.of("key", "FAKE"),
        assertInstanceOf(RecordingDataset.class, catalog.get("cars")).config().get("credentials"));
    assertTrue(catalog.contains("raw.memory"));
  }

  @Test
  void malformedYamlNamesTheFileAndLine() throws Exception {
    Path catalogYaml =
        write("bad.yml", "ok:\n  type: MemoryDataset\nbroken:\n  type: [x\n  y: 2\n");
    DatasetException e =
        assertThrows(DatasetException.class, () -> DataCatalog.fromYaml(catalogYaml));
    assertTrue(e.getMessage().contains(catalogYaml.toString()), e.getMessage());
    assertTrue(e.getMessage().matches("(?s).*line [45].*"), e.getMessage());
  }

  @Test
  void aYamlFileThatIsNotAMapOrIsMissingFails() throws Exception {
    Path list = write("list.yml", "- a\n- b\n");
    assertTrue(
        assertThrows(DatasetException.class, () -> DataCatalog.fromYaml(list))
            .getMessage()
            .contains("map"));
    Path missing = tempDir.resolve("missing.yml");
    assertTrue(
        assertThrows(DatasetException.class, () -> DataCatalog.fromYaml(missing))
            .getMessage()
            .contains("does not exist"));
    assertEquals(0, DataCatalog.fromYaml(write("empty.yml", "")).size());
  }

  // ---- types -----------------------------------------------------------------------------

  @Test
  void typesAreFoundByShortKedroAndClassNameAndThroughTheProviderInterface() {
    DataCatalog catalog =
        DataCatalog.fromConfig(
            Map.of(
                "short", Map.of("type", "MemoryDataset"),
                "kedro", Map.of("type", "kedro.io.MemoryDataset"),
                "fqcn", Map.of("type", MemoryDataset.class.getName()),
                "spi", Map.of("type", "Recording", "id", "spi")));
    for (String name : List.of("short", "kedro", "fqcn")) {
      assertInstanceOf(MemoryDataset.class, catalog.get(name), name);
    }
    assertInstanceOf(RecordingDataset.class, catalog.get("spi"));
  }

  // API.md now: types are resolved lazily, so the catalog builds and the first use fails.
  @Test
  void aClassThatIsNotADatasetIsRejected() {
    DataCatalog catalog = DataCatalog.fromConfig(Map.of("x", Map.of("type", "java.lang.String")));
    DatasetException e = assertThrows(DatasetException.class, () -> catalog.get("x"));
    assertTrue(e.getMessage().contains("not a dataset"), e.getMessage());
  }

  @Test
  void unknownConfigKeysAreRejectedNamingThem() {
    DataCatalog catalog =
        DataCatalog.fromConfig(
            Map.of("mem", Map.of("type", "MemoryDataset", "versioned", true, "colour", "red")));
    DatasetException e = assertThrows(DatasetException.class, () -> catalog.get("mem"));
    assertTrue(e.getMessage().contains("'mem'") && e.getMessage().contains("colour"));
    assertTrue(e.getMessage().contains("versioned"), e.getMessage());
  }

  // ---- versions --------------------------------------------------------------------------

  @Test
  void versionedConfigSavesUnderTheCatalogsSaveVersionAndLoadsPinnedVersions() throws Exception {
    String path = tempDir.resolve("boats.txt").toString();
    Map<String, ?> config =
        Map.of("boats", Map.of("type", "TextDataset", "filepath", path, "versioned", true));
    DataCatalog first = DataCatalog.fromConfig(config, null, null, "2024-01-01T00.00.00.000Z");
    first.save("boats", "first");
    assertTrue(Files.exists(Path.of(path, "2024-01-01T00.00.00.000Z", "boats.txt")));
    DataCatalog second = DataCatalog.fromConfig(config, null, null, "2024-01-02T00.00.00.000Z");
    second.save("boats", "second");
    assertEquals("second", second.load("boats", String.class));
    assertEquals("first", second.load("boats", "2024-01-01T00.00.00.000Z"));
    DataCatalog pinned =
        DataCatalog.fromConfig(config, null, Map.of("boats", "2024-01-01T00.00.00.000Z"), null);
    assertEquals("first", pinned.load("boats", String.class));
    assertThrows(VersionNotFoundException.class, () -> pinned.load("boats", "nope"));
  }

  @Test
  void fromConfigGivesEveryVersionedDatasetOneSaveVersion() throws Exception {
    Map<String, ?> config =
        Map.of(
            "a",
                Map.of(
                    "type",
                    "TextDataset",
                    "filepath",
                    tempDir.resolve("a.txt").toString(),
                    "versioned",
                    true),
            "b",
                Map.of(
                    "type",
                    "TextDataset",
                    "filepath",
                    tempDir.resolve("b.txt").toString(),
                    "versioned",
                    true));
    DataCatalog catalog = DataCatalog.fromConfig(config);
    String saveVersion = catalog.toConfig().saveVersion();
    assertTrue(saveVersion.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}\\.\\d{2}\\.\\d{2}\\.\\d{3}Z"));
    catalog.save("a", "A");
    catalog.save("b", "B");
    assertEquals(
        "A", Files.readString(tempDir.resolve("a.txt").resolve(saveVersion).resolve("a.txt")));
    assertEquals(
        "B", Files.readString(tempDir.resolve("b.txt").resolve(saveVersion).resolve("b.txt")));
    assertThrows(VersionAlreadyExistsException.class, () -> catalog.save("a", "again"));
    assertEquals("A", catalog.load("a", String.class));
    DataCatalog again = DataCatalog.fromConfig(config, null, null, null);
    again.save("a", "newer");
    assertEquals("newer", again.load("a", String.class));
  }

  @Test
  void loadingAVersionOfAnUnversionedDatasetFails() {
    DataCatalog catalog = new DataCatalog();
    catalog.putData("plain", "x");
    DatasetException e = assertThrows(DatasetException.class, () -> catalog.load("plain", "v1"));
    assertTrue(e.getMessage().contains("'plain'") && e.getMessage().contains("not a versioned"));
  }

  @Test
  void loadVersionsForUnknownDatasetsFailAtConstructionNamingThem() {
    DatasetNotFoundException e =
        assertThrows(
            DatasetNotFoundException.class,
            () ->
                DataCatalog.fromConfig(
                    Map.of("boats", Map.of("type", "MemoryDataset")),
                    null,
                    Map.of("boat", "v1", "planes", "v2"),
                    null));
    assertTrue(e.getMessage().contains("[boat, planes]"), e.getMessage());
    assertTrue(e.getMessage().contains("boats"), e.getMessage());
  }

  @Test
  void datasetsWithDisagreeingSaveVersionsFailAtConstructionNamingThem() {
    String path = tempDir.resolve("x.txt").toString();
    VersionAlreadyExistsException e =
        assertThrows(
            VersionAlreadyExistsException.class,
            () ->
                DataCatalog.builder()
                    .datasets(Map.of("x", new TextDataset(path, new Version(null, "b"))))
                    .saveVersion("a")
                    .build());
    assertTrue(e.getMessage().contains("'x'") && e.getMessage().contains("'a'"), e.getMessage());
  }

  @Test
  void puttingADatasetWithADisagreeingLoadVersionFailsAndKeepsThePreviousOne() {
    String path = tempDir.resolve("x.txt").toString();
    DataCatalog catalog =
        DataCatalog.builder()
            .datasets(Map.of("x", new TextDataset(path, new Version("v1", null))))
            .build();
    TextDataset before = (TextDataset) catalog.get("x");
    assertThrows(
        VersionAlreadyExistsException.class,
        () -> catalog.put("x", new TextDataset(path, new Version("v2", null))));
    assertSame(before, catalog.get("x"));
    assertEquals(Map.of("x", "v1"), catalog.toConfig().loadVersions());
  }

  @Test
  void aTypeWhoseClassCannotBeLinkedFailsWithTheLinkageErrorNotAsUnknown() {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    ClassLoader parent = DataCatalogTest.class.getClassLoader();
    thread.setContextClassLoader(
        new ClassLoader(parent) {
          @Override
          protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.equals("com.example.BrokenDataset")) {
              throw new NoClassDefFoundError("com/example/MissingDependency");
            }
            return super.loadClass(name, resolve);
          }
        });
    try {
      // API.md now: lazy types, so the catalog builds and loading the entry fails.
      DataCatalog catalog =
          DataCatalog.fromConfig(Map.of("model", Map.of("type", "com.example.BrokenDataset")));
      DatasetException e = assertThrows(DatasetException.class, () -> catalog.load("model"));
      assertTrue(e.getMessage().contains("'model'"), e.getMessage());
      assertTrue(e.getMessage().contains("MissingDependency"), e.getMessage());
      assertFalse(e.getMessage().contains("not known"), e.getMessage());
      assertTrue(e.getCause() instanceof NoClassDefFoundError, String.valueOf(e.getCause()));
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  @Test
  void aPutThatFailsInOnDatasetAddedLeavesTheCatalogsVersionsAsTheyWere() {
    DataCatalog catalog =
        new RefusingCatalog(
            new CatalogExtension() {
              @Override
              public Dataset<?> onDatasetAdded(String name, Dataset<?> dataset) {
                if (name.equals("refused")) {
                  throw new DatasetException("Dataset 'refused' is refused by this catalog.");
                }
                return dataset;
              }
            });
    String path = tempDir.resolve("v.txt").toString();
    assertThrows(
        DatasetException.class,
        () -> catalog.put("refused", new TextDataset(path, new Version("v1", "v1"))));

    assertFalse(catalog.contains("refused"));
    CatalogConfig config = catalog.toConfig();
    assertEquals(Map.of(), config.loadVersions());
    assertEquals(null, config.saveVersion());
    catalog.put("accepted", new TextDataset(path, new Version(null, "v2")));
    assertEquals("v2", catalog.toConfig().saveVersion());
  }

  // ---- extension points ------------------------------------------------------------------

  /** A subclass that gives the superclass an extension of its own. */
  static final class RefusingCatalog extends DataCatalog {
    RefusingCatalog(CatalogExtension extension) {
      super(new Builder(), extension);
    }
  }

  /** A subclass using the extension points as the shared catalog does. */
  static final class HookedCatalog extends DataCatalog {
    final List<String> added;

    private HookedCatalog(Builder builder, Hooks hooks) {
      super(builder, hooks);
      this.added = hooks.added;
    }

    static HookedBuilder hookedBuilder() {
      return new HookedBuilder();
    }

    public static HookedCatalog fromConfig(Map<String, ?> catalog) {
      return configure(new HookedBuilder(), catalog, null, null, null).build();
    }

    /** Built before the superclass constructor runs, so it records every dataset added. */
    private static final class Hooks implements CatalogExtension {
      final List<String> added = new CopyOnWriteArrayList<>();

      @Override
      public Map<String, Map<String, Object>> runtimePatterns() {
        return Map.of("{default}", Map.of("type", "Recording"));
      }

      @Override
      public Dataset<?> onDatasetAdded(String name, Dataset<?> dataset) {
        added.add(name);
        return dataset;
      }
    }

    static final class HookedBuilder extends DataCatalog.Builder {
      @Override
      public HookedCatalog build() {
        return new HookedCatalog(this, new Hooks());
      }
    }
  }

  @Test
  void aSubclassRuntimePatternIsUsedEvenWithAUserSuppliedResolver() {
    HookedCatalog catalog =
        (HookedCatalog)
            HookedCatalog.hookedBuilder()
                .configResolver(
                    new CatalogConfigResolver(
                        Map.of("{n}.txt", Map.of("type", "MemoryDataset")), null))
                .build();
    assertInstanceOf(RecordingDataset.class, catalog.get("intermediate", true));
    assertInstanceOf(MemoryDataset.class, catalog.get("a.txt", true));
    assertEquals(List.of("{n}.txt", "{default}"), catalog.configResolver().listPatterns());
  }

  @Test
  void onDatasetAddedSeesPutsConfigEntriesAndPatternMatches() {
    HookedCatalog catalog =
        HookedCatalog.fromConfig(
            Map.of(
                "configured", Map.of("type", "MemoryDataset"),
                "{x}.p", Map.of("type", "MemoryDataset")));
    catalog.putData("put", 1);
    catalog.get("configured");
    catalog.get("a.p");
    catalog.get("runtime", true);
    assertEquals(List.of("put", "configured", "a.p", "runtime"), catalog.added);
  }

  @Test
  void theExtensionSeesTheDatasetsGivenAtConstructionOnTheFullyBuiltSubclass() {
    HookedCatalog catalog =
        (HookedCatalog)
            HookedCatalog.hookedBuilder()
                .datasets(Map.of("given", new MemoryDataset<>(1, CopyMode.ASSIGN)))
                .build();
    // The superclass constructor calls no method of the subclass: the hooks were built first.
    assertEquals(List.of("given"), catalog.added);
    catalog.putData("later", 2);
    assertEquals(List.of("given", "later"), catalog.added);
  }

  @Test
  void aSubclassCanRegisterConfigEntriesAndReadConfigsWithoutCreatingDatasets() {
    String id = java.util.UUID.randomUUID().toString();
    HookedCatalog catalog =
        (HookedCatalog)
            HookedCatalog.hookedBuilder()
                .configResolver(new CatalogConfigResolver(null, Map.of("db", Map.of("u", "x"))))
                .build();
    catalog.putConfig("remote", Map.of("type", "Recording", "id", id, "credentials", "db"));
    assertTrue(catalog.contains("remote"));
    assertEquals(
        Map.of("type", "Recording", "id", id, "credentials", "db"),
        catalog.datasetConfig("remote").orElseThrow());
    assertEquals(null, RecordingDataset.CREATED.get(id));
    assertEquals(
        Map.of("u", "x"),
        assertInstanceOf(RecordingDataset.class, catalog.get("remote"))
            .config()
            .get("credentials"));
    assertEquals(List.of("remote"), catalog.added);
    assertThrows(
        DatasetException.class, () -> catalog.putConfig("bad", Map.of("type", "NoSuchType")));
    assertFalse(catalog.contains("bad"));
  }

  // ---- toConfig of live datasets ---------------------------------------------------------

  @Test
  void toConfigDescribesLiveBuiltInDatasetsWithoutTheirData() {
    DataCatalog catalog = new DataCatalog();
    catalog.putData("numbers", List.of(1, 2));
    catalog.put("assigned", new MemoryDataset<>("x", CopyMode.ASSIGN));
    String path = tempDir.resolve("t.txt").toString();
    catalog.put("text", new TextDataset(path, new Version("v1", null)));
    catalog.put("empty", new MemoryDataset<>(null, CopyMode.ASSIGN));
    CatalogConfig config = catalog.toConfig();
    // Issue 11 item 8 (Kedro's to_config): memory datasets holding data have no config to give.
    assertFalse(config.catalog().containsKey("numbers"), config.catalog().toString());
    assertFalse(config.catalog().containsKey("assigned"), config.catalog().toString());
    assertEquals(
        Map.of("type", "MemoryDataset", "copy_mode", "assign"), config.catalog().get("empty"));
    assertEquals(
        Map.of("type", "TextDataset", "filepath", path, "versioned", true),
        config.catalog().get("text"));
    assertEquals(Map.of("text", "v1"), config.loadVersions());
    DataCatalog again =
        DataCatalog.fromConfig(
            config.catalog(), config.credentials(), config.loadVersions(), config.saveVersion());
    assertEquals(config.catalog(), again.toConfig().catalog());
    assertEquals(config.loadVersions(), again.toConfig().loadVersions());
  }

  @Test
  void toConfigNamesDatasetsItCannotDescribe() {
    DataCatalog catalog = new DataCatalog();
    catalog.put(
        "custom",
        new AbstractDataset<String>() {
          @Override
          protected String doLoad() {
            return "";
          }

          @Override
          protected void doSave(String data) {}

          @Override
          protected Map<String, Object> doDescribe() {
            return Map.of();
          }
        });
    DatasetException e = assertThrows(DatasetException.class, catalog::toConfig);
    assertTrue(e.getMessage().contains("custom"), e.getMessage());
  }

  // ---- concurrency and scale -------------------------------------------------------------

  @Test
  void concurrentPutsAreAllRegisteredOnce() throws Exception {
    DataCatalog catalog = new DataCatalog();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 500; i++) {
                    catalog.putData("shared" + i, thread);
                    catalog.putData("own" + thread + "_" + i, i);
                  }
                }));
      }
      for (Future<?> future : futures) {
        future.get(20, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(2500, catalog.size());
    List<String> names = new ArrayList<>(catalog.names());
    assertEquals(2500, names.size());
    assertEquals(2500, new HashSet<>(names).size());
  }

  @Test
  void namesIsTheSameViewOnEveryCall() {
    DataCatalog catalog = new DataCatalog();
    assertSame(catalog.names(), catalog.names());
    assertFalse(catalog.iterator().hasNext());
  }

  // ---- Kedro fidelity (issue 11) ---------------------------------------------------------

  /** Runs {@code action} and returns what it logged (slf4j-simple writes to System.err). */
  private static String logsOf(Runnable action) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  @Test
  void kedrosFullTypePathsAreAccepted() {
    DataCatalog catalog =
        DataCatalog.fromConfig(
            Map.of("full", Map.of("type", "kedro.io.memory_dataset.MemoryDataset")));
    assertInstanceOf(MemoryDataset.class, catalog.get("full"));
  }

  @Test
  void aDatasetGivenExplicitlyBeatsAConfigEntryOfTheSameNameAndDropsItsConfigAndLoadVersion() {
    String path = tempDir.resolve("x.txt").toString();
    Map<String, Object> config = new java.util.LinkedHashMap<>();
    config.put("x", Map.of("type", "TextDataset", "filepath", path, "versioned", true));
    config.put("y", Map.of("type", "TextDataset", "filepath", path + ".y"));
    MemoryDataset<String> given = new MemoryDataset<>("given");
    DataCatalog[] built = new DataCatalog[1];
    String log =
        logsOf(
            () ->
                built[0] =
                    DataCatalog.builder()
                        .configResolver(new CatalogConfigResolver(config, null))
                        .datasets(Map.of("x", given))
                        .loadVersions(Map.of("x", "2024-01-01T00.00.00.000Z"))
                        .build());
    DataCatalog catalog = built[0];
    assertTrue(
        log.contains(
            "Cannot register dataset 'x' from config: a dataset with the same name was already"
                + " provided"),
        log);
    assertSame(given, catalog.get("x"));
    assertEquals(List.of("y"), List.copyOf(catalog.configResolver().config().keySet()));
    assertEquals(Map.of(), catalog.toConfig().loadVersions());
    assertEquals(Set.of("x", "y"), Set.copyOf(catalog.names()));
  }

  @Test
  void putOverAConfiguredEntryClearsItsConfigAndLoadVersion() {
    String path = tempDir.resolve("v.txt").toString();
    DataCatalog catalog =
        DataCatalog.fromConfig(
            Map.of("v", Map.of("type", "TextDataset", "filepath", path, "versioned", true)),
            null,
            Map.of("v", "2024-01-01T00.00.00.000Z"),
            null);
    assertEquals(Map.of("v", "2024-01-01T00.00.00.000Z"), catalog.toConfig().loadVersions());
    // a versioned dataset with another load version is accepted: the old pin goes with the entry
    TextDataset replacement = new TextDataset(path, new Version("2025-01-01T00.00.00.000Z", null));
    catalog.put("v", replacement);
    assertSame(replacement, catalog.get("v"));
    assertFalse(catalog.configResolver().config().containsKey("v"));
    assertEquals(Map.of("v", "2025-01-01T00.00.00.000Z"), catalog.toConfig().loadVersions());
  }

  /** A dataset that does not implement doExists. */
  private static final class NoExistsDataset extends AbstractDataset<String> {
    @Override
    protected String doLoad() {
      return "x";
    }

    @Override
    protected void doSave(String data) {}

    @Override
    protected Map<String, Object> doDescribe() {
      return Map.of();
    }
  }

  @Test
  void existsNotImplementedLogsOneWarningAndIsFalse() {
    DataCatalog catalog = new DataCatalog();
    catalog.put("plain", new NoExistsDataset());
    boolean[] answers = new boolean[2];
    String log =
        logsOf(
            () -> {
              answers[0] = catalog.exists("plain");
              answers[1] = catalog.exists("plain");
            });
    assertFalse(answers[0]);
    assertFalse(answers[1]);
    String warning = "does not implement '_exists'";
    assertTrue(log.contains(warning) && log.contains("Assuming output does not exist"), log);
    assertEquals(log.indexOf(warning), log.lastIndexOf(warning), log);
  }

  @Test
  void toConfigLeavesOutDatasetsWithNoConfigToGive() {
    String path = tempDir.resolve("kept.txt").toString();
    Map<String, Object> entries = new java.util.LinkedHashMap<>();
    entries.put("kept", Map.of("type", "TextDataset", "filepath", path));
    entries.put("configured_memory", Map.of("type", "MemoryDataset"));
    DataCatalog catalog = DataCatalog.fromConfig(entries);
    catalog.putData("numbers", List.of(1, 2));
    io.sharedcatalog.pipeline.Parameters.putInto(catalog, Map.of("seed", 7));
    catalog.put("empty", new MemoryDataset<>());
    catalog.save("configured_memory", "held");

    CatalogConfig config = catalog.toConfig();

    assertEquals(
        List.of("kept", "configured_memory", "empty"), List.copyOf(config.catalog().keySet()));
    DataCatalog rebuilt =
        DataCatalog.fromConfig(
            config.catalog(), config.credentials(), config.loadVersions(), config.saveVersion());
    assertEquals(List.of("kept", "configured_memory", "empty"), new ArrayList<>(rebuilt.names()));
    assertEquals(config.catalog(), rebuilt.toConfig().catalog());
  }
}
