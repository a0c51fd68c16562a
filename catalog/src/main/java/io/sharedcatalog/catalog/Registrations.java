package io.sharedcatalog.catalog;

import io.sharedcatalog.catalog.internal.DatasetConfigs;
import io.sharedcatalog.catalog.internal.DatasetTypes;
import io.sharedcatalog.catalog.spi.CatalogExtension;
import io.sharedcatalog.catalog.spi.CatalogStore;
import io.sharedcatalog.catalog.spi.CatalogStore.Admission;
import io.sharedcatalog.catalog.spi.CatalogStore.Entry;
import io.sharedcatalog.catalog.spi.CatalogStore.Lookup;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog logic of a {@link DataCatalog}, once, over its {@link CatalogStore}: patterns,
 * creating datasets from config on first use (and again when a name's binding changes), versions,
 * filtering, types, {@code toConfig} and the errors. What this process holds is the dataset it uses
 * for each binding (by generation); everything else is read from the store.
 *
 * <p>This class is thread-safe: lookups of a dataset this process holds do not lock; making the
 * dataset of a binding is serialised per name, so concurrent first uses of a name create one
 * dataset; registrations ({@code put}, {@code putData}, {@code putConfig}) are serialised.
 */
final class Registrations {
  // The catalog's logger: what is logged here is what DataCatalog has always logged.
  private static final Logger log = LoggerFactory.getLogger(DataCatalog.class);

  /** The dataset this process uses for the binding {@code generation} of a name. */
  private record Built(long generation, Dataset<?> dataset) {}

  private record PatternCache(
      Map<String, Map<String, Object>> patterns, CatalogConfigResolver resolver) {}

  private record ResolverCache(long writes, CatalogConfigResolver resolver) {}

  private final CatalogStore store;
  private final CatalogExtension extension;
  private final Map<String, Map<String, Object>> runtimePatterns;
  private final CatalogVersions versions;
  private final ConcurrentHashMap<String, Built> built = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Object> nameLocks = new ConcurrentHashMap<>();
  private final Object registrationLock = new Object();
  private final EntryDescriptions types = new EntryDescriptions(this::held, this::held);
  private volatile PatternCache patternCache;
  private volatile ResolverCache resolverCache;

  private Registrations(
      CatalogStore store,
      CatalogExtension extension,
      Map<String, ? extends Map<String, ?>> runtimePatterns,
      CatalogVersions versions) {
    this.store = Objects.requireNonNull(store, "store");
    this.extension = Objects.requireNonNull(extension, "extension");
    // validated here, so a bad runtime pattern fails at construction
    this.runtimePatterns = new CatalogConfigResolver(null, null, runtimePatterns).runtimePatterns();
    this.versions = versions;
  }

  /**
   * The registrations of a local catalog: its config entries (created on first use), then the
   * datasets given at construction, each through the extension. Config entries whose names are
   * among the datasets are dropped with their load versions: the dataset given explicitly wins
   * (Kedro's {@code DataCatalog.__init__}).
   *
   * @param base the user's config, credentials and patterns ({@code null}: none)
   * @throws VersionAlreadyExistsException if versions of datasets and catalog disagree
   */
  static Registrations local(
      CatalogConfigResolver base,
      Map<String, Dataset<?>> datasets,
      Map<String, String> loadVersions,
      String saveVersion,
      CatalogExtension extension) {
    if (base == null) {
      base = new CatalogConfigResolver();
    }
    CatalogVersions versions = new CatalogVersions(loadVersions, saveVersion);
    for (String name : List.copyOf(base.config().keySet())) {
      if (datasets.containsKey(name)) {
        log.warn(
            "Cannot register dataset '{}' from config: a dataset with the same name was already"
                + " provided in the `datasets` argument.",
            name);
        base = base.without(name);
        versions.drop(name);
      }
    }
    Map<String, Map<String, Object>> patterns = new LinkedHashMap<>();
    base.userConfig()
        .forEach(
            (name, config) -> {
              if (CatalogConfigResolver.isPattern(name)) {
                @SuppressWarnings("unchecked")
                Map<String, Object> typed = (Map<String, Object>) config;
                patterns.put(name, typed);
              }
            });
    Map<String, Map<String, Object>> runtime = new LinkedHashMap<>(base.runtimePatterns());
    runtime.putAll(extension.runtimePatterns());
    LocalStore store = new LocalStore(Collections.unmodifiableMap(patterns), base.credentials());
    Registrations registrations = new Registrations(store, extension, runtime, versions);
    for (String name : base.config().keySet()) {
      // Lazy, as Kedro's _LazyDataset: the type is resolved when the dataset is first used, so
      // one entry of an unknown type does not stop the rest of the catalog from working.
      store.putIfAbsent(new Entry(name, store.newGeneration(), base.entryConfig(name), true, null));
    }
    synchronized (registrations.registrationLock) {
      for (Map.Entry<String, Dataset<?>> given : datasets.entrySet()) {
        registrations.register(given.getKey(), given.getValue(), false);
      }
    }
    return registrations;
  }

  /** The registrations of a catalog whose store is given (a shared one): no versions. */
  static Registrations over(CatalogStore store, CatalogExtension extension) {
    return new Registrations(
        store, extension, extension.runtimePatterns(), new CatalogVersions(Map.of(), null));
  }

  CatalogStore store() {
    return store;
  }

  /** See {@link CatalogVersions#requireKnown}. */
  void requireKnownLoadVersions() {
    versions.requireKnown(this::contains, this::names);
  }

  Set<String> names() {
    return store.names();
  }

  int size() {
    return store.size();
  }

  /** Whether a name is registered, configured, or matched by a user pattern. */
  boolean contains(String name) {
    Lookup lookup = store.lookup(Objects.requireNonNull(name, "name"));
    return lookup.entry().isPresent()
        || patternResolver(lookup.patterns()).matchUserPattern(name).isPresent();
  }

  /** The dataset not found: {@code name}, close matches, and the store's hint. */
  DatasetNotFoundException notFound(String name) {
    return CatalogCalls.notFound(name, store.names(), store.describe(), store.missingHint());
  }

  /**
   * Returns the dataset of a name as the store binds it now, creating it from its config on first
   * use here or after the binding changed; an unregistered name a user pattern matches (with {@code
   * fallback}, any runtime pattern too) is created and registered. Empty if the name is unknown.
   *
   * @throws DatasetException if creating the dataset from its config fails
   */
  Optional<Dataset<?>> lookup(String name, boolean fallback) {
    Objects.requireNonNull(name, "name");
    Lookup lookup = store.lookup(name);
    if (lookup.entry().isPresent()) {
      return Optional.of(use(lookup.entry().get()));
    }
    CatalogConfigResolver resolver = patternResolver(lookup.patterns());
    boolean matches =
        fallback
            ? resolver.matchPattern(name).isPresent()
            : resolver.matchUserPattern(name).isPresent();
    if (!matches) {
      return Optional.empty();
    }
    synchronized (lockOf(name)) {
      Built held = built.get(name);
      if (held != null) { // registered meanwhile by another thread of this process
        Optional<Entry> now = store.get(name);
        if (now.isPresent()) {
          return Optional.of(use(now.get()));
        }
      }
      // created before it is registered: an entry that cannot be created is not registered
      Entry mine = new Entry(name, store.newGeneration(), resolver.entryConfig(name), false, null);
      Dataset<?> dataset = create(mine);
      Entry winner = store.putIfAbsent(mine);
      if (winner.generation() != mine.generation()) {
        return Optional.of(use(winner)); // another process registered it first: theirs wins
      }
      built.put(name, new Built(mine.generation(), dataset));
      return Optional.of(dataset);
    }
  }

  /** The dataset this process uses for {@code entry}, made from its config if it has none yet. */
  private Dataset<?> use(Entry entry) {
    String name = entry.name();
    Built held = built.get(name);
    if (held != null && held.generation() == entry.generation()) {
      return held.dataset();
    }
    synchronized (lockOf(name)) {
      held = built.get(name);
      if (held != null && held.generation() != entry.generation()) {
        // another binding is held here: ours may be the older one, read before it was made
        Optional<Entry> now = store.get(name);
        if (now.isPresent()) {
          entry = now.get();
        }
      }
      if (held != null && held.generation() == entry.generation()) {
        return held.dataset();
      }
      if (entry.config() == null) {
        throw new IllegalStateException(
            "Dataset '" + name + "' is registered as an object this catalog does not hold.");
      }
      Dataset<?> dataset = create(entry);
      built.put(name, new Built(entry.generation(), dataset));
      return dataset;
    }
  }

  /** Creates the dataset of an entry from its config, through the extension and the store. */
  private Dataset<?> create(Entry entry) {
    String name = entry.name();
    Map<String, Object> config = entry.config();
    Map<String, Object> resolved =
        namesCredentials(config)
            ? CatalogConfigResolver.withCredentials(name, config, store.credentials())
            : config;
    Dataset<?> dataset =
        DatasetConfigs.createDataset(
            name, resolved, versions.loadVersion(name), versions.saveVersion());
    dataset = store.bind(entry, added(name, dataset));
    log.debug("Created dataset '{}': {}", name, dataset);
    return dataset;
  }

  private static boolean namesCredentials(Map<?, ?> config) {
    for (Map.Entry<?, ?> e : config.entrySet()) {
      if ("credentials".equals(e.getKey()) && e.getValue() instanceof String) {
        return true;
      }
      if (e.getValue() instanceof Map<?, ?> nested && namesCredentials(nested)) {
        return true;
      }
    }
    return false;
  }

  private Dataset<?> added(String name, Dataset<?> dataset) {
    Dataset<?> result = extension.onDatasetAdded(name, dataset);
    if (result == null) {
      throw new DatasetException(
          "onDatasetAdded returned null for dataset '"
              + name
              + "': return the dataset to register.");
    }
    if (result instanceof MemoryDataset<?> memory) {
      memory.nameIfAbsent(name);
    }
    return result;
  }

  private Object lockOf(String name) {
    return nameLocks.computeIfAbsent(name, n -> new Object());
  }

  /** See {@link DataCatalog#put}. */
  void put(String name, Dataset<?> dataset) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(dataset, "dataset");
    synchronized (registrationLock) {
      if (register(name, dataset, false)) {
        log.warn("Replacing dataset '{}'", name);
      }
    }
  }

  /** See {@link DataCatalog#putData}. */
  void putData(String name, Object data) {
    Objects.requireNonNull(name, "name");
    if (data == null) {
      throw CatalogCalls.nullData(name);
    }
    if (data instanceof Dataset<?> dataset) {
      put(name, dataset);
      return;
    }
    synchronized (registrationLock) {
      if (register(name, data, true)) {
        log.warn("Replacing dataset '{}'", name);
      }
    }
  }

  /**
   * Registers a dataset ({@code isData}: raw data) under {@code name}, replacing any binding; the
   * caller holds {@link #registrationLock}. Kedro's {@code __setitem__}: replacing a configured
   * entry drops its config and load version.
   *
   * @return whether a binding was replaced
   */
  private boolean register(String name, Object given, boolean isData) {
    synchronized (lockOf(name)) {
      Optional<Entry> previous = store.get(name);
      boolean replacesConfig = previous.isPresent() && previous.get().config() != null;
      boolean keepsVersions = store.keepsVersions();
      Admission admission;
      if (isData) {
        admission = store.admitData(name, given);
      } else {
        if (keepsVersions) {
          versions.check(name, (Dataset<?>) given, replacesConfig);
        }
        admission = store.admit(name, (Dataset<?>) given);
      }
      Dataset<?> registered = added(name, admission.dataset());
      if (keepsVersions) {
        if (replacesConfig) {
          versions.drop(name);
        }
        versions.adopt(name, isData ? registered : (Dataset<?>) given);
      }
      Entry next =
          new Entry(
              name, store.newGeneration(), admission.config(), false, admission.initialValue());
      registered = store.bind(next, registered);
      boolean replaced = publish(previous, next);
      built.put(name, new Built(next.generation(), registered));
      return replaced;
    }
  }

  /** Writes {@code next} over whatever the name is bound to; whether it replaced a binding. */
  private boolean publish(Optional<Entry> previous, Entry next) {
    while (true) {
      if (previous.isEmpty()) {
        Entry winner = store.putIfAbsent(next);
        if (winner.generation() == next.generation()) {
          return false;
        }
        previous = Optional.of(winner);
      } else if (store.replace(previous.get(), next)) {
        return true;
      } else {
        previous = store.get(next.name());
      }
    }
  }

  /** See {@link DataCatalog#putConfig}. */
  void putConfig(String name, Map<String, ?> entryConfig) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(entryConfig, "entryConfig");
    if (name.startsWith("_") || CatalogConfigResolver.isPattern(name)) {
      throw new DatasetException(
          "Cannot register config for dataset '"
              + name
              + "': a dataset name must not start with '_' or contain placeholders.");
    }
    CatalogConfigResolver single =
        new CatalogConfigResolver(Map.of(name, entryConfig), store.credentials());
    @SuppressWarnings("unchecked")
    Map<String, Object> resolved = (Map<String, Object>) single.config().get(name);
    DatasetTypes.datasetClass(name, (String) resolved.get("type"));
    synchronized (registrationLock) {
      synchronized (lockOf(name)) {
        Entry next = new Entry(name, store.newGeneration(), single.entryConfig(name), false, null);
        if (publish(store.get(name), next)) {
          log.warn("Replacing dataset '{}'", name);
        }
      }
    }
  }

  /** See {@link DataCatalog#datasetConfig}. */
  Optional<Map<String, Object>> datasetConfig(String name) {
    Optional<Entry> entry = store.get(Objects.requireNonNull(name, "name"));
    if (entry.isEmpty()) {
      return Optional.empty();
    }
    if (entry.get().config() != null) {
      return Optional.of(entry.get().config());
    }
    return held(entry.get()).flatMap(DatasetConfigs::configOf);
  }

  /** The dataset this process holds for a name, whatever its binding; never created here. */
  Optional<Dataset<?>> held(String name) {
    Built held = built.get(Objects.requireNonNull(name, "name"));
    return held == null ? Optional.empty() : Optional.of(held.dataset());
  }

  Map<String, Dataset<?>> heldAll() { // by name, sorted
    Map<String, Dataset<?>> held = new java.util.TreeMap<>();
    built.forEach((name, b) -> held.put(name, b.dataset()));
    return held;
  }

  private Optional<Dataset<?>> held(Entry entry) {
    Built held = built.get(entry.name());
    return held != null && held.generation() == entry.generation()
        ? Optional.of(held.dataset())
        : Optional.empty();
  }

  /** See {@link CatalogCalls#loadFollowing}. */
  <T> T load(String name, Function<String, Dataset<?>> lookup) {
    return CatalogCalls.loadFollowing(name, proven(name), lookup);
  }

  /** See {@link CatalogCalls#saveFollowing}. */
  void save(String name, Object data, Function<String, Dataset<?>> lookup) {
    CatalogCalls.saveFollowing(name, data, data == null ? null : proven(name), lookup);
  }

  /** See {@link CatalogCalls#releaseFollowing}. */
  void release(String name, Function<String, Dataset<?>> lookup) {
    CatalogCalls.releaseFollowing(name, proven(name), lookup);
  }

  /** The dataset held for {@code name} if it proves its binding (see {@link CatalogStore}). */
  Dataset<?> proven(String name) {
    Built held = name == null ? null : built.get(name);
    return held != null && store.provesBinding(held.dataset()) ? held.dataset() : null;
  }

  /** The resolver of the store's user patterns and the runtime patterns (cached per patterns). */
  private CatalogConfigResolver patternResolver(Map<String, Map<String, Object>> patterns) {
    PatternCache cache = patternCache;
    if (cache == null || !cache.patterns().equals(patterns)) {
      // credentials are filled in when a dataset is created: the resolver ranks and fills
      Map<String, Object> credentials = patterns.isEmpty() ? Map.of() : store.credentials();
      cache =
          new PatternCache(
              patterns, new CatalogConfigResolver(patterns, credentials, runtimePatterns));
      patternCache = cache;
    }
    return cache.resolver();
  }

  /** See {@link DataCatalog#configResolver}: configured entries, user patterns, runtime ones. */
  CatalogConfigResolver resolver() {
    long writes = store.writes();
    ResolverCache cache = resolverCache;
    if (writes >= 0 && cache != null && cache.writes() == writes) {
      return cache.resolver();
    }
    Map<String, Object> config = new LinkedHashMap<>();
    for (Entry entry : store.entries()) {
      if (entry.configured() && entry.config() != null) {
        config.put(entry.name(), entry.config());
      }
    }
    config.putAll(store.patterns());
    CatalogConfigResolver resolver =
        new CatalogConfigResolver(config, store.credentials(), runtimePatterns);
    if (writes >= 0) {
      resolverCache = new ResolverCache(writes, resolver);
    }
    return resolver;
  }

  /** See {@link DataCatalog#filter(String, String, Class[])}. */
  List<String> filter(String nameRegex, String typeRegex, Class<?>[] byTypes) {
    return types.filter(store.entries(), nameRegex, typeRegex, byTypes);
  }

  /** See {@link DataCatalog#typeOf}. */
  Optional<String> typeOf(String name) {
    Lookup lookup = store.lookup(Objects.requireNonNull(name, "name"));
    if (lookup.entry().isPresent()) {
      return Optional.of(types.typeOf(lookup.entry().get()));
    }
    CatalogConfigResolver resolver = patternResolver(lookup.patterns());
    if (resolver.matchUserPattern(name).isEmpty()) {
      return Optional.empty();
    }
    String type = String.valueOf(resolver.entryConfig(name).get("type"));
    return Optional.of(EntryDescriptions.classOfType(name, type).map(Class::getName).orElse(type));
  }

  /** See {@link DataCatalog#toConfig}. */
  CatalogConfig toConfig() {
    synchronized (registrationLock) {
      List<Entry> entries = store.entries();
      Map<String, Object> catalog = types.configs(entries);
      catalog.putAll(store.patterns());
      List<String> names = entries.stream().map(Entry::name).toList();
      return new CatalogConfig(
          catalog, store.credentials(), versions.loadVersionsIn(names), versions.saveVersion());
    }
  }
}
