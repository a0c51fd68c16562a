package io.sharedcatalog.cluster;

import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.catalog.CatalogConfig;
import io.sharedcatalog.catalog.CatalogConfigResolver;
import io.sharedcatalog.catalog.Dataset;
import io.sharedcatalog.catalog.DatasetException;
import io.sharedcatalog.catalog.DatasetNotFoundException;
import io.sharedcatalog.catalog.MemoryDataset;
import io.sharedcatalog.catalog.internal.CloseMatches;
import io.sharedcatalog.catalog.internal.DatasetConfigs;
import io.sharedcatalog.catalog.internal.codec.EncodedValue;
import io.sharedcatalog.cluster.internal.CatalogRegistry;
import io.sharedcatalog.cluster.internal.ConfigJson;
import io.sharedcatalog.cluster.internal.store.ValueStore;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster side of a {@link SharedMemoryDataCatalog} made with {@link
 * SharedMemoryDataCatalog#connect}: reads the shared registry, builds this process's copy of each
 * dataset from its config (again when the binding changes), and registers bindings with their value
 * slots (see {@link SharedMemoryDataCatalog} for the semantics). The catalog delegates every
 * connected operation here; nothing of it lives in the superclass's local entries.
 *
 * <p>This class is thread-safe.
 */
final class ConnectedCatalog {
  private static final Logger log = LoggerFactory.getLogger(ConnectedCatalog.class);

  private final String catalogName;
  private final HazelcastInstance hz;
  private final CatalogRegistry registry;
  private final ValueStore valueStore;
  private final Map<String, Map<String, Object>> runtimePatterns;
  private final Object rebuildLock = new Object();
  // this process's copy of each binding it used, and the registry JSON it was built from
  private final ConcurrentMap<String, Dataset<?>> built = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, String> builtFrom = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, SharedMemoryDataset<?>> sharedDatasets =
      new ConcurrentHashMap<>();
  private final Set<String> names = new SharedNames();
  private volatile PatternCache patternCache = new PatternCache(Map.of(), null);

  ConnectedCatalog(
      HazelcastInstance hz, String catalogName, Map<String, Map<String, Object>> runtimePatterns) {
    this.hz = hz;
    this.catalogName = catalogName;
    this.registry = CatalogRegistry.of(hz, catalogName);
    this.valueStore = ValueStore.of(hz, catalogName);
    this.runtimePatterns = runtimePatterns;
  }

  /** How often a load or save follows re-bindings made meanwhile by others before it fails. */
  private static final int REBOUND_ATTEMPTS = 50;

  /**
   * Loads {@code name} through the shared dataset this process built for it, if any, and else, or
   * when the binding has changed since, through {@code throughCatalog} (the catalog's lookup).
   */
  <T> T load(String name, Function<String, T> throughCatalog) {
    SharedMemoryDataset<?> shared = boundShared(name);
    for (int attempt = 1; ; attempt++) {
      try {
        if (shared != null && attempt == 1) {
          @SuppressWarnings("unchecked")
          T value = (T) shared.load();
          return value;
        }
        return throughCatalog.apply(name);
      } catch (SharedMemoryDataset.ReboundException e) {
        giveUpAfter(attempt, e); // re-bound again meanwhile: another process made progress
        log.debug("'{}' was re-bound elsewhere; loading through its new binding", name);
      }
    }
  }

  /** Saves as {@link #load} loads. */
  void save(String name, Object data, BiConsumer<String, Object> throughCatalog) {
    SharedMemoryDataset<?> shared = boundShared(name);
    for (int attempt = 1; ; attempt++) {
      try {
        if (shared != null && attempt == 1) {
          @SuppressWarnings("unchecked")
          SharedMemoryDataset<Object> typed = (SharedMemoryDataset<Object>) shared;
          typed.save(data);
        } else {
          throughCatalog.accept(name, data);
        }
        return;
      } catch (SharedMemoryDataset.ReboundException e) {
        giveUpAfter(attempt, e);
        log.debug("'{}' was re-bound elsewhere; saving through its new binding", name);
      }
    }
  }

  private static void giveUpAfter(int attempt, SharedMemoryDataset.ReboundException e) {
    if (attempt >= REBOUND_ATTEMPTS) {
      throw e;
    }
  }

  /** The datasets this process built, by name (what it must be able to share). */
  Map<String, Dataset<?>> builtDatasets() {
    return Collections.unmodifiableMap(built);
  }

  CatalogConfigResolver configResolver() {
    return new CatalogConfigResolver(sharedUserConfig(), registry.credentials(), runtimePatterns);
  }

  void put(String name, Dataset<?> dataset) {
    Shareable shareable = shareable(name, dataset);
    CatalogRegistry.Entry entry = bindShared(name, shareable.config(), shareable.value(), true);
    addLocally(entry, shareable.local());
  }

  void putData(String name, Object data) {
    SharedMemoryDataset<Object> shared = new SharedMemoryDataset<>();
    bind(name, shared);
    // encoded first: a value that cannot be shared fails before anything is registered
    EncodedValue value = shared.encodeForSharing(data);
    addLocally(bindShared(name, SharedConfigs.SHARED_MEMORY_CONFIG, value, true), shared);
  }

  boolean contains(String name) {
    CatalogRegistry.Lookup lookup = registry.lookup(name);
    return lookup.entry().isPresent() || matchSharedPattern(name, lookup.patterns()).isPresent();
  }

  Set<String> names() {
    return names;
  }

  int size() {
    return registry.size();
  }

  List<String> filter(String nameRegex, String typeRegex, Class<?>... byTypes) {
    // Answered from the shared configs, without creating datasets (as the superclass does); an
    // entry whose type this process cannot resolve is matched as the superclass does (lazy types).
    Pattern names = SharedConfigs.compile(nameRegex, "nameRegex");
    Pattern types = SharedConfigs.compile(typeRegex, "typeRegex");
    List<Class<?>> classes =
        byTypes == null
            ? List.of()
            : java.util.Arrays.stream(byTypes).filter(Objects::nonNull).toList();
    List<String> result = new ArrayList<>();
    for (CatalogRegistry.Entry entry : registry.entries()) {
      if (names != null && !names.matcher(entry.name()).find()) {
        continue;
      }
      Optional<Class<?>> type = SharedConfigs.knownClass(entry.name(), entry.config());
      String typeName = type.map(Class::getName).orElse(SharedConfigs.typeName(entry.config()));
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

  Optional<String> typeOf(String name) {
    CatalogRegistry.Lookup lookup = registry.lookup(name);
    Optional<Map<String, Object>> config =
        lookup
            .entry()
            .map(CatalogRegistry.Entry::config)
            .or(() -> matchSharedPattern(name, lookup.patterns()));
    // As DataCatalog.typeOf: the type as written when this process cannot resolve it.
    return config.map(
        c ->
            SharedConfigs.knownClass(name, c)
                .map(Class::getName)
                .orElse(String.valueOf(SharedConfigs.typeName(c))));
  }

  CatalogConfig toConfig() {
    return new CatalogConfig(sharedUserConfig(), registry.credentials(), null, null);
  }

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

  /** Keys a shared dataset by this catalog and binds it to the cluster. */
  private void bind(String name, SharedMemoryDataset<?> dataset) {
    dataset.adoptKey(catalogName, name);
    dataset.setManager(hz);
    sharedDatasets.put(name, dataset);
  }

  /**
   * The dataset of {@code name} as the registry binds it now, built (or rebuilt) in this process:
   * one read of the registry (the entry and the shared patterns together). An unregistered name a
   * shared pattern matches, or with {@code fallback} any unregistered name, is registered first.
   *
   * @return null if the name is unknown
   */
  Dataset<?> view(String name, boolean fallback) {
    CatalogRegistry.Lookup lookup = registry.lookup(name);
    Optional<CatalogRegistry.Entry> entry = lookup.entry();
    if (entry.isEmpty()) {
      Optional<Map<String, Object>> config =
          matchSharedPattern(name, lookup.patterns())
              .or(
                  () ->
                      fallback
                          ? Optional.of(SharedConfigs.SHARED_MEMORY_CONFIG)
                          : Optional.empty());
      if (config.isEmpty()) {
        return null;
      }
      entry = Optional.of(bindShared(name, config.get(), null, false));
    }
    return rebuildIfChanged(entry.get());
  }

  /** The shared dataset this process built for {@code name}, if it is one; no cluster call. */
  SharedMemoryDataset<?> boundShared(String name) {
    return builtFrom.containsKey(name) ? sharedDatasets.get(name) : null;
  }

  private Dataset<?> rebuildIfChanged(CatalogRegistry.Entry entry) {
    String name = entry.name();
    synchronized (rebuildLock) { // concurrent first uses in this process create one dataset
      if (!entry.json().equals(builtFrom.get(name))) {
        Map<String, Object> resolved =
            SharedConfigs.withCredentials(name, entry.config(), registry);
        addLocally(entry, DatasetConfigs.createDataset(name, resolved));
      }
      return built.get(name);
    }
  }

  /** Keeps {@code dataset} as this process's copy of the binding {@code entry}. */
  private void addLocally(CatalogRegistry.Entry entry, Dataset<?> dataset) {
    String name = entry.name();
    synchronized (rebuildLock) {
      if (dataset instanceof SharedMemoryDataset<?> shared) {
        bind(name, shared);
        shared.bindGeneration(catalogName, name, entry.generation(), () -> sharedGeneration(name));
      } else {
        sharedDatasets.remove(name);
      }
      built.put(name, dataset);
      builtFrom.put(name, entry.json());
    }
  }

  /** The generation the registry binds {@code name} to now, if to a SharedMemoryDataset. */
  private OptionalLong sharedGeneration(String name) {
    return registry
        .entry(name)
        .filter(e -> SharedConfigs.isSharedMemory(name, e.config()))
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
    boolean shared = SharedConfigs.isSharedMemory(name, config);
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
        .filter(old -> SharedConfigs.isSharedMemory(name, old.config()))
        .ifPresent(old -> valueStore().delete(old.slot()));
    return registration.current();
  }

  DatasetNotFoundException notFound(String name) {
    List<String> close = CloseMatches.find(name, names, 3);
    return new DatasetNotFoundException(
        "Dataset '"
            + name
            + "' not found in shared catalog '"
            + catalogName
            + "'"
            + (close.isEmpty()
                ? "."
                : " - did you mean one of these instead: " + String.join(", ", close) + "?")
            + " Register it with put(), or add it (or a pattern matching it) to the catalog"
            + " config."
            + Messages.lossHint(hz, true));
  }

  private ValueStore valueStore() {
    return valueStore;
  }

  private Shareable shareable(String name, Dataset<?> dataset) {
    if (dataset instanceof SharedMemoryDataset) {
      return new Shareable(SharedConfigs.SHARED_MEMORY_CONFIG, dataset, null);
    }
    if (dataset instanceof MemoryDataset<?> memory) {
      SharedMemoryDataset<Object> shared = new SharedMemoryDataset<>();
      bind(name, shared);
      // encoded now: fails before registering if the value cannot be shared
      EncodedValue value = memory.exists() ? shared.encodeForSharing(memory.load()) : null;
      return new Shareable(SharedConfigs.SHARED_MEMORY_CONFIG, shared, value);
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
            + catalogName
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

  void share(CatalogConfig config) {
    if (!config.loadVersions().isEmpty() || config.saveVersion() != null) {
      throw new DatasetException(
          "Cannot share load versions "
              + config.loadVersions()
              + " or save version "
              + config.saveVersion()
              + " in catalog '"
              + catalogName
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
      shared.put(entry.getKey(), sharedForm(entry.getKey(), SharedConfigs.asMap(entry.getValue())));
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

  /**
   * MemoryDataset entries become SharedMemoryDataset (an in-process value is not shared), their
   * {@code data} encoded to be stored in the slot of the binding.
   */
  private Shareable sharedForm(String name, Map<String, Object> entry) {
    if (!SharedConfigs.MEMORY_DATASET_TYPES.contains(SharedConfigs.typeName(entry))) {
      return new Shareable(entry, null, null);
    }
    Map<String, Object> shared = new LinkedHashMap<>(SharedConfigs.SHARED_MEMORY_CONFIG);
    if (entry.containsKey("metadata")) {
      shared.put("metadata", entry.get("metadata"));
    }
    EncodedValue value = null;
    if (entry.containsKey("data") && !CatalogConfigResolver.isPattern(name)) {
      SharedMemoryDataset<Object> dataset = new SharedMemoryDataset<>(catalogName, name);
      dataset.setManager(hz);
      value = dataset.encodeForSharing(entry.get("data"));
    }
    log.debug(
        "Sharing MemoryDataset entry '{}' of catalog '{}' as a SharedMemoryDataset",
        name,
        catalogName);
    return new Shareable(shared, null, value);
  }

  private Map<String, Object> sharedUserConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    for (CatalogRegistry.Entry entry : registry.entries()) {
      config.put(entry.name(), entry.config());
    }
    config.putAll(registry.patterns());
    return config;
  }

  /** What a connected catalog registers for a dataset, keeps locally, and stores as its value. */
  private record Shareable(Map<String, Object> config, Dataset<?> local, EncodedValue value) {}

  private record PatternCache(
      Map<String, Map<String, Object>> patterns, CatalogConfigResolver resolver) {}
}
