package io.sharedcatalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.catalog.AbstractDataset;
import io.sharedcatalog.catalog.AbstractVersionedDataset;
import io.sharedcatalog.catalog.CatalogConfig;
import io.sharedcatalog.catalog.CatalogConfigResolver;
import io.sharedcatalog.catalog.CatalogValidationException;
import io.sharedcatalog.catalog.CopyMode;
import io.sharedcatalog.catalog.DataCatalog;
import io.sharedcatalog.catalog.Dataset;
import io.sharedcatalog.catalog.DatasetAlreadyExistsException;
import io.sharedcatalog.catalog.DatasetException;
import io.sharedcatalog.catalog.DatasetNotFoundException;
import io.sharedcatalog.catalog.MemoryDataset;
import io.sharedcatalog.catalog.ObjectFileDataset;
import io.sharedcatalog.catalog.TextDataset;
import io.sharedcatalog.catalog.Version;
import io.sharedcatalog.catalog.VersionAlreadyExistsException;
import io.sharedcatalog.catalog.VersionNotFoundException;
import io.sharedcatalog.cluster.ClusterBootstrap;
import io.sharedcatalog.cluster.ParallelRunner;
import io.sharedcatalog.cluster.SharedMemoryDataCatalog;
import io.sharedcatalog.cluster.SharedMemoryDataset;
import io.sharedcatalog.cluster.testing.TestCluster;
import io.sharedcatalog.pipeline.Node;
import io.sharedcatalog.pipeline.NodeFunction;
import io.sharedcatalog.pipeline.Pipeline;
import io.sharedcatalog.pipeline.PipelineException;
import io.sharedcatalog.pipeline.PipelineRegistry;
import io.sharedcatalog.runner.RunFailedException;
import io.sharedcatalog.runner.RunOptions;
import io.sharedcatalog.runner.RunResult;
import io.sharedcatalog.runner.Runner;
import io.sharedcatalog.runner.SequentialRunner;
import io.sharedcatalog.runner.ThreadRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public contract of {@code API.md}, compiled and run from outside the project's packages:
 * every type, constructor, factory and method it names, with its declared parameter and return
 * types, and the behaviours it states that are cheap to check in one JVM.
 */
class ApiContractTest {

  @TempDir Path dir;

  // ------------------------------------------------------------------ exceptions

  @Test
  void exceptionsHaveTheDeclaredSuperclassesAndValidationNamesAreAList() {
    RuntimeException base = new DatasetException("m");
    DatasetException notFound = new DatasetNotFoundException("m");
    DatasetException exists = new DatasetAlreadyExistsException("m");
    DatasetException noVersion = new VersionNotFoundException("m");
    DatasetException versionExists = new VersionAlreadyExistsException("m");
    CatalogValidationException validation = new CatalogValidationException("m", List.of("a", "b"));
    DatasetException validationBase = validation;
    List<String> names = validation.datasetNames();
    RuntimeException pipeline = new PipelineException("m");
    RunFailedException failed = new RunFailedException("n", List.of("r"), new IOException("x"));
    RuntimeException failedBase = failed;
    String nodeName = failed.nodeName();
    List<String> resume = failed.resumeFromNodes();

    assertEquals(List.of("a", "b"), names);
    assertEquals("n", nodeName);
    assertEquals(List.of("r"), resume);
    assertInstanceOf(IOException.class, failedBase.getCause());
    assertTrue(failed.getMessage().contains("n"), failed.getMessage());
    for (RuntimeException e :
        List.of(base, notFound, exists, noVersion, versionExists, validationBase, pipeline)) {
      assertEquals("m", e.getMessage());
    }
  }

  // ------------------------------------------------------------------ datasets

  /** A dataset whose load and save fail with a checked exception. */
  static final class BrokenDataset extends AbstractDataset<String> {
    BrokenDataset() {
      super();
    }

    @Override
    protected String doLoad() throws Exception {
      throw new IOException("disk gone");
    }

    @Override
    protected void doSave(String data) throws Exception {
      throw new IOException("disk full");
    }

    @Override
    protected Map<String, Object> doDescribe() {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("where", "nowhere");
      d.put("why", "tests");
      return d;
    }

    @Override
    protected boolean doExists() throws Exception {
      return super.doExists();
    }

    @Override
    protected void doRelease() {
      super.doRelease();
    }
  }

  /** A dataset that raises a DatasetException itself. */
  static final class RefusingDataset extends AbstractDataset<String> {
    static final DatasetException REFUSAL = new DatasetException("refused by RefusingDataset");

    @Override
    protected String doLoad() {
      throw REFUSAL;
    }

    @Override
    protected void doSave(String data) {
      throw REFUSAL;
    }

    @Override
    protected Map<String, Object> doDescribe() {
      return Map.of();
    }
  }

  @Test
  void datasetFailuresAreWrappedWithTheDatasetAndNullSavesAreRefused() {
    Dataset<String> broken = new BrokenDataset();
    assertEquals("BrokenDataset(where=nowhere, why=tests)", broken.toString());
    Map<String, Object> description = broken.describe();
    assertEquals(List.of("where", "why"), new ArrayList<>(description.keySet()));
    boolean exists = broken.exists();
    assertFalse(exists);
    broken.release();

    DatasetException load = assertThrows(DatasetException.class, broken::load);
    assertTrue(
        load.getMessage().startsWith("Failed while loading data from dataset " + broken),
        load.getMessage());
    assertInstanceOf(IOException.class, load.getCause());
    DatasetException save = assertThrows(DatasetException.class, () -> broken.save("x"));
    assertTrue(
        save.getMessage().startsWith("Failed while saving data to dataset " + broken),
        save.getMessage());
    assertInstanceOf(IOException.class, save.getCause());

    assertThrows(DatasetException.class, () -> broken.save(null));
    Dataset<String> memory = new MemoryDataset<>();
    assertThrows(DatasetException.class, () -> memory.save(null));

    Dataset<String> refusing = new RefusingDataset();
    assertSame(RefusingDataset.REFUSAL, assertThrows(DatasetException.class, refusing::load));
    assertSame(
        RefusingDataset.REFUSAL, assertThrows(DatasetException.class, () -> refusing.save("x")));
  }

  @Test
  void memoryDatasetCopiesByModeAndRefusesToLoadBeforeSave() {
    MemoryDataset<List<String>> empty = new MemoryDataset<>();
    DatasetException e = assertThrows(DatasetException.class, empty::load);
    assertTrue(
        e.getMessage().contains("Data for MemoryDataset has not been saved yet."), e.getMessage());
    assertFalse(empty.exists());

    List<String> saved = new ArrayList<>(List.of("a"));
    AbstractDataset<List<String>> inferred = new MemoryDataset<>(saved);
    saved.add("mutated after save");
    List<String> loaded = inferred.load();
    assertEquals(List.of("a"), loaded);
    loaded.add("mutated after load");
    assertEquals(List.of("a"), inferred.load());
    assertTrue(inferred.exists());
    inferred.release();
    assertFalse(inferred.exists());

    List<String> shared = new ArrayList<>(List.of("a"));
    MemoryDataset<List<String>> assigned = new MemoryDataset<>(shared, CopyMode.ASSIGN);
    assertSame(shared, assigned.load());
    MemoryDataset<List<String>> deep = new MemoryDataset<>(shared, CopyMode.DEEPCOPY);
    assertEquals(shared, deep.load());
    assertFalse(shared == deep.load());
    MemoryDataset<List<String>> copied = new MemoryDataset<>(shared, CopyMode.COPY);
    assertEquals(shared, copied.load());
    assertEquals(
        List.of(CopyMode.DEEPCOPY, CopyMode.COPY, CopyMode.ASSIGN), List.of(CopyMode.values()));
  }

  @Test
  void versionedFileDatasetsStoreUnderTheVersionAndFindTheLatest() throws IOException {
    String filepath = dir.resolve("out/report.txt").toString();
    Version v1 = new Version(null, "2024-01-01T00.00.00.000Z");
    String load = v1.load();
    String saveVersion = v1.save();
    assertEquals(null, load);
    AbstractVersionedDataset<String> first = new TextDataset(filepath, v1);
    first.save("first");
    assertEquals(
        "first",
        Files.readString(
            dir.resolve("out/report.txt/" + saveVersion + "/report.txt"), StandardCharsets.UTF_8));
    new TextDataset(filepath, new Version(null, "2024-01-02T00.00.00.000Z")).save("second");

    assertEquals("second", new TextDataset(filepath, new Version(null, null)).load());
    assertEquals("first", new TextDataset(filepath, new Version(saveVersion, null)).load());
    assertThrows(
        VersionAlreadyExistsException.class, () -> new TextDataset(filepath, v1).save("overwrite"));
    assertEquals("first", new TextDataset(filepath, new Version(saveVersion, null)).load());
    assertThrows(
        VersionNotFoundException.class,
        () -> new TextDataset(dir.resolve("none.txt").toString(), new Version(null, null)).load());

    String generatedIn = dir.resolve("generated.txt").toString();
    new TextDataset(generatedIn, new Version(null, null)).save("g");
    try (var versions = Files.list(Path.of(generatedIn))) {
      String generated = versions.findFirst().orElseThrow().getFileName().toString();
      assertTrue(
          generated.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}\\.\\d{2}\\.\\d{2}\\.\\d{3}Z"), generated);
    }

    Dataset<String> plain = new TextDataset(dir.resolve("plain.txt").toString());
    plain.save("héllo");
    assertEquals("héllo", plain.load());
    AbstractVersionedDataset<List<Integer>> objects =
        new ObjectFileDataset<>(dir.resolve("o.bin").toString());
    objects.save(List.of(1, 2));
    assertEquals(List.of(1, 2), objects.load());
    ObjectFileDataset<String> versionedObjects =
        new ObjectFileDataset<>(dir.resolve("v.bin").toString(), new Version(null, null));
    versionedObjects.save("v");
    assertEquals("v", versionedObjects.load());
  }

  // ------------------------------------------------------------------ catalog

  @Test
  void dataCatalogConstructionAndLookupsHaveTheDeclaredTypes() {
    DataCatalog empty = new DataCatalog();
    Map<String, Dataset<?>> datasets = new LinkedHashMap<>();
    datasets.put("sales_raw", new MemoryDataset<>(List.of(1, 2)));
    DataCatalog catalog = new DataCatalog(datasets);
    DataCatalog built =
        DataCatalog.builder()
            .datasets(datasets)
            .configResolver(new CatalogConfigResolver())
            .loadVersions(Map.of())
            .saveVersion(null)
            .build();
    DataCatalog fromConfig = DataCatalog.fromConfig(Map.of("a", Map.of("type", "MemoryDataset")));
    DataCatalog fromConfigNulls =
        DataCatalog.fromConfig(
            Map.of("a", Map.of("type", "kedro.io.MemoryDataset")), null, null, null);
    DataCatalog fromConfigEmpty =
        DataCatalog.fromConfig(
            Map.of("a", Map.of("type", MemoryDataset.class.getName())), Map.of(), Map.of(), null);
    assertEquals(0, empty.size());
    assertTrue(built.contains("sales_raw"));
    for (DataCatalog c : List.of(fromConfig, fromConfigNulls, fromConfigEmpty)) {
      assertInstanceOf(MemoryDataset.class, c.get("a"));
    }

    CatalogConfigResolver resolver = catalog.configResolver();
    assertNotNull(resolver);
    Dataset<?> dataset = catalog.get("sales_raw");
    Optional<Dataset<?>> found = catalog.find("sales_raw");
    assertSame(dataset, found.orElseThrow());
    assertTrue(catalog.find("nope").isEmpty());
    DatasetNotFoundException notFound =
        assertThrows(DatasetNotFoundException.class, () -> catalog.get("sales_rw"));
    assertTrue(
        notFound.getMessage().contains("did you mean one of these instead")
            && notFound.getMessage().contains("sales_raw"),
        notFound.getMessage());

    catalog.put("b", new MemoryDataset<>("b"));
    catalog.putData("c", "c");
    catalog.put("b", new MemoryDataset<>("b2"));
    boolean contains = catalog.contains("c");
    Set<String> names = catalog.names();
    int size = catalog.size();
    Iterator<String> iterator = catalog.iterator();
    assertTrue(contains);
    assertEquals(List.of("sales_raw", "b", "c"), new ArrayList<>(names));
    assertEquals(3, size);
    assertEquals("sales_raw", iterator.next());

    List<?> untyped = catalog.load("sales_raw");
    String typed = catalog.load("b", String.class);
    String versionless = catalog.load("c", (String) null);
    assertEquals(List.of(1, 2), untyped);
    assertEquals("b2", typed);
    assertEquals("c", versionless);
    assertThrows(DatasetException.class, () -> catalog.load("b", Integer.class));
    catalog.save("c", "c2");
    assertEquals("c2", catalog.load("c", String.class));
    boolean exists = catalog.exists("c");
    assertTrue(exists);
    assertFalse(catalog.exists("unknown"));
    catalog.release("c");
    assertFalse(catalog.exists("c"));
    assertThrows(DatasetException.class, () -> catalog.confirm("b"));
    List<String> filtered = catalog.filter("^s", "Memory", MemoryDataset.class);
    assertEquals(List.of("sales_raw"), filtered);
    assertEquals(List.of("sales_raw", "b", "c"), catalog.filter(null, null, (Class<?>) null));

    CatalogConfig config = catalog.toConfig();
    Map<String, Object> entries = config.catalog();
    Map<String, Object> credentials = config.credentials();
    Map<String, String> loadVersions = config.loadVersions();
    String saveVersion = config.saveVersion();
    DataCatalog again = DataCatalog.fromConfig(entries, credentials, loadVersions, saveVersion);
    CatalogConfig roundTrip = again.toConfig();
    assertEquals(config.catalog(), roundTrip.catalog());
    assertEquals(config.credentials(), roundTrip.credentials());
    assertEquals(config.loadVersions(), roundTrip.loadVersions());
    // Issue 11 item 8 (Kedro's to_config): memory datasets holding data ("sales_raw", "b") have
    // no config to give; the rebuilt catalog is the configured part ("c" was released: empty).
    assertEquals(List.of("c"), new ArrayList<>(again.names()));
    CatalogConfig pinned =
        DataCatalog.fromConfig(entries, null, null, "2024-01-01T00.00.00.000Z").toConfig();
    assertEquals(
        pinned,
        DataCatalog.fromConfig(
                pinned.catalog(), pinned.credentials(), pinned.loadVersions(), pinned.saveVersion())
            .toConfig());
    assertEquals("2024-01-01T00.00.00.000Z", pinned.saveVersion());
  }

  @Test
  void patternsResolveRankAndAreTypedWithoutMaterialising() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("{namespace}.{name}", Map.of("type", "MemoryDataset"));
    config.put("{name}", Map.of("type", "TextDataset", "filepath", "data/{name}.txt"));
    config.put("sales.{name}", Map.of("type", "TextDataset", "filepath", "data/sales/{name}.txt"));
    DataCatalog catalog = DataCatalog.fromConfig(config, null, null, null);
    CatalogConfigResolver resolver = catalog.configResolver();

    List<String> patterns = resolver.listPatterns();
    assertEquals(List.of("sales.{name}", "{namespace}.{name}", "{name}"), patterns.subList(0, 3));
    Optional<String> match = resolver.matchPattern("hr.raw");
    assertEquals(Optional.of("{namespace}.{name}"), match);
    assertEquals(Optional.of("sales.{name}"), resolver.matchPattern("sales.raw"));
    Map<String, Object> resolved = resolver.resolvePattern("sales.raw");
    assertEquals("data/sales/raw.txt", resolved.get("filepath"));
    Map<String, Object> raw = resolver.config();
    assertNotNull(raw);

    assertTrue(catalog.contains("hr.raw"));
    Optional<String> type = catalog.typeOf("sales.raw");
    assertEquals(Optional.of(TextDataset.class.getName()), type);
    assertFalse(catalog.names().contains("sales.raw"), "typeOf must not materialise");
    assertEquals(Optional.empty(), DataCatalog.fromConfig(Map.of()).typeOf("unknown"));

    DataCatalog noPatterns = new DataCatalog();
    assertEquals(Optional.of("{default}"), noPatterns.configResolver().matchPattern("anything"));
    assertFalse(noPatterns.contains("anything"));
    Dataset<?> runtime = noPatterns.get("anything", true);
    assertInstanceOf(MemoryDataset.class, runtime);
    assertTrue(noPatterns.contains("anything"));
    assertInstanceOf(TextDataset.class, catalog.get("x", true), "user patterns beat runtime");
  }

  @Test
  void unknownCredentialsNameTheDatasetAndTheCredentials() {
    DatasetException e =
        assertThrows(
            DatasetException.class,
            () ->
                DataCatalog.fromConfig(
                        Map.of(
                            "secret_ds",
                            Map.of("type", "TextDataset", "filepath", "x", "credentials", "nope")),
                        Map.of("other", Map.of("k", "v")),
                        null,
                        null)
                    .get("secret_ds"));
    assertTrue(
        e.getMessage().contains("secret_ds") && e.getMessage().contains("nope"), e.getMessage());
  }

  @Test
  void unknownTypesAndUnknownLoadVersionsNameWhatIsWrong() {
    DatasetException type =
        assertThrows(
            DatasetException.class,
            () ->
                DataCatalog.fromConfig(Map.of("odd_ds", Map.of("type", "NoSuchDataset")))
                    .get("odd_ds"));
    assertTrue(
        type.getMessage().contains("odd_ds") && type.getMessage().contains("NoSuchDataset"),
        type.getMessage());
    DatasetException versions =
        assertThrows(
            DatasetException.class,
            () ->
                DataCatalog.fromConfig(
                    Map.of("a", Map.of("type", "MemoryDataset")),
                    null,
                    Map.of("missing_ds", "2024-01-01T00.00.00.000Z"),
                    null));
    assertTrue(versions.getMessage().contains("missing_ds"), versions.getMessage());
    VersionAlreadyExistsException disagree =
        assertThrows(
            VersionAlreadyExistsException.class,
            () ->
                DataCatalog.builder()
                    .datasets(
                        Map.of(
                            "pinned_ds",
                            new TextDataset(
                                dir.resolve("p.txt").toString(),
                                new Version(null, "2024-01-01T00.00.00.000Z"))))
                    .saveVersion("2024-02-02T00.00.00.000Z")
                    .build());
    assertTrue(disagree.getMessage().contains("pinned_ds"), disagree.getMessage());
  }

  @Test
  void yamlAnchorsAreNotDatasets() throws IOException {
    Path yaml = dir.resolve("catalog.yml");
    Files.writeString(
        yaml, "_memory: &memory\n  type: MemoryDataset\nfirst:\n  <<: *memory\nsecond: *memory\n");
    Path credentials = dir.resolve("credentials.yml");
    Files.writeString(credentials, "db:\n  user: u\n");
    DataCatalog catalog = DataCatalog.fromYaml(yaml);
    DataCatalog withCredentials = DataCatalog.fromYaml(yaml, credentials);
    assertEquals(List.of("first", "second"), new ArrayList<>(catalog.names()));
    assertEquals(List.of("first", "second"), new ArrayList<>(withCredentials.names()));

    SharedMemoryDataCatalog shared = SharedMemoryDataCatalog.fromYaml(yaml);
    SharedMemoryDataCatalog sharedWithCredentials =
        SharedMemoryDataCatalog.fromYaml(yaml, credentials);
    assertEquals(List.of("first", "second"), new ArrayList<>(shared.names()));
    assertEquals(2, sharedWithCredentials.size());
  }

  // ------------------------------------------------------------------ pipelines and runners

  private static NodeFunction plusOne(String in, String out) {
    return inputs -> Map.of(out, (Integer) inputs.get(in) + 1);
  }

  @Test
  void pipelinesSortTopologicallyAndSlice() {
    Node a = Node.of("a", List.of("in"), List.of("x"), plusOne("in", "x"));
    Node b = Node.of("b", List.of("x"), List.of("y"), plusOne("x", "y"));
    Node source = Node.of("source", List.of(), List.of("s"), inputs -> Map.of("s", 1));
    String name = b.name();
    List<String> inputs = b.inputs();
    List<String> outputs = b.outputs();
    assertEquals("b", name);
    assertEquals(List.of("x"), inputs);
    assertEquals(List.of("y"), outputs);

    Pipeline pipeline = Pipeline.of(b, a);
    Collection<Node> collection = List.of(b, a);
    Pipeline same = Pipeline.of(collection);
    List<Node> nodes = pipeline.nodes();
    assertEquals(List.of(a, b), nodes);
    assertEquals(nodes, same.nodes());
    Set<String> in = pipeline.inputs();
    Set<String> out = pipeline.outputs();
    Set<String> all = pipeline.datasets();
    assertEquals(Set.of("in"), in);
    assertEquals(Set.of("y"), out);
    assertEquals(Set.of("in", "x", "y"), all);
    Pipeline plus = pipeline.plus(Pipeline.of(source));
    // Topological by groups, as Kedro: nodes depending on none first, each group by name.
    assertEquals(List.of(a, source, b), plus.nodes());
    assertEquals(List.of(b), pipeline.onlyNodes("b").nodes());
    assertEquals(List.of(a, b), pipeline.fromNodes("a").nodes());
    assertEquals(List.of(a), pipeline.toNodes("a").nodes());

    PipelineException duplicate =
        assertThrows(
            PipelineException.class,
            () -> Pipeline.of(a, Node.of("a", List.of(), List.of("z"), i -> Map.of("z", 1))));
    assertTrue(duplicate.getMessage().contains("'a'") || duplicate.getMessage().contains("a"));
    assertThrows(
        PipelineException.class,
        () -> Pipeline.of(a, Node.of("c", List.of(), List.of("x"), i -> Map.of("x", 1))));
    assertThrows(
        PipelineException.class,
        () -> Pipeline.of(a, Node.of("c", List.of("x"), List.of("in"), plusOne("x", "in"))));

    PipelineRegistry registry = () -> Map.of("p", pipeline);
    Map<String, Pipeline> registered = registry.pipelines();
    assertSame(pipeline, registered.get("p"));
  }

  @Test
  void runnersCheckInputsReleaseIntermediatesAndSkipExistingOutputs() {
    Pipeline pipeline =
        Pipeline.of(
            Node.of("a", List.of("in"), List.of("x"), plusOne("in", "x")),
            Node.of("b", List.of("x"), List.of("y"), plusOne("x", "y")));
    List<Runner> runners = List.of(new SequentialRunner(), new ThreadRunner(2));
    for (Runner runner : runners) {
      DatasetException missing =
          assertThrows(
              DatasetException.class,
              () ->
                  runner.run(
                      Pipeline.of(
                          Node.of("n", List.of("in1", "in2"), List.of("o"), i -> Map.of("o", 1))),
                      new DataCatalog()));
      assertTrue(
          missing.getMessage().contains("in1") && missing.getMessage().contains("in2"),
          missing.getMessage());

      DataCatalog catalog = new DataCatalog();
      catalog.putData("in", 1);
      RunResult result = runner.run(pipeline, catalog);
      Map<String, Dataset<?>> outputs = result.outputs();
      List<String> completed = result.completedNodes();
      Duration duration = result.duration();
      assertEquals(Set.of("y"), outputs.keySet());
      assertEquals(3, outputs.get("y").load());
      assertEquals(List.of("a", "b"), completed);
      assertFalse(duration.isNegative());
      assertFalse(catalog.exists("x"), "the intermediate is released");

      RunOptions options = RunOptions.builder().onlyMissingOutputs(true).runId("again").build();
      RunResult skipped =
          runner.run(
              Pipeline.of(Node.of("b", List.of("x"), List.of("y"), plusOne("x", "y"))),
              catalog,
              options);
      assertEquals(List.of(), skipped.completedNodes());
      assertEquals(3, catalog.load("y", Integer.class));
      RunResult defaults = runner.run(pipeline, catalog, RunOptions.defaults());
      assertEquals(List.of("a", "b"), defaults.completedNodes());
    }
  }

  @Test
  void aFailingNodeFailsTheRunNamingItAndNothingStartsAfterIt() {
    AtomicBoolean downstreamRan = new AtomicBoolean();
    IllegalStateException boom = new IllegalStateException("boom");
    Pipeline pipeline =
        Pipeline.of(
            Node.of(
                "breaks",
                List.of("in"),
                List.of("x"),
                i -> {
                  throw boom;
                }),
            Node.of(
                "after",
                List.of("x"),
                List.of("y"),
                i -> {
                  downstreamRan.set(true);
                  return Map.of("y", 1);
                }));
    DataCatalog catalog = new DataCatalog();
    catalog.putData("in", 1);
    for (Runner runner : List.of(new SequentialRunner(), new ThreadRunner(2))) {
      RunFailedException e =
          assertThrows(RunFailedException.class, () -> runner.run(pipeline, catalog));
      assertEquals("breaks", e.nodeName());
      assertSame(boom, e.getCause());
      assertTrue(e.getMessage().contains("breaks"), e.getMessage());
      assertNotNull(e.resumeFromNodes());
      assertFalse(downstreamRan.get());
    }

    Pipeline missingOutput =
        Pipeline.of(Node.of("forgets", List.of("in"), List.of("wanted_out"), i -> Map.of()));
    RunFailedException missing =
        assertThrows(
            RunFailedException.class, () -> new SequentialRunner().run(missingOutput, catalog));
    StringBuilder chain = new StringBuilder();
    for (Throwable t = missing; t != null; t = t.getCause()) {
      chain.append(t.getMessage()).append('\n');
    }
    assertTrue(chain.toString().contains("wanted_out"), chain.toString());
  }

  // ------------------------------------------------------------------ cluster

  /** Holds a thread: it cannot be shared between processes. */
  static final class Unshareable {
    final Thread thread = new Thread(() -> {});
  }

  @Test
  void packagedHazelcastDefaultsAreInTheJar() {
    ClassLoader loader = SharedMemoryDataCatalog.class.getClassLoader();
    assertNotNull(loader.getResource("io/sharedcatalog/cluster/hazelcast.yaml"));
    assertNotNull(loader.getResource("io/sharedcatalog/cluster/hazelcast-client.yaml"));
    // Loadable as configs, with the stated settings: loopback, TCP-IP join, no multicast, backups.
    com.hazelcast.config.Config member = ClusterBootstrap.member().build();
    assertFalse(member.getNetworkConfig().getJoin().getMulticastConfig().isEnabled());
    assertTrue(member.getNetworkConfig().getJoin().getTcpIpConfig().isEnabled());
    assertEquals(
        List.of("127.0.0.1"),
        List.copyOf(member.getNetworkConfig().getInterfaces().getInterfaces()));
    assertTrue(member.getMapConfig("sharedcatalog.x.registry").getBackupCount() >= 1);
    com.hazelcast.client.config.ClientConfig client = ClusterBootstrap.client().build();
    assertEquals(List.of("127.0.0.1:5701"), client.getNetworkConfig().getAddresses());
  }

  @Test
  void sharedCatalogsConnectValidateAndRunOnARealCluster() {
    try (TestCluster cluster = TestCluster.withMembers(1)) {
      HazelcastInstance member = cluster.members().get(0);
      HazelcastInstance client = cluster.startClient();

      // SharedMemoryDataset: needs a manager, refuses loads before saves, keeps the old value.
      SharedMemoryDataset<Object> unbound = new SharedMemoryDataset<>();
      DatasetException noManager = assertThrows(DatasetException.class, () -> unbound.save("v"));
      assertTrue(noManager.getMessage().contains("manager"), noManager.getMessage());
      SharedMemoryDataset<Object> dataset = new SharedMemoryDataset<>();
      dataset.setManager(member);
      assertThrows(DatasetException.class, dataset::load);
      dataset.save("kept");
      DatasetException unshareable =
          assertThrows(DatasetException.class, () -> dataset.save(new Unshareable()));
      assertTrue(
          unshareable.getMessage().contains(Unshareable.class.getName()), unshareable.getMessage());
      assertEquals("kept", dataset.load());
      dataset.release();
      assertFalse(dataset.exists());

      // Factories return SharedMemoryDataCatalog; the runtime pattern is SharedMemoryDataset.
      SharedMemoryDataCatalog local = new SharedMemoryDataCatalog();
      DataCatalog asBase = local;
      SharedMemoryDataCatalog fromMap =
          new SharedMemoryDataCatalog(Map.<String, Dataset<?>>of("m", new MemoryDataset<>(1)));
      SharedMemoryDataCatalog fromBuilder =
          SharedMemoryDataCatalog.builder()
              .datasets(Map.of())
              .configResolver(new CatalogConfigResolver())
              .loadVersions(null)
              .saveVersion(null)
              .build();
      SharedMemoryDataCatalog fromConfig =
          SharedMemoryDataCatalog.fromConfig(Map.of("s", Map.of("type", "SharedMemoryDataset")));
      SharedMemoryDataCatalog fromConfigNulls =
          SharedMemoryDataCatalog.fromConfig(
              Map.of("s", Map.of("type", "kedro.io.SharedMemoryDataset")), null, null, null);
      assertEquals(1, fromMap.size());
      assertEquals(0, fromBuilder.size());
      assertInstanceOf(SharedMemoryDataset.class, fromConfig.get("s"));
      assertInstanceOf(SharedMemoryDataset.class, fromConfigNulls.get("s"));
      assertEquals(
          Optional.of("{default}"), asBase.configResolver().matchPattern("anything_at_all"));
      assertInstanceOf(SharedMemoryDataset.class, local.get("anything_at_all", true));

      // validateCatalog lists every unshareable dataset, sorted.
      Map<String, Dataset<?>> datasets = new LinkedHashMap<>();
      datasets.put("zeta", new MemoryDataset<>(new Unshareable(), CopyMode.ASSIGN));
      datasets.put("fine", new MemoryDataset<>(List.of(1)));
      datasets.put("alpha", new MemoryDataset<>(new Unshareable(), CopyMode.ASSIGN));
      SharedMemoryDataCatalog invalid = new SharedMemoryDataCatalog(datasets);
      invalid.setManagerDatasets(member);
      CatalogValidationException validation =
          assertThrows(CatalogValidationException.class, invalid::validateCatalog);
      assertEquals(List.of("alpha", "zeta"), validation.datasetNames());

      // connect: a member and a client see the same registrations and values at once.
      SharedMemoryDataCatalog onMember = SharedMemoryDataCatalog.connect(member, "contract");
      SharedMemoryDataCatalog onClient = SharedMemoryDataCatalog.connect(client, "contract");
      SharedMemoryDataCatalog other = SharedMemoryDataCatalog.connect(client, "contract_other");
      onMember.putData("greeting", "hello");
      onMember.put("numbers", new SharedMemoryDataset<>());
      onMember.save("numbers", List.of(1, 2, 3));
      assertTrue(onClient.contains("greeting"));
      assertEquals(Set.of("greeting", "numbers"), Set.copyOf(onClient.names()));
      assertNotNull(onClient.get("numbers"));
      assertEquals("hello", onClient.load("greeting", String.class));
      assertEquals(List.of(1, 2, 3), onClient.load("numbers", List.class));
      onClient.save("numbers", List.of(4));
      assertEquals(List.of(4), onMember.load("numbers", List.class));
      assertFalse(other.contains("greeting"));
      assertEquals(0, other.size());

      // ParallelRunner: a tiny pipeline through the shared catalog, on one local worker.
      SharedMemoryDataCatalog runCatalog = SharedMemoryDataCatalog.connect(member, "contract_run");
      runCatalog.putData("in", 1);
      Runner parallel = new ParallelRunner(member, 1);
      RunResult result =
          parallel.run(
              Pipeline.of(
                  Node.of("a", List.of("in"), List.of("x"), plusOne("in", "x")),
                  Node.of("b", List.of("x"), List.of("y"), plusOne("x", "y"))),
              runCatalog);
      assertEquals(List.of("a", "b"), result.completedNodes());
      assertEquals(3, result.outputs().get("y").load());
      assertEquals(3, onClientView(client).load("y", Integer.class));
      assertFalse(runCatalog.exists("x"), "the intermediate is released");
    }
  }

  private static SharedMemoryDataCatalog onClientView(HazelcastInstance client) {
    return SharedMemoryDataCatalog.connect(client, "contract_run");
  }
}
