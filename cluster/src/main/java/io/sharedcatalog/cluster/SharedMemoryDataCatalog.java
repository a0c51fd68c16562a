package io.sharedcatalog.cluster;

import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.catalog.CatalogConfig;
import io.sharedcatalog.catalog.CatalogConfigResolver;
import io.sharedcatalog.catalog.CatalogValidationException;
import io.sharedcatalog.catalog.DataCatalog;
import io.sharedcatalog.catalog.Dataset;
import io.sharedcatalog.catalog.DatasetException;
import io.sharedcatalog.catalog.MemoryDataset;
import io.sharedcatalog.catalog.internal.DatasetConfigs;
import io.sharedcatalog.catalog.internal.DatasetTypes;
import io.sharedcatalog.catalog.internal.codec.CodecException;
import io.sharedcatalog.catalog.internal.codec.EncodedValue;
import io.sharedcatalog.catalog.internal.codec.ValueCodec;
import io.sharedcatalog.cluster.internal.CatalogRegistry;
import io.sharedcatalog.cluster.internal.Json;
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
 * JSON in the map {@code sharedcatalog.<catalogName>.registry}; user patterns go to {@code
 * sharedcatalog.<catalogName>.patterns}; values go to {@code sharedcatalog.<catalogName>.values}
 * (as bytes). Every process rebuilds each dataset from its config on first use, and again when the
 * config changes. A dataset put with no config to share is shared by value if it is a {@link
 * MemoryDataset} (it becomes a {@link SharedMemoryDataset} holding that value; config entries of
 * type {@code MemoryDataset} are shared the same way); any other dataset without a config is
 * refused with a {@link DatasetException}. Members need none of our classes: configs are JSON text
 * and values bytes.
 *
 * <p><b>What readers see.</b> Each operation reads the cluster afresh (no near cache): once {@code
 * put}, {@code save} or {@code release} returns on one member or client, {@code contains}, {@code
 * names}, {@code get}, {@code load} and {@code exists} on every other member and client see it.
 * Operations read the name's registry entry, except {@link #load} and {@link #save} of a {@link
 * SharedMemoryDataset} this process has used before: these read or replace the value alone, with
 * one round trip, when the value is small and was checked, because the catalog keeps a name's value
 * only while the registry binds the name to a SharedMemoryDataset (re-binding it to anything else
 * deletes the value); other saves and loads add one registry read (see {@link #save}). Names keep
 * their first registration's order everywhere; replacing a registration keeps its position. Two
 * processes registering one name at once end with one of the configs. Catalogs of different names
 * never see each other's datasets or values.
 *
 * <p><b>Failures.</b> Registry and values survive the loss of as many members as the maps' backup
 * count (one in the packaged config). A client or member that dies leaves the catalog as it was
 * after its last completed operation. The shared catalog lives as long as the cluster.
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

  // No initialisers on these three: the superclass constructor may add datasets (and so call
  // onDatasetAdded) before this class's initialisers would run.
  private volatile String catalogName;
  private volatile HazelcastInstance manager;
  private volatile ConcurrentMap<String, SharedMemoryDataset<?>> sharedDatasets;

  private final CatalogRegistry registry;
  private final ConcurrentMap<String, String> builtFrom = new ConcurrentHashMap<>();
  // Connected catalogs only: datasets whose value entry exists only while the registry binds the
  // name to a SharedMemoryDataset, so load and save may skip reading the registry (see load).
  private final ConcurrentMap<String, SharedMemoryDataset<?>> fastPath = new ConcurrentHashMap<>();
  private volatile ValueStore valueStore;
  private final ThreadLocal<Boolean> adding = ThreadLocal.withInitial(() -> Boolean.FALSE);
  private volatile PatternCache patternCache = new PatternCache(Map.of(), Map.of(), null);

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
    if (config.isPresent() && Json.isRepresentable(config.get())) {
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
    if (added instanceof SharedMemoryDataset<?> shared) {
      bind(name, shared);
    }
    if (registry != null && !adding.get()) {
      // Materialised by the superclass (a runtime pattern): share it so every process sees it.
      publishIfAbsent(name, added);
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
    sync(name);
    return super.find(name);
  }

  @Override
  public Dataset<?> get(String name, boolean fallbackToRuntimePattern) {
    // Every lookup of the superclass (load, save, exists via find, release, confirm) comes here
    // or to find(): the registry is read afresh on each.
    sync(name);
    Dataset<?> dataset = super.get(name, fallbackToRuntimePattern);
    if (!isConnected()) {
      return dataset;
    }
    if (builtFrom.containsKey(name)) {
      trackFastPath(name, dataset);
      return dataset;
    }
    publishIfAbsent(name, dataset); // created from the runtime pattern here: share it
    sync(name); // another process may have registered the name first: theirs wins
    Dataset<?> registered = super.get(name, false);
    if (builtFrom.containsKey(name)) {
      trackFastPath(name, registered);
    }
    return registered;
  }

  /**
   * Loads a dataset's data. On a connected catalog, a {@link SharedMemoryDataset} this process has
   * already looked up is loaded with one read of its value: the catalog deletes a name's value
   * whenever it binds the name to anything else, so a value written by a save that replaced a
   * checked value proves the binding is current; any other value is served after one read of the
   * registry. Without a value, the name is looked up as for any dataset.
   */
  @Override
  public <T> T load(String name) {
    SharedMemoryDataset<?> shared = name == null ? null : fastPath.get(name);
    if (shared != null) {
      Optional<Object> value = shared.loadIfPresent();
      if (value.isPresent()) {
        @SuppressWarnings("unchecked")
        T typed = (T) value.get();
        return typed;
      }
    }
    return super.load(name);
  }

  /**
   * Saves data to a dataset. On a connected catalog, a save to a {@link SharedMemoryDataset} this
   * process has already looked up replaces its value with one round trip when the value is small
   * (up to 64 KiB encoded) and the value it replaces was checked; otherwise it writes, then reads
   * the registry, and if another process re-bound the name meanwhile removes the write and saves to
   * the name's new dataset.
   */
  @Override
  public void save(String name, Object data) {
    SharedMemoryDataset<?> shared = name == null || data == null ? null : fastPath.get(name);
    if (shared != null && shared.saveIfBound(data)) {
      return;
    }
    try {
      super.save(name, data);
    } catch (SharedMemoryDataset.ReboundException e) {
      super.save(name, data); // re-bound between the lookup and the save: look it up again
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
    String json = registry.put(name, shareable.config());
    afterRegistered(name, shareable);
    addLocally(name, shareable.local(), Optional.of(json));
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
    Shareable shareable =
        new Shareable(SHARED_MEMORY_CONFIG, shared, shared.encodeForSharing(data), false);
    String json = registry.put(name, SHARED_MEMORY_CONFIG);
    afterRegistered(name, shareable);
    addLocally(name, shared, Optional.of(json));
  }

  @Override
  public boolean contains(String name) {
    if (!isConnected()) {
      return super.contains(name);
    }
    Objects.requireNonNull(name, "name");
    return registry.contains(name) || matchSharedPattern(name).isPresent();
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
    Optional<Map<String, Object>> config =
        registry.entry(name).map(CatalogRegistry.Entry::config).or(() -> matchSharedPattern(name));
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
      return Collections.unmodifiableList(registry.names()).iterator();
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
    if (isConnected()) {
      // Its value outlives runs here, so onlyMissingOutputs treats it as persisted (isEphemeral).
      dataset.belongsToConnectedCatalog();
    }
    sharedDatasets().put(name, dataset);
    HazelcastInstance hz = manager;
    if (hz != null) {
      dataset.setManager(hz);
    }
    if (isConnected() && isKeyedHere(name, dataset) && !dataset.isGuarded()) {
      // before anyone can use it: its saves check that the registry still binds the name to it
      dataset.guardWith(() -> registeredAsSharedMemory(name));
    }
  }

  private boolean isKeyedHere(String name, SharedMemoryDataset<?> dataset) {
    return catalogName().equals(dataset.catalogName()) && name.equals(dataset.datasetName());
  }

  /** Brings one name's registration from the cluster into this process, rebuilding if changed. */
  private void sync(String name) {
    if (!isConnected() || name == null) {
      return;
    }
    Optional<CatalogRegistry.Entry> entry = registry.entry(name);
    if (entry.isEmpty()) {
      Optional<Map<String, Object>> matched = matchSharedPattern(name);
      if (matched.isEmpty()) {
        return;
      }
      Map<String, Object> config = matched.get();
      registry
          .putIfAbsent(name, config)
          .ifPresent(json -> afterRegistered(name, new Shareable(config, null, null, false)));
      entry = registry.entry(name);
    }
    entry.ifPresent(this::rebuildIfChanged);
  }

  private void rebuildIfChanged(CatalogRegistry.Entry entry) {
    if (entry.json().equals(builtFrom.get(entry.name()))) {
      return;
    }
    synchronized (rebuildLock) { // concurrent first uses in this process create one dataset
      if (entry.json().equals(builtFrom.get(entry.name()))) {
        return;
      }
      Map<String, Object> resolved =
          withCredentials(entry.name(), entry.config(), registry.credentials());
      Dataset<?> dataset = DatasetConfigs.createDataset(entry.name(), resolved);
      addLocally(entry.name(), dataset, Optional.of(entry.json()));
    }
    if (!isSharedMemory(entry.name(), entry.config())) {
      // a value left by a process that died between re-binding the name and deleting it
      dropValueUnlessShared(entry.name());
    }
  }

  private void addLocally(String name, Dataset<?> dataset, Optional<String> json) {
    if (dataset instanceof SharedMemoryDataset<?> shared) {
      bind(name, shared);
    }
    adding.set(Boolean.TRUE);
    try {
      super.put(name, dataset);
    } finally {
      adding.set(Boolean.FALSE);
    }
    json.ifPresentOrElse(j -> builtFrom.put(name, j), () -> builtFrom.remove(name));
    if (json.isPresent()) {
      trackFastPath(name, dataset);
    } else {
      synchronized (rebuildLock) {
        fastPath.remove(name);
      }
    }
  }

  /**
   * Lets {@link #load} and {@link #save} reach {@code dataset} without reading the registry, if it
   * is a {@link SharedMemoryDataset} keyed by this catalog and {@code name}; its saves then check
   * the registry themselves whenever the value's existence does not prove the binding.
   */
  private void trackFastPath(String name, Dataset<?> dataset) {
    if (fastPath.get(name) == dataset) {
      return;
    }
    synchronized (rebuildLock) {
      if (super.find(name).orElse(null) != dataset) {
        return; // replaced meanwhile by another thread of this process, which tracks its own
      }
      if (dataset instanceof SharedMemoryDataset<?> shared
          && shared.hasManager()
          && shared.isGuarded()
          && isKeyedHere(name, shared)) {
        fastPath.put(name, shared);
      } else {
        fastPath.remove(name);
      }
    }
  }

  private boolean registeredAsSharedMemory(String name) {
    return registry.entry(name).map(entry -> isSharedMemory(name, entry.config())).orElse(false);
  }

  /**
   * Keeps the rule {@link #load} relies on, that a name has a value only while the registry binds
   * it to a SharedMemoryDataset, once this process has registered {@code shareable} under {@code
   * name}; writes the value the registration carries. Every value written here is checked against
   * the registry afterwards and taken back if another process re-bound the name meanwhile, and a
   * value is deleted only if the registry does not bind the name to a SharedMemoryDataset after the
   * value was read: so two processes re-binding one name at once end with the value matching the
   * registry's last word.
   */
  private void afterRegistered(String name, Shareable shareable) {
    if (!isSharedMemory(name, shareable.config())) {
      dropValueUnlessShared(name);
    } else if (shareable.value() != null) {
      try {
        // false: another process re-bound the name meanwhile; its registration came last
        valueStore().saveBound(name, shareable.value(), () -> registeredAsSharedMemory(name));
      } catch (RuntimeException e) {
        throw new DatasetException(
            "Registered dataset '"
                + name
                + "' in catalog '"
                + catalogName()
                + "' but could not store its value: "
                + e.getMessage()
                + ". Save the value again.",
            e);
      }
    } else if (shareable.clear()) {
      valueStore().removeUnless(name, () -> false); // a new, empty dataset replaces the value
    }
  }

  private void dropValueUnlessShared(String name) {
    valueStore().removeUnless(name, () -> registeredAsSharedMemory(name));
  }

  private ValueStore valueStore() {
    ValueStore store = valueStore;
    if (store == null) {
      store = ValueStore.of(manager, catalogName());
      valueStore = store;
    }
    return store;
  }

  private void publishIfAbsent(String name, Dataset<?> dataset) {
    Shareable shareable = shareable(name, dataset);
    registry
        .putIfAbsent(name, shareable.config())
        .ifPresent(
            json -> {
              afterRegistered(name, shareable);
              builtFrom.put(name, json);
            });
  }

  /**
   * What a connected catalog registers for a dataset, what this process keeps locally, and what
   * happens to the name's value once registered: {@code value} (encoded) is saved, or with {@code
   * clear} the value is removed; with neither it stays as it is.
   */
  private record Shareable(
      Map<String, Object> config, Dataset<?> local, EncodedValue value, boolean clear) {}

  private Shareable shareable(String name, Dataset<?> dataset) {
    if (dataset instanceof SharedMemoryDataset) {
      return new Shareable(SHARED_MEMORY_CONFIG, dataset, null, false);
    }
    if (dataset instanceof MemoryDataset<?> memory) {
      SharedMemoryDataset<Object> shared = new SharedMemoryDataset<>();
      bind(name, shared);
      if (memory.exists()) {
        // encoded now: fails before registering if the value cannot be shared
        return new Shareable(
            SHARED_MEMORY_CONFIG, shared, shared.encodeForSharing(memory.load()), false);
      }
      return new Shareable(SHARED_MEMORY_CONFIG, shared, null, true);
    }
    Optional<Map<String, Object>> config = DatasetConfigs.configOf(dataset);
    if (config.isPresent() && Json.isRepresentable(config.get())) {
      return new Shareable(config.get(), dataset, null, false);
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

  private Optional<Map<String, Object>> matchSharedPattern(String name) {
    if (registry.patternCount() == 0) {
      return Optional.empty();
    }
    Map<String, Map<String, Object>> patterns = registry.patterns();
    Map<String, Object> credentials = registry.credentials();
    PatternCache cache = patternCache;
    if (!cache.patterns().equals(patterns) || !cache.credentials().equals(credentials)) {
      cache =
          new PatternCache(patterns, credentials, new CatalogConfigResolver(patterns, credentials));
      patternCache = cache;
    }
    CatalogConfigResolver resolver = cache.resolver();
    if (resolver.matchUserPattern(name).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new LinkedHashMap<>(resolver.entryConfig(name))); // credentials by name
  }

  private record PatternCache(
      Map<String, Map<String, Object>> patterns,
      Map<String, Object> credentials,
      CatalogConfigResolver resolver) {}

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
      if (!Json.isRepresentable(entry.getValue())) {
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
          } else {
            registry.put(name, shareable.config());
            afterRegistered(name, shareable);
          }
        });
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value) {
    return (Map<String, Object>) value;
  }

  /**
   * MemoryDataset entries become SharedMemoryDataset (an in-process value is not shared), their
   * {@code data} encoded to be saved once registered.
   */
  private Shareable sharedForm(String name, Map<String, Object> entry) {
    if (!MEMORY_DATASET_TYPES.contains(typeName(entry))) {
      return new Shareable(entry, null, null, false);
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
    return new Shareable(shared, null, value, false);
  }

  private static Map<String, Object> withCredentials(
      String name, Map<?, ?> raw, Map<String, Object> credentials) {
    Map<String, Object> result = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : raw.entrySet()) {
      String key = String.valueOf(e.getKey());
      Object value = e.getValue();
      if (key.equals("credentials") && value instanceof String credentialsName) {
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
        value = withCredentials(name, nested, credentials);
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
