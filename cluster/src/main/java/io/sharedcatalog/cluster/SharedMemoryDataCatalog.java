package io.sharedcatalog.cluster;

import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.catalog.CatalogConfig;
import io.sharedcatalog.catalog.CatalogConfigResolver;
import io.sharedcatalog.catalog.CatalogValidationException;
import io.sharedcatalog.catalog.DataCatalog;
import io.sharedcatalog.catalog.Dataset;
import io.sharedcatalog.catalog.DatasetException;
import io.sharedcatalog.catalog.DatasetNotFoundException;
import io.sharedcatalog.catalog.MemoryDataset;
import io.sharedcatalog.catalog.internal.CloseMatches;
import io.sharedcatalog.catalog.internal.DatasetConfigs;
import io.sharedcatalog.catalog.internal.DatasetTypes;
import io.sharedcatalog.catalog.internal.codec.CodecException;
import io.sharedcatalog.catalog.internal.codec.EncodedValue;
import io.sharedcatalog.catalog.internal.codec.ValueCodec;
import io.sharedcatalog.cluster.internal.CatalogRegistry;
import io.sharedcatalog.cluster.internal.ConfigJson;
import io.sharedcatalog.cluster.internal.PartitionLossWatch;
import io.sharedcatalog.cluster.internal.store.ValueStore;
import java.nio.file.Path;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link DataCatalog} for running pipelines across a Hazelcast cluster (Kedro's {@code
 * SharedMemoryDataCatalog}): its runtime pattern {@code {default}} makes every unknown dataset a
 * {@link SharedMemoryDataset}, and {@link #validateCatalog()} checks that every dataset can be
 * shared.
 *
 * <p><b>Two kinds.</b> A catalog made with a constructor, {@link #builder()}, {@link #fromConfig}
 * or {@link #fromYaml} is local, like any {@code DataCatalog}: its registrations live in this
 * object, and only the values of its {@code SharedMemoryDataset}s live in the cluster once {@link
 * #setManagerDatasets(HazelcastInstance)} has bound them (under a catalog name of its own, {@code
 * local-<random>}). A catalog made with {@link #connect(HazelcastInstance, String)} is a view of
 * one shared catalog: everything is shared through the cluster.
 *
 * <p><b>What a connected catalog shares.</b> Configuration, never live objects. Registering a
 * dataset ({@link #put}, a config entry given to {@link #connect(HazelcastInstance, String,
 * CatalogConfig)}, a runtime or pattern match materialised by {@link #get}) stores its config as
 * JSON in the map {@code sharedcatalog.<catalogName>.registry}, with a generation that is new on
 * every binding; a {@link SharedMemoryDataset}'s value lives in the slot {@code name#generation} of
 * {@code sharedcatalog.<catalogName>.values} (as bytes), created before the binding is published
 * and deleted after a re-binding replaced it. Every process rebuilds each dataset from its config
 * on first use, and again when the config changes. A dataset put with no config to share is shared
 * by value if it is a {@link MemoryDataset} (it becomes a {@link SharedMemoryDataset} holding that
 * value; config entries of type {@code MemoryDataset} are shared the same way); any other dataset
 * without a config is refused with a {@link DatasetException}. Members need none of our classes:
 * configs are JSON text and values bytes.
 *
 * <p><b>What readers see.</b> Each operation reads the cluster afresh (no near cache): once {@code
 * put}, {@code save} or {@code release} returns on one member or client, {@code contains}, {@code
 * names}, {@code get}, {@code load} and {@code exists} on every other member and client see it.
 * Operations read the name's registry entry, except {@link #load} and {@link #save} of a {@link
 * SharedMemoryDataset} this process has used before: these read or write its slot alone, because a
 * slot exists only while its binding does. After a re-binding returns, no load anywhere returns a
 * value of the old binding, and a save through the old binding writes nothing and goes to the new
 * one. Names keep their first registration's order everywhere; replacing a registration keeps its
 * position. Two processes registering one name at once end with one of the configs. Catalogs of
 * different names never see each other's datasets or values.
 *
 * <p><b>Failures.</b> Registry and values survive the loss of as many members as the maps' backup
 * count (one in the packaged config); calls that fail because a member left are retried for a few
 * seconds. When the cluster loses partitions, the catalog logs a warning and lookups that find
 * nothing say that data may have been lost. A client or member that dies leaves the catalog as it
 * was after its last completed operation. The shared catalog lives as long as the cluster.
 *
 * <p><b>Credentials</b> named in entries given to {@code connect} are substituted before sharing,
 * so they travel in the cluster's registry; use a cluster you trust with them.
 *
 * <p>This class is thread-safe.
 */
public class SharedMemoryDataCatalog extends DataCatalog {
  private static final Logger log = LoggerFactory.getLogger(SharedMemoryDataCatalog.class);
  private static final Map<String, Map<String, Object>> RUNTIME_PATTERNS =
      Map.of("{default}", Map.of("type", "SharedMemoryDataset"));
  private static final Set<String> MEMORY_DATASET_TYPES =
      Set.of(
          "MemoryDataset",
          "kedro.io.MemoryDataset",
          "kedro.io.memory_dataset.MemoryDataset",
          MemoryDataset.class.getName());

  // Set by the constructors; volatile because the superclass constructor may add datasets (and so
  // call onDatasetAdded) before they are assigned.
  private volatile String catalogName;
  private volatile HazelcastInstance manager;

  private final CatalogRegistry registry;
  private volatile ConcurrentMap<String, SharedMemoryDataset<?>> sharedDatasets;
  // Connected catalogs only: the registry JSON each locally built dataset was built from.
  private final ConcurrentMap<String, String> builtFrom = new ConcurrentHashMap<>();
  private volatile ValueStore valueStore;
  private volatile PatternCache patternCache = new PatternCache(Map.of(), null);

  /** Creates an empty local catalog. */
  public SharedMemoryDataCatalog() {
    this(new Builder());
  }

  /**
   * Creates a local catalog holding these datasets.
   *
   * @param datasets datasets by name
   */
  public SharedMemoryDataCatalog(Map<String, ? extends Dataset<?>> datasets) {
    this(new Builder().datasets(datasets));
  }

  /**
   * Creates a catalog from a builder; the one construction path, for subclasses.
   *
   * @param builder the settings
   */
  protected SharedMemoryDataCatalog(Builder builder) {
    super(builder);
    this.registry = null;
  }

  private SharedMemoryDataCatalog(HazelcastInstance hz, String catalogName) {
    super(new Builder());
    this.catalogName = catalogName;
    this.manager = hz;
    this.registry = CatalogRegistry.of(hz, catalogName);
    PartitionLossWatch.of(hz).watch(catalogName);
  }

  /** Returns a new builder of local catalogs. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Creates a local catalog from a Kedro-shaped config.
   *
   * @param catalog dataset entries and patterns
   * @return the catalog
   * @throws DatasetException if an entry is invalid
   */
  public static SharedMemoryDataCatalog fromConfig(Map<String, ?> catalog) {
    return fromConfig(catalog, null, null, null);
  }

  /**
   * Creates a local catalog from config, credentials, load versions and a save version (any but the
   * first may be null or empty).
   *
   * @return the catalog
   * @throws DatasetException if an entry is invalid or versions disagree
   */
  public static SharedMemoryDataCatalog fromConfig(
      Map<String, ?> catalog,
      Map<String, ?> credentials,
      Map<String, String> loadVersions,
      String saveVersion) {
    return configure(new Builder(), catalog, credentials, loadVersions, saveVersion).build();
  }

  /**
   * Creates a local catalog from a Kedro {@code catalog.yml}.
   *
   * @param catalogYaml the catalog file
   * @return the catalog
   * @throws DatasetException if the file cannot be read or an entry is invalid
   */
  public static SharedMemoryDataCatalog fromYaml(Path catalogYaml) {
    return fromYaml(catalogYaml, null);
  }

  /**
   * Creates a local catalog from a Kedro {@code catalog.yml} and {@code credentials.yml}.
   *
   * @param catalogYaml the catalog file
   * @param credentialsYaml the credentials file, or null
   * @return the catalog
   * @throws DatasetException if a file cannot be read or an entry is invalid
   */
  public static SharedMemoryDataCatalog fromYaml(Path catalogYaml, Path credentialsYaml) {
    return configureFromYaml(new Builder(), catalogYaml, credentialsYaml).build();
  }

  /**
   * Connects to the shared catalog {@code catalogName} of the cluster {@code hz} belongs to,
   * creating it if no one has yet. Every catalog connected to the same name on any member or client
   * of the cluster is a view of the same datasets.
   *
   * @param hz a member or client; its config needs nothing of sharedcatalog's
   * @param catalogName the shared catalog's name (the maps are {@code
   *     sharedcatalog.<catalogName>.*})
   * @return a connected catalog, its datasets bound to {@code hz}
   * @throws IllegalArgumentException if {@code catalogName} is blank
   */
  public static SharedMemoryDataCatalog connect(HazelcastInstance hz, String catalogName) {
    Objects.requireNonNull(hz, "hz");
    Objects.requireNonNull(catalogName, "catalogName");
    if (catalogName.isBlank()) {
      throw new IllegalArgumentException("catalogName must not be blank");
    }
    return new SharedMemoryDataCatalog(hz, catalogName);
  }

  /**
   * Connects to the shared catalog {@code catalogName} and shares the entries and patterns of
   * {@code config} in it (credentials substituted), replacing same-named ones; other processes
   * connected to the name see them at once. Connecting many processes with the same config is
   * harmless.
   *
   * @param hz a member or client
   * @param catalogName the shared catalog's name
   * @param config entries and patterns to share, and the credentials they name
   * @return a connected catalog
   * @throws DatasetException if an entry names unknown credentials, holds values that are not plain
   *     config (strings, numbers, booleans, lists, maps), or if {@code config} has load or save
   *     versions (versioned loads are not shared yet: give them to a local catalog)
   */
  public static SharedMemoryDataCatalog connect(
      HazelcastInstance hz, String catalogName, CatalogConfig config) {
    Objects.requireNonNull(config, "config");
    SharedMemoryDataCatalog catalog = connect(hz, catalogName);
    catalog.share(config);
    return catalog;
  }

  /** Returns the name this catalog's datasets are stored under in the cluster. */
  public String catalogName() {
    String name = catalogName;
    if (name == null) {
      synchronized (this) {
        if (catalogName == null) {
          catalogName = "local-" + UUID.randomUUID().toString().substring(0, 8);
        }
        name = catalogName;
      }
    }
    return name;
  }

  /** Returns whether this catalog is a view of a shared catalog ({@link #connect}). */
  public boolean isConnected() {
    return registry != null;
  }

  /** Returns the member or client this catalog's datasets are bound to, if any. */
  public Optional<HazelcastInstance> manager() {
    return Optional.ofNullable(manager);
  }

  /**
   * Binds every {@link SharedMemoryDataset} of this catalog, and every one added later, to {@code
   * hz} (Kedro's {@code set_manager_datasets}).
   *
   * @param hz a member or client
   */
  public void setManagerDatasets(HazelcastInstance hz) {
    Objects.requireNonNull(hz, "hz");
    manager = hz;
    for (SharedMemoryDataset<?> dataset : sharedDatasets().values()) {
      dataset.setManager(hz);
    }
  }

  /**
   * Checks, with the cluster's own value codec, that every dataset of this catalog can be shared
   * with other processes: a {@link SharedMemoryDataset} always can; a {@link MemoryDataset} can if
   * the value it holds can be encoded; any other dataset can if it can be re-created from its
   * config or encoded itself. Nothing is changed: the catalog stays usable whatever the outcome.
   *
   * @throws CatalogValidationException listing every dataset that cannot be shared, sorted, with
   *     the reason for each and the fix
   */
  public void validateCatalog() {
    Map<String, String> offenders = new TreeMap<>();
    Map<String, Object> configured = isConnected() ? Map.of() : super.configResolver().config();
    for (String name : names()) {
      Optional<Dataset<?>> dataset;
      if (isConnected()) {
        // Only datasets this process holds: every other process re-creates them from config.
        dataset = super.find(name);
      } else if (configured.containsKey(name)) {
        continue; // a config entry: every process re-creates it from its config
      } else {
        dataset = find(name);
      }
      dataset.flatMap(this::reasonNotShareable).ifPresent(reason -> offenders.put(name, reason));
    }
    if (offenders.isEmpty()) {
      return;
    }
    StringBuilder message =
        new StringBuilder("The following datasets cannot be shared between processes: ")
            .append(List.copyOf(offenders.keySet()))
            .append('.');
    offenders.forEach(
        (name, reason) -> message.append("\n  - '").append(name).append("': ").append(reason));
    message.append(
        "\nTo run on a cluster every dataset must be shareable: keep intermediate data in"
            + " SharedMemoryDataset (the catalog's default for unknown names), keep values to"
            + " plain data (records, POJOs, collections, arrays; no threads, locks, open streams,"
            + " sockets, connections or lambdas), and define other datasets in catalog config so"
            + " every process can re-create them.");
    throw new CatalogValidationException(message.toString(), List.copyOf(offenders.keySet()));
  }

  private Optional<String> reasonNotShareable(Dataset<?> dataset) {
    if (dataset instanceof SharedMemoryDataset) {
      return Optional.empty();
    }
    if (dataset instanceof MemoryDataset<?> memory) {
      if (!memory.exists()) {
        return Optional.empty();
      }
      Object value = memory.load();
      return encodingProblem(value)
          .map(
              problem ->
                  "its MemoryDataset holds a value of class "
                      + value.getClass().getName()
                      + " that cannot be encoded ("
                      + problem
                      + ")");
    }
    Optional<Map<String, Object>> config = DatasetConfigs.configOf(dataset);
    if (config.isPresent() && ConfigJson.isRepresentable(config.get())) {
      return Optional.empty();
    }
    return encodingProblem(dataset)
        .map(
            problem ->
                "a "
                    + dataset.getClass().getName()
                    + " that has no config to re-create it from and cannot be encoded ("
                    + problem
                    + ")");
  }

  private Optional<String> encodingProblem(Object value) {
    try {
      HazelcastInstance hz = manager;
      if (hz != null) {
        ValueStore.of(hz, catalogName()).checkShareable(value); // the store's own check
      } else {
        ValueCodec.shared().encode(value); // no cluster yet: the codec the store uses
      }
      return Optional.empty();
    } catch (CodecException e) {
      return Optional.of(e.getMessage());
    }
  }

  @Override
  protected Map<String, Map<String, Object>> defaultRuntimePatterns() {
    return RUNTIME_PATTERNS;
  }

  @Override
  protected Dataset<?> onDatasetAdded(String name, Dataset<?> dataset) {
    Dataset<?> added = super.onDatasetAdded(name, dataset);
    if (added instanceof SharedMemoryDataset<?> shared && !isConnected()) {
      bind(name, shared); // connected catalogs bind what they build from the registry themselves
    }
    return added;
  }

  // ---------------------------------------------------------------- the connected view

  @Override
  public CatalogConfigResolver configResolver() {
    if (!isConnected()) {
      return super.configResolver();
    }
    return new CatalogConfigResolver(
        sharedUserConfig(), registry.credentials(), defaultRuntimePatterns());
  }

  @Override
  public Dataset<?> get(String name) {
    return get(name, false);
  }

  @Override
  public Optional<Dataset<?>> find(String name) {
    if (!isConnected()) {
      return super.find(name);
    }
    return Optional.ofNullable(view(Objects.requireNonNull(name, "name"), false));
  }

  @Override
  public Dataset<?> get(String name, boolean fallbackToRuntimePattern) {
    if (!isConnected()) {
      return super.get(name, fallbackToRuntimePattern);
    }
    Dataset<?> dataset = view(Objects.requireNonNull(name, "name"), fallbackToRuntimePattern);
    if (dataset == null) {
      throw notFound(name);
    }
    return dataset;
  }

  /**
   * Loads a dataset's data. On a connected catalog, a {@link SharedMemoryDataset} this process has
   * used before is loaded with one read of its binding's slot, without reading the registry: a
   * re-binding deletes the old slot, so a slot that is there proves its binding; a missing slot
   * sends the load through the registry once, to the name's new dataset.
   */
  @Override
  public <T> T load(String name) {
    SharedMemoryDataset<?> shared = isConnected() && name != null ? boundShared(name) : null;
    for (int attempt = 1; ; attempt++) {
      try {
        if (shared != null && attempt == 1) {
          @SuppressWarnings("unchecked")
          T value = (T) shared.load();
          return value;
        }
        return super.load(name);
      } catch (SharedMemoryDataset.ReboundException e) {
        giveUpAfter(attempt, e); // re-bound again meanwhile: another process made progress
        log.debug("'{}' was re-bound elsewhere; loading through its new binding", name);
      }
    }
  }

  /** How often a load or save follows re-bindings made meanwhile by others before it fails. */
  private static final int REBOUND_ATTEMPTS = 50;

  private static void giveUpAfter(int attempt, SharedMemoryDataset.ReboundException e) {
    if (attempt >= REBOUND_ATTEMPTS) {
      throw e;
    }
  }

  /**
   * Saves data to a dataset. On a connected catalog, a save to a {@link SharedMemoryDataset} this
   * process has used before is one conditional write into its binding's slot (a {@code replace}, or
   * for large values the chunks and then a {@code replace} of the manifest), without reading the
   * registry; if the name was re-bound meanwhile the slot is gone, nothing is written, and the save
   * goes through the registry once to the name's new dataset.
   */
  @Override
  public void save(String name, Object data) {
    SharedMemoryDataset<?> shared =
        isConnected() && name != null && data != null ? boundShared(name) : null;
    for (int attempt = 1; ; attempt++) {
      try {
        if (shared != null && attempt == 1) {
          @SuppressWarnings("unchecked")
          SharedMemoryDataset<Object> typed = (SharedMemoryDataset<Object>) shared;
          typed.save(data);
        } else {
          super.save(name, data);
        }
        return;
      } catch (SharedMemoryDataset.ReboundException e) {
        giveUpAfter(attempt, e); // re-bound again meanwhile: another process made progress
        log.debug("'{}' was re-bound elsewhere; saving through its new binding", name);
      }
    }
  }

  @Override
  public void put(String name, Dataset<?> dataset) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(dataset, "dataset");
    if (!isConnected()) {
      super.put(name, dataset);
      return;
    }
    Shareable shareable = shareable(name, dataset);
    CatalogRegistry.Entry entry = bindShared(name, shareable.config(), shareable.value(), true);
    addLocally(entry, shareable.local());
  }

  @Override
  public void putData(String name, Object data) {
    if (!isConnected()) {
      super.putData(name, data);
      return;
    }
    Objects.requireNonNull(name, "name");
    if (data == null) {
      throw new DatasetException(
          "Cannot put null data into dataset '"
              + name
              + "': saving null is not allowed. Put a value, or release('"
              + name
              + "') to drop what it holds.");
    }
    if (data instanceof Dataset<?> dataset) {
      put(name, dataset);
      return;
    }
    SharedMemoryDataset<Object> shared = new SharedMemoryDataset<>();
    bind(name, shared);
    // encoded first: a value that cannot be shared fails before anything is registered
    EncodedValue value = shared.encodeForSharing(data);
    addLocally(bindShared(name, SHARED_MEMORY_CONFIG, value, true), shared);
  }

  @Override
  public boolean contains(String name) {
    if (!isConnected()) {
      return super.contains(name);
    }
    Objects.requireNonNull(name, "name");
    CatalogRegistry.Lookup lookup = registry.lookup(name);
    return lookup.entry().isPresent() || matchSharedPattern(name, lookup.patterns()).isPresent();
  }

  @Override
  public Set<String> names() {
    return isConnected() ? sharedNames : super.names();
  }

  @Override
  public int size() {
    return isConnected() ? registry.size() : super.size();
  }

  @Override
  public Iterator<String> iterator() {
    return isConnected() ? sharedNames.iterator() : super.iterator();
  }

  // DataCatalog.filter(String, String, Class) calls this one, so it covers both forms.
  @Override
  public List<String> filter(String nameRegex, String typeRegex, Class<?>... byTypes) {
    if (!isConnected()) {
      return super.filter(nameRegex, typeRegex, byTypes);
    }
    // Answered from the shared configs, without creating datasets (as the superclass does); an
    // entry whose type this process cannot resolve is matched as the superclass does (lazy types).
    Pattern names = compile(nameRegex, "nameRegex");
    Pattern types = compile(typeRegex, "typeRegex");
    List<Class<?>> classes =
        byTypes == null
            ? List.of()
            : java.util.Arrays.stream(byTypes).filter(Objects::nonNull).toList();
    List<String> result = new ArrayList<>();
    for (CatalogRegistry.Entry entry : registry.entries()) {
      if (names != null && !names.matcher(entry.name()).find()) {
        continue;
      }
      Optional<Class<?>> type = knownClass(entry.name(), entry.config());
      String typeName = type.map(Class::getName).orElse(typeName(entry.config()));
      if (types != null && (typeName == null || !types.matcher(typeName).find())) {
        continue;
      }
      if (!classes.isEmpty()
          && (type.isEmpty() || classes.stream().noneMatch(c -> c.isAssignableFrom(type.get())))) {
        continue;
      }
      result.add(entry.name());
    }
    return Collections.unmodifiableList(result);
  }

  @Override
  public Optional<String> typeOf(String name) {
    if (!isConnected()) {
      return super.typeOf(name);
    }
    Objects.requireNonNull(name, "name");
    CatalogRegistry.Lookup lookup = registry.lookup(name);
    Optional<Map<String, Object>> config =
        lookup
            .entry()
            .map(CatalogRegistry.Entry::config)
            .or(() -> matchSharedPattern(name, lookup.patterns()));
    // As DataCatalog.typeOf: the type as written when this process cannot resolve it.
    return config.map(
        c -> knownClass(name, c).map(Class::getName).orElse(String.valueOf(typeName(c))));
  }

  /** The class of a config's type, or empty if this process cannot resolve it (lazy types). */
  private static Optional<Class<?>> knownClass(String name, Map<String, ?> config) {
    String type = typeName(config);
    if (type == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(DatasetTypes.datasetClass(name, type));
    } catch (DatasetException e) {
      return Optional.empty(); // reported when the dataset is first used, as in DataCatalog
    }
  }

  /**
   * Returns the catalog as configuration; for a connected catalog, the shared one: every registered
   * name's config as shared (credentials by name; datasets registered with data appear as {@code
   * type: SharedMemoryDataset}, without their values), the shared patterns and credentials.
   */
  @Override
  public CatalogConfig toConfig() {
    if (!isConnected()) {
      return super.toConfig();
    }
    return new CatalogConfig(sharedUserConfig(), registry.credentials(), null, null);
  }

  // ---------------------------------------------------------------- internals

  private static final Map<String, Object> SHARED_MEMORY_CONFIG =
      Map.of("type", "SharedMemoryDataset");

  private final Object rebuildLock = new Object();
  private final Set<String> sharedNames = new SharedNames();

  /** The registry's names as a live, unmodifiable view. */
  private final class SharedNames extends AbstractSet<String> {
    @Override
    public Iterator<String> iterator() {
      List<String> names = new ArrayList<>();
      registry.entries().forEach(entry -> names.add(entry.name()));
      return Collections.unmodifiableList(names).iterator();
    }

    @Override
    public int size() {
      return registry.size();
    }

    @Override
    public boolean contains(Object name) {
      return name instanceof String s && registry.contains(s);
    }
  }

  private Map<String, Object> sharedUserConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    for (CatalogRegistry.Entry entry : registry.entries()) {
      config.put(entry.name(), entry.config());
    }
    config.putAll(registry.patterns());
    return config;
  }

  /** Whether {@code config} makes a SharedMemoryDataset (by any type name a provider gives it). */
  private static boolean isSharedMemory(String name, Map<String, ?> config) {
    String type = typeName(config);
    if (type == null) {
      return false;
    }
    try {
      return DatasetTypes.datasetClass(name, type) == SharedMemoryDataset.class;
    } catch (RuntimeException | LinkageError e) {
      return false; // not a type this process can create, so not a SharedMemoryDataset
    }
  }

  private static String typeName(Map<String, ?> config) {
    Object type = config.get("type");
    return type == null ? null : type.toString();
  }

  private static Pattern compile(String regex, String what) {
    if (regex == null) {
      return null;
    }
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "Invalid regular expression provided as "
              + what
              + ": '"
              + regex
              + "'. "
              + e.getDescription(),
          e);
    }
  }

  private ConcurrentMap<String, SharedMemoryDataset<?>> sharedDatasets() {
    ConcurrentMap<String, SharedMemoryDataset<?>> map = sharedDatasets;
    if (map == null) {
      synchronized (this) {
        if (sharedDatasets == null) {
          sharedDatasets = new ConcurrentHashMap<>();
        }
        map = sharedDatasets;
      }
    }
    return map;
  }

  private void bind(String name, SharedMemoryDataset<?> dataset) {
    dataset.adoptKey(catalogName(), name);
    sharedDatasets().put(name, dataset);
    HazelcastInstance hz = manager;
    if (hz != null) {
      dataset.setManager(hz);
    }
  }

  /**
   * The dataset of {@code name} as the registry binds it now, built (or rebuilt) in this process:
   * one read of the registry (the entry and the shared patterns together). An unregistered name a
   * shared pattern matches, or with {@code fallback} any unregistered name, is registered first.
   *
   * @return null if the name is unknown
   */
  private Dataset<?> view(String name, boolean fallback) {
    CatalogRegistry.Lookup lookup = registry.lookup(name);
    Optional<CatalogRegistry.Entry> entry = lookup.entry();
    if (entry.isEmpty()) {
      Optional<Map<String, Object>> config =
          matchSharedPattern(name, lookup.patterns())
              .or(() -> fallback ? Optional.of(SHARED_MEMORY_CONFIG) : Optional.empty());
      if (config.isEmpty()) {
        return null;
      }
      entry = Optional.of(bindShared(name, config.get(), null, false));
    }
    return rebuildIfChanged(entry.get());
  }

  /** The shared dataset this process built for {@code name}, if it is one; no cluster call. */
  private SharedMemoryDataset<?> boundShared(String name) {
    return builtFrom.containsKey(name) ? sharedDatasets().get(name) : null;
  }

  private Dataset<?> rebuildIfChanged(CatalogRegistry.Entry entry) {
    String name = entry.name();
    synchronized (rebuildLock) { // concurrent first uses in this process create one dataset
      if (!entry.json().equals(builtFrom.get(name))) {
        Map<String, Object> resolved = withCredentials(name, entry.config(), registry);
        addLocally(entry, DatasetConfigs.createDataset(name, resolved));
      }
      return super.find(name).orElseThrow();
    }
  }

  /** Keeps {@code dataset} as this process's copy of the binding {@code entry}. */
  private void addLocally(CatalogRegistry.Entry entry, Dataset<?> dataset) {
    String name = entry.name();
    synchronized (rebuildLock) {
      if (dataset instanceof SharedMemoryDataset<?> shared) {
        bind(name, shared);
        shared.bindGeneration(
            catalogName(), name, entry.generation(), () -> sharedGeneration(name));
      } else {
        sharedDatasets().remove(name);
      }
      super.put(name, dataset);
      builtFrom.put(name, entry.json());
    }
  }

  /** The generation the registry binds {@code name} to now, if to a SharedMemoryDataset. */
  private OptionalLong sharedGeneration(String name) {
    return registry
        .entry(name)
        .filter(e -> isSharedMemory(name, e.config()))
        .map(e -> OptionalLong.of(e.generation()))
        .orElse(OptionalLong.empty());
  }

  /**
   * Binds {@code name} to {@code config} in the registry under a new generation. For a shared
   * memory dataset its slot is created first (empty, or holding {@code value}), so a binding is
   * never published without its slot, and a process that replaces the binding always finds the slot
   * to delete; the slot of the binding this one replaces is deleted after. Without {@code replace},
   * an existing binding wins and is returned. A new name costs two round trips: the slot, then the
   * registry entry and the order list together.
   *
   * @return the binding now in the registry
   */
  private CatalogRegistry.Entry bindShared(
      String name, Map<String, Object> config, EncodedValue value, boolean replace) {
    long generation = registry.newGeneration();
    boolean shared = isSharedMemory(name, config);
    String slot = CatalogRegistry.slotOf(name, generation);
    if (shared) {
      valueStore().createSlot(slot, value);
    }
    CatalogRegistry.Registration registration;
    try {
      registration =
          replace
              ? registry.put(name, config, generation)
              : registry.putIfAbsent(name, config, generation, true);
    } catch (RuntimeException e) {
      if (shared) {
        valueStore().delete(slot);
      }
      throw e;
    }
    if (!registration.won()) {
      if (shared) {
        valueStore().delete(slot); // another process registered the name first: theirs wins
      }
      return registration.current();
    }
    registration
        .replaced()
        .filter(old -> isSharedMemory(name, old.config()))
        .ifPresent(old -> valueStore().delete(old.slot()));
    return registration.current();
  }

  private DatasetNotFoundException notFound(String name) {
    List<String> close = CloseMatches.find(name, names(), 3);
    return new DatasetNotFoundException(
        "Dataset '"
            + name
            + "' not found in shared catalog '"
            + catalogName()
            + "'"
            + (close.isEmpty()
                ? "."
                : " - did you mean one of these instead: " + String.join(", ", close) + "?")
            + " Register it with put(), or add it (or a pattern matching it) to the catalog"
            + " config."
            + Messages.lossHint(manager, true));
  }

  private ValueStore valueStore() {
    ValueStore store = valueStore;
    if (store == null) {
      store = ValueStore.of(manager, catalogName());
      valueStore = store;
    }
    return store;
  }

  /** What a connected catalog registers for a dataset, keeps locally, and stores as its value. */
  private record Shareable(Map<String, Object> config, Dataset<?> local, EncodedValue value) {}

  private Shareable shareable(String name, Dataset<?> dataset) {
    if (dataset instanceof SharedMemoryDataset) {
      return new Shareable(SHARED_MEMORY_CONFIG, dataset, null);
    }
    if (dataset instanceof MemoryDataset<?> memory) {
      SharedMemoryDataset<Object> shared = new SharedMemoryDataset<>();
      bind(name, shared);
      // encoded now: fails before registering if the value cannot be shared
      EncodedValue value = memory.exists() ? shared.encodeForSharing(memory.load()) : null;
      return new Shareable(SHARED_MEMORY_CONFIG, shared, value);
    }
    Optional<Map<String, Object>> config = DatasetConfigs.configOf(dataset);
    if (config.isPresent() && ConfigJson.isRepresentable(config.get())) {
      return new Shareable(config.get(), dataset, null);
    }
    throw new DatasetException(
        "Cannot share dataset '"
            + name
            + "' ("
            + dataset
            + ") in catalog '"
            + catalogName()
            + "': a shared catalog shares configuration, and this "
            + dataset.getClass().getName()
            + " has no plain config to re-create it from on other members. Define it in catalog"
            + " config (type: ... with its settings, via a DatasetTypeProvider), or put its data"
            + " in a SharedMemoryDataset / MemoryDataset instead.");
  }

  private Optional<Map<String, Object>> matchSharedPattern(
      String name, Map<String, Map<String, Object>> patterns) {
    if (patterns.isEmpty()) {
      return Optional.empty();
    }
    PatternCache cache = patternCache;
    if (!cache.patterns().equals(patterns)) {
      // credentials are filled in when the dataset is built: the resolver only ranks and fills
      cache = new PatternCache(patterns, new CatalogConfigResolver(patterns, Map.of()));
      patternCache = cache;
    }
    CatalogConfigResolver resolver = cache.resolver();
    if (resolver.matchUserPattern(name).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new LinkedHashMap<>(resolver.entryConfig(name))); // credentials by name
  }

  private record PatternCache(
      Map<String, Map<String, Object>> patterns, CatalogConfigResolver resolver) {}

  private void share(CatalogConfig config) {
    if (!config.loadVersions().isEmpty() || config.saveVersion() != null) {
      throw new DatasetException(
          "Cannot share load versions "
              + config.loadVersions()
              + " or save version "
              + config.saveVersion()
              + " in catalog '"
              + catalogName()
              + "': a shared catalog does not share versions yet. Connect without versions, or"
              + " use a local catalog for versioned loads.");
    }
    // The same checks and messages as any catalog's (types, braces, credentials), before sharing.
    CatalogConfigResolver checked =
        new CatalogConfigResolver(config.catalog(), config.credentials());
    for (Map.Entry<String, Object> entry : checked.userConfig().entrySet()) {
      // Types are not resolved here: as in DataCatalog, an unknown type fails on first use.
      if (!ConfigJson.isRepresentable(entry.getValue())) {
        throw new DatasetException(
            "Catalog entry '"
                + entry.getKey()
                + "' holds values that are not plain config (strings, numbers, booleans, lists,"
                + " maps), so it cannot be shared: "
                + entry.getValue());
      }
    }
    // every value encoded before anything is registered: one that cannot be shared stops it all
    Map<String, Shareable> shared = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry : checked.userConfig().entrySet()) {
      shared.put(entry.getKey(), sharedForm(entry.getKey(), asMap(entry.getValue())));
    }
    checked.credentials().forEach(registry::putCredentials);
    shared.forEach(
        (name, shareable) -> {
          if (CatalogConfigResolver.isPattern(name)) {
            registry.putPattern(name, shareable.config());
            return;
          }
          Optional<CatalogRegistry.Entry> existing = registry.entry(name);
          boolean same =
              existing.isPresent()
                  && existing.get().config().equals(shareable.config())
                  && shareable.value() == null;
          if (!same) { // connecting many processes with one config keeps the bindings and values
            bindShared(name, shareable.config(), shareable.value(), true);
          }
        });
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value) {
    return (Map<String, Object>) value;
  }

  /**
   * MemoryDataset entries become SharedMemoryDataset (an in-process value is not shared), their
   * {@code data} encoded to be stored in the slot of the binding.
   */
  private Shareable sharedForm(String name, Map<String, Object> entry) {
    if (!MEMORY_DATASET_TYPES.contains(typeName(entry))) {
      return new Shareable(entry, null, null);
    }
    Map<String, Object> shared = new LinkedHashMap<>(SHARED_MEMORY_CONFIG);
    if (entry.containsKey("metadata")) {
      shared.put("metadata", entry.get("metadata"));
    }
    EncodedValue value = null;
    if (entry.containsKey("data") && !CatalogConfigResolver.isPattern(name)) {
      SharedMemoryDataset<Object> dataset = new SharedMemoryDataset<>(catalogName(), name);
      dataset.setManager(manager);
      value = dataset.encodeForSharing(entry.get("data"));
    }
    log.debug(
        "Sharing MemoryDataset entry '{}' of catalog '{}' as a SharedMemoryDataset",
        name,
        catalogName);
    return new Shareable(shared, null, value);
  }

  private static Map<String, Object> withCredentials(
      String name, Map<?, ?> raw, CatalogRegistry registry) {
    Map<String, Object> credentials = null;
    Map<String, Object> result = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : raw.entrySet()) {
      String key = String.valueOf(e.getKey());
      Object value = e.getValue();
      if (key.equals("credentials") && value instanceof String credentialsName) {
        credentials = registry.credentials(); // read only by entries that name credentials
        if (!credentials.containsKey(credentialsName)) {
          throw new DatasetException(
              "Unable to find credentials '"
                  + credentialsName
                  + "' for dataset '"
                  + name
                  + "': check the shared catalog's configuration and credentials. Known"
                  + " credentials: "
                  + credentials.keySet()
                  + ".");
        }
        value = credentials.get(credentialsName);
      } else if (value instanceof Map<?, ?> nested) {
        value = withCredentials(name, nested, registry);
      }
      result.put(key, value);
    }
    return result;
  }

  /**
   * Builds local {@link SharedMemoryDataCatalog}s; the settings are {@link DataCatalog.Builder}'s.
   *
   * <p>This class is not thread-safe.
   */
  public static class Builder extends DataCatalog.Builder {
    /** Creates a builder; for subclasses. */
    protected Builder() {}

    @Override
    public Builder datasets(Map<String, ? extends Dataset<?>> datasets) {
      super.datasets(datasets);
      return this;
    }

    @Override
    public Builder configResolver(CatalogConfigResolver configResolver) {
      super.configResolver(configResolver);
      return this;
    }

    @Override
    public Builder loadVersions(Map<String, String> loadVersions) {
      super.loadVersions(loadVersions);
      return this;
    }

    @Override
    public Builder saveVersion(String saveVersion) {
      super.saveVersion(saveVersion);
      return this;
    }

    @Override
    public SharedMemoryDataCatalog build() {
      return new SharedMemoryDataCatalog(this);
    }
  }
}
