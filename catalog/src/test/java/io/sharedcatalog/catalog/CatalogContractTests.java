package io.sharedcatalog.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sharedcatalog.catalog.internal.DatasetTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog behaviours every {@link DataCatalog} implementation must have, written once (the
 * pattern of Iceberg's {@code CatalogTests}). {@code DataCatalogTest} runs it on the in-process
 * catalog; the cluster module runs it on {@code SharedMemoryDataCatalog}.
 *
 * <p>Values used are plain JDK values (strings, integers, lists), so that any implementation can
 * store them. Nothing here assumes a particular runtime dataset type: the catalog is asked.
 */
public abstract class CatalogContractTests {

  /** Returns a new, empty catalog, independent of catalogs returned before. */
  protected abstract DataCatalog newCatalog();

  /** Returns a new catalog from Kedro-shaped config and credentials (either may be null). */
  protected abstract DataCatalog catalogFromConfig(
      Map<String, ?> config, Map<String, ?> credentials);

  @TempDir protected Path tempDir;

  /** A dataset made from config that remembers its config and counts its instances. */
  public static final class RecordingDataset extends AbstractDataset<Object> {
    /** Instances created, by the {@code id} key of their config. */
    public static final Map<String, AtomicInteger> CREATED = new ConcurrentHashMap<>();

    private final Map<String, Object> config;
    private volatile Object value;

    /** Creates the dataset from its config. */
    public RecordingDataset(Map<String, Object> config) {
      this.config = Map.copyOf(config);
      Object id = config.get("id");
      if (id != null) {
        CREATED.computeIfAbsent(id.toString(), k -> new AtomicInteger()).incrementAndGet();
      }
    }

    /** Returns the config it was created with. */
    public Map<String, Object> config() {
      return config;
    }

    @Override
    protected Object doLoad() {
      if (value == null) {
        throw new DatasetException("RecordingDataset " + config + " holds nothing yet.");
      }
      return value;
    }

    @Override
    protected void doSave(Object data) {
      value = data;
    }

    @Override
    protected boolean doExists() {
      return value != null;
    }

    @Override
    protected void doRelease() {
      value = null;
    }

    @Override
    protected Map<String, Object> doDescribe() {
      return new LinkedHashMap<>(config);
    }
  }

  /** A dataset with a confirm method that counts confirmations. */
  public static final class ConfirmingDataset extends AbstractDataset<Object>
      implements Confirmable {
    /** Confirmations, by the {@code id} key of the config. */
    public static final Map<String, AtomicInteger> CONFIRMED = new ConcurrentHashMap<>();

    private final String id;

    /** Creates the dataset from its config ({@code id}). */
    public ConfirmingDataset(Map<String, Object> config) {
      this.id = String.valueOf(config.get("id"));
    }

    @Override
    public void confirm() {
      CONFIRMED.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    protected Object doLoad() {
      return id;
    }

    @Override
    protected void doSave(Object data) {}

    @Override
    protected Map<String, Object> doDescribe() {
      return Map.of("id", id);
    }
  }

  private static final String RECORDING = RecordingDataset.class.getName();

  /**
   * A dataset made from config whose load throws a {@link DatasetException} and whose save throws
   * an {@link IllegalStateException}, neither naming the catalog's name for it.
   */
  public static final class FailingDataset extends AbstractDataset<Object> {
    /** Creates the dataset from its (ignored) config. */
    public FailingDataset(Map<String, Object> config) {}

    @Override
    protected Object doLoad() {
      throw new DatasetException("the disk said no");
    }

    @Override
    protected void doSave(Object data) {
      throw new IllegalStateException("the disk is full");
    }

    @Override
    protected Map<String, Object> doDescribe() {
      return Map.of();
    }
  }

  private static String uniqueId() {
    return java.util.UUID.randomUUID().toString();
  }

  private static Map<String, Object> entry(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  private String file(String name) {
    return tempDir.resolve(name).toString();
  }

  // ---- registration, lookup, names -------------------------------------------------------

  @Test
  void putDataThenLoadReturnsTheValue() {
    DataCatalog catalog = newCatalog();
    catalog.putData("numbers", new ArrayList<>(List.of(1, 2, 3)));
    assertEquals(List.of(1, 2, 3), catalog.load("numbers", List.class));
  }

  @Test
  void putDatasetThenSaveAndLoadGoThroughIt() {
    DataCatalog catalog = newCatalog();
    catalog.put("greeting", new MemoryDataset<String>());
    catalog.save("greeting", "hello");
    assertEquals("hello", catalog.load("greeting", String.class));
    assertTrue(catalog.exists("greeting"));
  }

  @Test
  void putReplacesAnExistingDataset() {
    DataCatalog catalog = newCatalog();
    catalog.putData("x", "first");
    catalog.putData("x", "second");
    assertEquals("second", catalog.load("x", String.class));
    assertEquals(1, catalog.size());
  }

  @Test
  void containsRegisteredConfiguredAndUserPatternNamesButNotRuntimeOnes() {
    DataCatalog catalog =
        catalogFromConfig(
            Map.of(
                "configured", entry("type", "MemoryDataset"),
                "{ns}.csv", entry("type", "TextDataset", "filepath", file("{ns}.csv"))),
            null);
    catalog.putData("registered", "r");
    assertTrue(catalog.contains("registered"));
    assertTrue(catalog.contains("configured"));
    assertTrue(catalog.contains("sales.csv"));
    assertFalse(catalog.contains("anything_else"));
  }

  @Test
  void namesAreRegisteredAndConfiguredNamesInInsertionOrder() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("b_configured", entry("type", "MemoryDataset"));
    config.put("a_configured", entry("type", "MemoryDataset"));
    config.put("{x}.pattern", entry("type", "MemoryDataset"));
    DataCatalog catalog = catalogFromConfig(config, null);
    catalog.putData("z_registered", 1);
    catalog.putData("c_registered", 2);
    assertEquals(
        List.of("b_configured", "a_configured", "z_registered", "c_registered"),
        new ArrayList<>(catalog.names()));
    assertEquals(4, catalog.size());
    List<String> iterated = new ArrayList<>();
    catalog.forEach(iterated::add);
    assertEquals(new ArrayList<>(catalog.names()), iterated);
  }

  @Test
  void namesIsALiveUnmodifiableView() {
    DataCatalog catalog = newCatalog();
    Set<String> names = catalog.names();
    catalog.putData("later", 1);
    assertTrue(names.contains("later"));
    assertThrows(UnsupportedOperationException.class, () -> names.add("x"));
    assertThrows(UnsupportedOperationException.class, () -> names.remove("later"));
  }

  @Test
  void loadOfAnUnknownNameFailsWithCloseMatches() {
    DataCatalog catalog = newCatalog();
    catalog.putData("test", 1);
    DatasetNotFoundException e =
        assertThrows(DatasetNotFoundException.class, () -> catalog.load("text"));
    assertTrue(e.getMessage().contains("'text'"), e.getMessage());
    assertTrue(e.getMessage().contains("did you mean one of these instead: test"), e.getMessage());
  }

  @Test
  void unknownNameWithoutCloseMatchesHasNoSuggestion() {
    DataCatalog catalog = newCatalog();
    catalog.putData("test", 1);
    DatasetNotFoundException e =
        assertThrows(DatasetNotFoundException.class, () -> catalog.release("wrong_key"));
    assertFalse(e.getMessage().contains("did you mean"), e.getMessage());
  }

  @Test
  void saveToAnUnknownNameFails() {
    DataCatalog catalog = newCatalog();
    assertThrows(DatasetNotFoundException.class, () -> catalog.save("missing", 1));
    assertFalse(catalog.contains("missing"));
  }

  @Test
  void findIsEmptyForUnknownNames() {
    DataCatalog catalog = newCatalog();
    assertTrue(catalog.find("missing").isEmpty());
    catalog.putData("present", 1);
    assertTrue(catalog.find("present").isPresent());
  }

  @Test
  void existsIsFalseForUnknownNamesAndBeforeSave() {
    DataCatalog catalog = catalogFromConfig(Map.of("empty", entry("type", "MemoryDataset")), null);
    assertFalse(catalog.exists("unknown"));
    assertFalse(catalog.exists("empty"));
    catalog.save("empty", "now");
    assertTrue(catalog.exists("empty"));
  }

  @Test
  void loadBeforeSaveFailsWithTheDatasetName() {
    DataCatalog catalog =
        catalogFromConfig(Map.of("never_saved", entry("type", "MemoryDataset")), null);
    DatasetException e = assertThrows(DatasetException.class, () -> catalog.load("never_saved"));
    assertTrue(e.getMessage().contains("never_saved"), e.getMessage());
  }

  @Test
  void releaseDropsTheData() {
    DataCatalog catalog = newCatalog();
    catalog.putData("x", "value");
    catalog.release("x");
    assertFalse(catalog.exists("x"));
    assertThrows(DatasetException.class, () -> catalog.load("x"));
    assertTrue(catalog.contains("x"));
  }

  @Test
  void saveOfNullFails() {
    DataCatalog catalog = newCatalog();
    catalog.putData("x", "value");
    assertThrows(DatasetException.class, () -> catalog.save("x", null));
    assertEquals("value", catalog.load("x", String.class));
  }

  @Test
  void typedLoadChecksTheTypeWithAClearMessage() {
    DataCatalog catalog = newCatalog();
    catalog.putData("count", 2);
    assertEquals(2, catalog.load("count", Integer.class));
    assertEquals(2, (int) catalog.load("count", int.class));
    DatasetException e =
        assertThrows(DatasetException.class, () -> catalog.load("count", String.class));
    assertTrue(e.getMessage().contains("'count'"), e.getMessage());
    assertTrue(e.getMessage().contains("java.lang.Integer"), e.getMessage());
    assertTrue(e.getMessage().contains("java.lang.String"), e.getMessage());
  }

  // ---- config and patterns ---------------------------------------------------------------

  @Test
  void configuredTextDatasetSavesAndLoadsItsFile() throws Exception {
    String path = file("notes.txt");
    DataCatalog catalog =
        catalogFromConfig(Map.of("notes", entry("type", "TextDataset", "filepath", path)), null);
    catalog.save("notes", "héllo");
    assertEquals("héllo", Files.readString(Path.of(path)));
    assertEquals("héllo", catalog.load("notes", String.class));
  }

  @Test
  void aUserPatternMatchIsCreatedOnFirstUseAndRegistered() throws Exception {
    DataCatalog catalog =
        catalogFromConfig(
            Map.of(
                "{namespace}.{name}",
                entry("type", "TextDataset", "filepath", file("{namespace}/{name}.txt"))),
            null);
    assertFalse(catalog.names().contains("sales.raw"));
    catalog.save("sales.raw", "a,b");
    assertEquals("a,b", Files.readString(tempDir.resolve("sales/raw.txt")));
    assertTrue(catalog.names().contains("sales.raw"));
    assertEquals(TextDataset.class.getName(), catalog.typeOf("sales.raw").orElseThrow());
  }

  @Test
  void theMostSpecificPatternWins() {
    String id = uniqueId();
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("{a}.{b}", entry("type", RECORDING, "id", id, "which", "two-placeholders"));
    config.put("{a}.csv", entry("type", RECORDING, "id", id, "which", "literal-suffix"));
    config.put("{default}", entry("type", RECORDING, "id", id, "which", "catch-all"));
    DataCatalog catalog = catalogFromConfig(config, null);
    assertEquals("literal-suffix", recorded(catalog, "x.csv").get("which"));
    assertEquals("two-placeholders", recorded(catalog, "x.parquet").get("which"));
    assertEquals("catch-all", recorded(catalog, "plain").get("which"));
  }

  private static Map<String, Object> recorded(DataCatalog catalog, String name) {
    return assertInstanceOf(RecordingDataset.class, catalog.get(name)).config();
  }

  @Test
  void placeholdersAreFilledIntoNestedMapsAndLists() {
    DataCatalog catalog =
        catalogFromConfig(
            Map.of(
                "{layer}.{name}",
                entry(
                    "type",
                    RECORDING,
                    "options",
                    entry("path", "data/{layer}/{name}", "tags", List.of("{layer}", "fixed")))),
            null);
    Map<String, Object> config = recorded(catalog, "raw.boats");
    assertEquals(
        Map.of("path", "data/raw/boats", "tags", List.of("raw", "fixed")), config.get("options"));
  }

  @Test
  void unknownNamesFallBackToTheCatalogsRuntimePattern() {
    DataCatalog catalog = newCatalog();
    assertThrows(DatasetNotFoundException.class, () -> catalog.get("intermediate"));
    Dataset<?> dataset = catalog.get("intermediate", true);
    String runtimeType =
        (String) catalog.configResolver().resolvePattern("intermediate").get("type");
    assertEquals(
        DatasetTypes.datasetClass("intermediate", runtimeType).getName(),
        dataset.getClass().getName());
    assertTrue(catalog.contains("intermediate"));
    catalog.save("intermediate", 41);
    assertEquals(41, catalog.load("intermediate", Integer.class));
  }

  @Test
  void userPatternsBeatRuntimePatterns() {
    DataCatalog catalog =
        catalogFromConfig(Map.of("{anything}", entry("type", RECORDING, "id", uniqueId())), null);
    assertInstanceOf(RecordingDataset.class, catalog.get("whatever", true));
  }

  @Test
  void filterSelectsByNameTypeAndClassWithoutCreating() {
    String id = uniqueId();
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("raw_boats", entry("type", "TextDataset", "filepath", file("boats.txt")));
    config.put("raw_cars", entry("type", RECORDING, "id", id));
    config.put("model_cars", entry("type", "TextDataset", "filepath", file("cars.txt")));
    DataCatalog catalog = catalogFromConfig(config, null);
    assertEquals(List.of("raw_boats", "raw_cars"), catalog.filter("^raw", null, (Class<?>) null));
    assertEquals(
        List.of("raw_boats", "model_cars"), catalog.filter(null, "TextDataset$", (Class<?>) null));
    assertEquals(List.of("model_cars"), catalog.filter("cars", null, TextDataset.class));
    assertEquals(List.of(), catalog.filter("nothing", null, (Class<?>) null));
    assertEquals(3, catalog.filter(null, null, Dataset.class).size());
    assertEquals(null, RecordingDataset.CREATED.get(id));
    assertThrows(IllegalArgumentException.class, () -> catalog.filter("((", null, (Class<?>) null));
  }

  @Test
  void typeOfNamesTheClassWithoutCreatingTheDataset() {
    String id = uniqueId();
    DataCatalog catalog =
        catalogFromConfig(
            Map.of(
                "configured", entry("type", RECORDING, "id", id),
                "{x}.rec", entry("type", RECORDING, "id", id)),
            null);
    assertEquals(RECORDING, catalog.typeOf("configured").orElseThrow());
    assertEquals(RECORDING, catalog.typeOf("a.rec").orElseThrow());
    assertTrue(catalog.typeOf("unknown").isEmpty());
    assertEquals(null, RecordingDataset.CREATED.get(id));
  }

  @Test
  void concurrentFirstUseCreatesOneDataset() throws Exception {
    String id = uniqueId();
    DataCatalog catalog =
        catalogFromConfig(Map.of("{x}.shared", entry("type", RECORDING, "id", id)), null);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Dataset<?>>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return catalog.get("a.shared");
                }));
      }
      start.countDown();
      Dataset<?> first = results.get(0).get(20, TimeUnit.SECONDS);
      for (Future<Dataset<?>> result : results) {
        assertSame(first, result.get(20, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, RecordingDataset.CREATED.get(id).get());
  }

  // ---- credentials -----------------------------------------------------------------------

  @Test
  void credentialsAreSubstitutedByName() {
    Map<String, Object> credentials =
        Map.of("s3", Map.of("key", "FAKE_KEY"), "other", Map.of("token", "T"));
    DataCatalog catalog =
        catalogFromConfig(
            Map.of(
                "cars",
                entry("type", RECORDING, "credentials", "s3"),
                "nested",
                entry(
                    "type",
                    RECORDING,
                    "credentials",
                    entry("client", entry("credentials", "other"), "key", "secret"))),
            credentials);
    assertEquals(Map.of("key", "FAKE_KEY"), recorded(catalog, "cars").get("credentials"));
    assertEquals(
        Map.of("client", Map.of("credentials", Map.of("token", "T")), "key", "secret"),
        recorded(catalog, "nested").get("credentials"));
  }

  @Test
  void unknownCredentialsFailNamingTheDatasetAndTheCredentials() {
    DatasetException e =
        assertThrows(
            DatasetException.class,
            () ->
                catalogFromConfig(
                    Map.of("cars", entry("type", "MemoryDataset", "credentials", "missing_creds")),
                    Map.of()));
    assertTrue(e.getMessage().contains("'cars'"), e.getMessage());
    assertTrue(e.getMessage().contains("'missing_creds'"), e.getMessage());
  }

  // ---- bad input -------------------------------------------------------------------------

  @Test
  void anEntryThatIsNotAMapFailsNamingIt() {
    DatasetException e =
        assertThrows(
            DatasetException.class,
            () -> catalogFromConfig(Map.of("broken", "just a string"), null));
    assertTrue(e.getMessage().contains("'broken'"), e.getMessage());
    assertTrue(e.getMessage().contains("underscore"), e.getMessage());
  }

  @Test
  void anEntryWithoutTypeFailsNamingIt() {
    DatasetException e =
        assertThrows(
            DatasetException.class,
            () -> catalogFromConfig(Map.of("boats", entry("filepath", "x.csv")), null));
    assertTrue(e.getMessage().contains("'boats'"), e.getMessage());
    assertTrue(e.getMessage().contains("'type' is missing"), e.getMessage());
  }

  // API.md now: types are resolved lazily; the first use fails with the same message.
  @Test
  void anUnknownTypeFailsWithCloseMatches() {
    DataCatalog catalog = catalogFromConfig(Map.of("boats", entry("type", "MemoryDatset")), null);
    DatasetException e = assertThrows(DatasetException.class, () -> catalog.get("boats"));
    assertTrue(e.getMessage().contains("'boats'"), e.getMessage());
    assertTrue(e.getMessage().contains("'MemoryDatset'"), e.getMessage());
    assertTrue(e.getMessage().contains("MemoryDataset"), e.getMessage());
  }

  @Test
  void unbalancedBracesInANameFail() {
    DatasetException e =
        assertThrows(
            DatasetException.class,
            () ->
                catalogFromConfig(Map.of("{namespace.raw", entry("type", "MemoryDataset")), null));
    assertTrue(e.getMessage().contains("'{namespace.raw'"), e.getMessage());
    assertTrue(e.getMessage().contains("unbalanced braces"), e.getMessage());
  }

  @Test
  void aNonStringFilepathFailsNamingTheDatasetAndTheCatalogStaysUsable() {
    DataCatalog catalog =
        catalogFromConfig(
            Map.of(
                "bad", entry("type", "TextDataset", "filepath", 42),
                "good", entry("type", "MemoryDataset")),
            null);
    DatasetException e = assertThrows(DatasetException.class, () -> catalog.save("bad", "x"));
    assertTrue(e.getMessage().contains("'bad'"), e.getMessage());
    assertTrue(e.getMessage().contains("filepath"), e.getMessage());
    catalog.save("good", "still works");
    assertEquals("still works", catalog.load("good", String.class));
  }

  @Test
  void confirmCallsTheDatasetsConfirmAndFailsWithoutOne() {
    String id = uniqueId();
    DataCatalog catalog =
        catalogFromConfig(
            Map.of(
                "confirmable", entry("type", ConfirmingDataset.class.getName(), "id", id),
                "plain", entry("type", "MemoryDataset")),
            null);
    catalog.confirm("confirmable");
    assertEquals(1, ConfirmingDataset.CONFIRMED.get(id).get());
    DatasetException e = assertThrows(DatasetException.class, () -> catalog.confirm("plain"));
    assertTrue(e.getMessage().contains("'plain'"), e.getMessage());
    assertThrows(DatasetNotFoundException.class, () -> catalog.confirm("missing"));
  }

  // ---- configuration round trip ----------------------------------------------------------

  @Test
  void toConfigTurnsBackIntoAnEqualCatalog() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("notes", entry("type", "TextDataset", "filepath", file("notes.txt")));
    config.put("cars", entry("type", RECORDING, "credentials", "s3"));
    config.put("{ns}.memory", entry("type", "MemoryDataset"));
    Map<String, Object> credentials = Map.of("s3", Map.of("key", "K"));
    DataCatalog catalog = catalogFromConfig(config, credentials);
    CatalogConfig exported = catalog.toConfig();
    assertEquals("s3", ((Map<?, ?>) exported.catalog().get("cars")).get("credentials"));
    assertEquals(credentials, exported.credentials());
    DataCatalog again = catalogFromConfig(exported.catalog(), exported.credentials());
    CatalogConfig reexported = again.toConfig();
    assertEquals(exported.catalog(), reexported.catalog());
    assertEquals(exported.credentials(), reexported.credentials());
    assertEquals(exported.loadVersions(), reexported.loadVersions());
    assertEquals(new ArrayList<>(catalog.names()), new ArrayList<>(again.names()));
  }

  // ---- Kedro fidelity (issue 11) ---------------------------------------------------------

  @Test
  void anUnknownOrUnloadableTypeFailsOnFirstUseNamingDatasetAndTypeWhileTheRestWorks() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("notes", entry("type", "TextDataset", "filepath", file("notes.txt")));
    config.put("csv", entry("type", "pandas.HDFDataset", "filepath", file("a.h5")));
    config.put("missing", entry("type", "com.example.NoSuchDataset"));
    config.put("malformed", entry("type", "kedro..io.Bad"));
    config.put("not_a_dataset", entry("type", "java.lang.String"));
    DataCatalog catalog = catalogFromConfig(config, null);

    List<String> broken = List.of("csv", "missing", "malformed", "not_a_dataset");
    assertEquals(List.of("notes", "csv", "missing", "malformed", "not_a_dataset"), names(catalog));
    for (String name : broken) {
      assertTrue(catalog.contains(name), name);
      String type = (String) ((Map<?, ?>) config.get(name)).get("type");
      assertEquals(type, catalog.typeOf(name).orElseThrow());
      assertTrue(catalog.toConfig().catalog().containsKey(name), name);
      List<Runnable> uses =
          List.of(
              () -> catalog.get(name),
              () -> catalog.load(name),
              () -> catalog.save(name, "x"),
              () -> catalog.exists(name),
              () -> catalog.release(name));
      for (Runnable use : uses) {
        DatasetException e = assertThrows(DatasetException.class, use::run, name);
        assertTrue(e.getMessage().contains("'" + name + "'"), e.getMessage());
        assertTrue(e.getMessage().contains(type), e.getMessage());
      }
    }
    assertEquals(List.of("csv"), catalog.filter("^csv$", null, (Class<?>) null));
    assertEquals(List.of("csv"), catalog.filter(null, "HDFDataset", (Class<?>) null));
    assertEquals(List.of("notes"), catalog.filter(null, null, Dataset.class));
    catalog.save("notes", "still works");
    assertEquals("still works", catalog.load("notes", String.class));
  }

  private static List<String> names(DataCatalog catalog) {
    return new ArrayList<>(catalog.names());
  }

  @Test
  void patternsRankByLiteralsThenMorePlaceholdersThenAlphabetically() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("{a}.q", entry("type", "MemoryDataset"));
    config.put("{a}{b}.q", entry("type", "TextDataset", "filepath", file("{a}-{b}.txt")));
    config.put("y_{a}", entry("type", "MemoryDataset"));
    config.put("x_{a}", entry("type", "MemoryDataset"));
    DataCatalog catalog = catalogFromConfig(config, null);
    assertEquals(
        // two literals each: two placeholders first, then alphabetical; then one literal
        List.of("{a}{b}.q", "x_{a}", "y_{a}", "{a}.q"),
        catalog.configResolver().listPatterns().subList(0, 4));
    assertEquals("{a}{b}.q", catalog.configResolver().matchPattern("xy.q").orElseThrow());
    assertEquals(TextDataset.class.getName(), catalog.typeOf("xy.q").orElseThrow());
  }

  @Test
  void twoUserCatchAllPatternsAreRefusedAtConstruction() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("{default}", entry("type", "MemoryDataset"));
    config.put("{a}{b}", entry("type", "MemoryDataset"));
    DatasetException e =
        assertThrows(DatasetException.class, () -> catalogFromConfig(config, null));
    assertTrue(e.getMessage().contains("{default}"), e.getMessage());
    assertTrue(e.getMessage().contains("{a}{b}"), e.getMessage());
    assertTrue(e.getMessage().contains("catch-all"), e.getMessage());
  }

  @Test
  void aPatternWhoseConfigUsesAPlaceholderItsNameLacksIsRefusedAtConstruction() {
    Map<String, Object> config =
        Map.of("{name}.txt", entry("type", "TextDataset", "filepath", file("{nmae}.txt")));
    DatasetException e =
        assertThrows(DatasetException.class, () -> catalogFromConfig(config, null));
    assertTrue(e.getMessage().contains("{name}.txt"), e.getMessage());
    assertTrue(e.getMessage().contains("{nmae}"), e.getMessage());
  }

  @Test
  void loadAndSaveFailuresNameTheDatasetWhateverTheDatasetSays() {
    DataCatalog catalog =
        catalogFromConfig(Map.of("test", entry("type", FailingDataset.class.getName())), null);
    DatasetException load = assertThrows(DatasetException.class, () -> catalog.load("test"));
    assertTrue(load.getMessage().startsWith("test: "), load.getMessage());
    assertTrue(load.getMessage().contains("the disk said no"), load.getMessage());
    assertEquals("the disk said no", load.getCause().getMessage());
    DatasetException save = assertThrows(DatasetException.class, () -> catalog.save("test", 1));
    assertTrue(save.getMessage().startsWith("test: "), save.getMessage());
    assertTrue(save.getMessage().contains("the disk is full"), save.getMessage());
    assertInstanceOf(DatasetException.class, save.getCause()); // AbstractDataset's wrapping
    assertInstanceOf(IllegalStateException.class, save.getCause().getCause());
  }

  @Test
  void filterAcceptsSeveralTypesAnyOfWhichMatches() {
    String id = uniqueId();
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("text", entry("type", "TextDataset", "filepath", file("t.txt")));
    config.put("memory", entry("type", "MemoryDataset"));
    config.put("recorded", entry("type", RECORDING, "id", id));
    DataCatalog catalog = catalogFromConfig(config, null);
    assertEquals(
        List.of("text", "recorded"),
        catalog.filter(null, null, TextDataset.class, RecordingDataset.class));
    assertEquals(
        List.of("recorded"), catalog.filter("rec", null, TextDataset.class, Dataset.class));
    assertEquals(List.of("text"), catalog.filter(null, "Text", TextDataset.class, Dataset.class));
    assertEquals(3, catalog.filter(null, null).size());
    assertEquals(null, RecordingDataset.CREATED.get(id));
  }
}
