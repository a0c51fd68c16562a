package io.sharedcatalog.catalog;

import io.sharedcatalog.catalog.internal.Configs;
import io.sharedcatalog.catalog.internal.DatasetConfigs;
import io.sharedcatalog.catalog.internal.DatasetTypes;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registration state of one {@link DataCatalog} in this process: its registered and configured
 * names with their configs and datasets, its resolver (runtime patterns included) and its versions.
 * {@code DataCatalog} holds the catalog logic over it.
 *
 * <p>Every dataset that enters the registry passes through the catalog's hook ({@link
 * DataCatalog.Extension#onDatasetAdded}), given at construction.
 *
 * <p>This class is thread-safe: lookups do not lock; registrations and the creation of a dataset
 * from config or a pattern are serialised, so concurrent first uses of a name create one dataset.
 */
final class LocalRegistry {
  // The catalog's logger: what the registry logs is what DataCatalog has always logged.
  private static final Logger log = LoggerFactory.getLogger(DataCatalog.class);

  /** A registered or configured name: its config as written, and its dataset once created. */
  private static final class Entry {
    final Map<String, Object> entryConfig;
    final Map<String, Object> resolvedConfig;
    volatile Dataset<?> dataset;

    Entry(Map<String, Object> entryConfig, Map<String, Object> resolvedConfig, Dataset<?> dataset) {
      this.entryConfig = entryConfig;
      this.resolvedConfig = resolvedConfig;
      this.dataset = dataset;
    }
  }

  private final BiFunction<String, Dataset<?>, Dataset<?>> onDatasetAdded;
  // Not final: an explicitly registered dataset drops the config entry of its name (Kedro's
  // config_resolver.config.pop), which gives the catalog a resolver without it.
  private volatile CatalogConfigResolver resolver;
  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<String> order = new ConcurrentLinkedQueue<>();
  private final Set<String> namesView = new NamesView();
  private final Object registrationLock = new Object();
  private final CatalogVersions versions;

  /**
   * Creates a registry holding nothing yet ({@link #populate} registers the entries and datasets).
   * Config entries whose names are among {@code given} are dropped with their load versions: the
   * dataset given explicitly wins (Kedro's {@code DataCatalog.__init__}).
   *
   * @param base the user's config, credentials and patterns ({@code null}: none)
   * @param given the names of the datasets given at construction
   * @param runtimePatterns the catalog's runtime patterns
   * @param onDatasetAdded the catalog's hook, called whenever a dataset enters the registry
   */
  LocalRegistry(
      CatalogConfigResolver base,
      Collection<String> given,
      Map<String, String> loadVersions,
      String saveVersion,
      Map<String, Map<String, Object>> runtimePatterns,
      BiFunction<String, Dataset<?>, Dataset<?>> onDatasetAdded) {
    this.onDatasetAdded = onDatasetAdded;
    if (base == null) {
      base = new CatalogConfigResolver();
    }
    this.versions = new CatalogVersions(loadVersions, saveVersion);
    for (String name : List.copyOf(base.config().keySet())) {
      if (given.contains(name)) {
        log.warn(
            "Cannot register dataset '{}' from config: a dataset with the same name was already"
                + " provided in the `datasets` argument.",
            name);
        base = base.without(name);
        versions.drop(name);
      }
    }
    this.resolver = base.withRuntimePatterns(runtimePatterns);
  }

  /**
   * Registers the resolver's config entries (created on first use), then the datasets given at
   * construction, in their order, each through the hook.
   *
   * @throws VersionAlreadyExistsException if versions of datasets and catalog disagree
   */
  void populate(Map<String, Dataset<?>> datasets) {
    synchronized (registrationLock) {
      for (Map.Entry<String, Object> configured : resolver.config().entrySet()) {
        String name = configured.getKey();
        @SuppressWarnings("unchecked")
        Map<String, Object> resolved = (Map<String, Object>) configured.getValue();
        // Lazy, as Kedro's _LazyDataset: the type is resolved when the dataset is first used, so
        // one entry of an unknown type does not stop the rest of the catalog from working.
        register(name, new Entry(resolver.entryConfig(name), resolved, null));
      }
      for (Map.Entry<String, Dataset<?>> given : datasets.entrySet()) {
        Dataset<?> dataset = given.getValue();
        versions.check(given.getKey(), dataset, false);
        Dataset<?> registered = added(given.getKey(), dataset);
        versions.adopt(given.getKey(), dataset);
        register(given.getKey(), new Entry(null, null, registered));
      }
    }
  }

  /** See {@link CatalogVersions#requireKnown}. */
  void requireKnownLoadVersions(Predicate<String> contains, Supplier<Set<String>> names) {
    versions.requireKnown(contains, names);
  }

  /** The resolver, runtime patterns included. */
  CatalogConfigResolver resolver() {
    return resolver;
  }

  /** The live, unmodifiable view of the names, in insertion order. */
  Set<String> names() {
    return namesView;
  }

  int size() {
    return entries.size();
  }

  /** Whether a name is registered, configured, or matched by a user pattern. */
  boolean contains(String name) {
    Objects.requireNonNull(name, "name");
    return entries.containsKey(name) || resolver.matchUserPattern(name).isPresent();
  }

  /** Adds datasets given to a builder ({@code null}: none), in the map's order. */
  static void addDatasets(Map<String, Dataset<?>> into, Map<String, ? extends Dataset<?>> given) {
    if (given != null) {
      given.forEach(
          (name, dataset) ->
              into.put(
                  Objects.requireNonNull(name, "dataset name"),
                  Objects.requireNonNull(dataset, "dataset '" + name + "'")));
    }
  }

  /**
   * Returns data given to {@link DataCatalog#putData} as the dataset to register: a dataset as it
   * is, anything else saved to a new {@link MemoryDataset} (copy mode inferred) of that name.
   *
   * @throws DatasetException if {@code data} is null or cannot be copied
   */
  static Dataset<?> asDataset(String name, Object data) {
    if (data == null) {
      throw CatalogCalls.nullData(name);
    }
    if (data instanceof Dataset<?> dataset) {
      return dataset;
    }
    MemoryDataset<Object> memory = new MemoryDataset<>();
    memory.nameIfAbsent(name);
    memory.save(data);
    return memory;
  }

  private Dataset<?> added(String name, Dataset<?> dataset) {
    Dataset<?> result = onDatasetAdded.apply(name, dataset);
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

  /** Adds or replaces an entry; the caller holds {@link #registrationLock}. */
  private boolean register(String name, Entry entry) {
    Entry previous = entries.put(name, entry);
    if (previous == null) {
      order.add(name);
    }
    return previous != null;
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
        new CatalogConfigResolver(Map.of(name, entryConfig), resolver.credentials());
    @SuppressWarnings("unchecked")
    Map<String, Object> resolved = (Map<String, Object>) single.config().get(name);
    DatasetTypes.datasetClass(name, (String) resolved.get("type"));
    synchronized (registrationLock) {
      if (register(name, new Entry(single.entryConfig(name), resolved, null))) {
        log.warn("Replacing dataset '{}'", name);
      }
    }
  }

  /** See {@link DataCatalog#datasetConfig}. */
  Optional<Map<String, Object>> datasetConfig(String name) {
    Entry entry = entries.get(Objects.requireNonNull(name, "name"));
    if (entry == null) {
      return Optional.empty();
    }
    if (entry.entryConfig != null) {
      return Optional.of(entry.entryConfig);
    }
    return DatasetConfigs.configOf(entry.dataset);
  }

  /**
   * Returns the dataset of a name, creating a configured entry or a pattern match on first use
   * (with {@code fallback}, runtime patterns count); empty if the name is not known.
   *
   * @throws DatasetException if creating the dataset from its config fails
   */
  Optional<Dataset<?>> lookup(String name, boolean fallback) {
    Objects.requireNonNull(name, "name");
    Entry entry = entries.get(name);
    if (entry != null) {
      Dataset<?> dataset = entry.dataset;
      return Optional.of(dataset != null ? dataset : materialise(name));
    }
    boolean matches =
        fallback
            ? resolver.matchPattern(name).isPresent()
            : resolver.matchUserPattern(name).isPresent();
    return matches ? Optional.of(materialise(name)) : Optional.empty();
  }

  private Dataset<?> materialise(String name) {
    synchronized (registrationLock) {
      Entry entry = entries.get(name);
      if (entry != null && entry.dataset != null) {
        return entry.dataset;
      }
      Map<String, Object> entryConfig;
      Map<String, Object> resolved;
      if (entry != null) {
        entryConfig = entry.entryConfig;
        resolved = entry.resolvedConfig;
      } else {
        entryConfig = resolver.entryConfig(name);
        resolved = resolver.resolvePattern(name);
      }
      Dataset<?> dataset =
          DatasetConfigs.createDataset(
              name, resolved, versions.loadVersion(name), versions.saveVersion());
      dataset = added(name, dataset);
      if (entry != null) {
        entry.dataset = dataset;
      } else {
        register(name, new Entry(entryConfig, resolved, dataset));
      }
      log.debug("Created dataset '{}': {}", name, dataset);
      return dataset;
    }
  }

  /** See {@link DataCatalog#put}. */
  void put(String name, Dataset<?> dataset) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(dataset, "dataset");
    synchronized (registrationLock) {
      Entry previous = entries.get(name);
      // Kedro's __setitem__: replacing a configured entry clears its config and load version.
      boolean replacesConfig = previous != null && previous.entryConfig != null;
      versions.check(name, dataset, replacesConfig);
      Dataset<?> registered = added(name, dataset);
      if (replacesConfig) {
        versions.drop(name);
        resolver = resolver.without(name);
      }
      versions.adopt(name, dataset);
      if (register(name, new Entry(null, null, registered))) {
        log.warn("Replacing dataset '{}'", name);
      }
    }
  }

  /**
   * See {@link DataCatalog#filter(String, String, Class[])}.
   *
   * @param typeOf the catalog's {@link DataCatalog#typeOf}
   */
  List<String> filter(
      String nameRegex,
      String typeRegex,
      Class<?>[] byTypes,
      Function<String, Optional<String>> typeOf) {
    Pattern names = CatalogCalls.compile(nameRegex, "nameRegex");
    Pattern types = CatalogCalls.compile(typeRegex, "typeRegex");
    List<Class<?>> classes =
        byTypes == null ? List.of() : Arrays.stream(byTypes).filter(Objects::nonNull).toList();
    List<String> result = new ArrayList<>();
    for (String name : namesView) {
      if (names != null && !names.matcher(name).find()) {
        continue;
      }
      if (types != null && !typeOf.apply(name).map(t -> types.matcher(t).find()).orElse(false)) {
        continue;
      }
      if (!classes.isEmpty()) {
        Optional<Class<?>> type = classOf(name);
        if (type.isEmpty() || classes.stream().noneMatch(c -> c.isAssignableFrom(type.get()))) {
          continue;
        }
      }
      result.add(name);
    }
    return Collections.unmodifiableList(result);
  }

  /** See {@link DataCatalog#typeOf}. */
  Optional<String> typeOf(String name) {
    Optional<String> configured = configuredType(name);
    if (configured.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(classOf(name).map(Class::getName).orElse(configured.get()));
  }

  /** The dataset's class, or empty if the name is unknown or its type cannot be resolved. */
  private Optional<Class<?>> classOf(String name) {
    Entry entry = entries.get(Objects.requireNonNull(name, "name"));
    Dataset<?> dataset = entry == null ? null : entry.dataset;
    if (dataset != null) {
      return Optional.of(dataset.getClass());
    }
    Optional<String> type = configuredType(name);
    if (type.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(DatasetTypes.datasetClass(name, type.get()));
    } catch (DatasetException e) {
      return Optional.empty(); // reported when the dataset is first used
    }
  }

  /** The type of a name as configured (its class name if registered); empty if unknown. */
  private Optional<String> configuredType(String name) {
    Entry entry = entries.get(Objects.requireNonNull(name, "name"));
    if (entry != null) {
      Dataset<?> dataset = entry.dataset;
      return Optional.of(
          dataset != null
              ? dataset.getClass().getName()
              : String.valueOf(entry.resolvedConfig.get("type")));
    }
    if (resolver.matchUserPattern(name).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(String.valueOf(resolver.entryConfig(name).get("type")));
  }

  /** See {@link DataCatalog#toConfig}. */
  CatalogConfig toConfig() {
    synchronized (registrationLock) {
      Map<String, Object> catalog = new LinkedHashMap<>();
      List<String> undescribable = new ArrayList<>();
      Map<String, Object> configured = resolver.config();
      for (String name : namesView) {
        Entry entry = entries.get(name);
        if (!configured.containsKey(name) && hasNoConfigToGive(name, entry.dataset)) {
          continue;
        }
        if (entry.entryConfig != null) {
          catalog.put(name, entry.entryConfig);
        } else {
          Optional<Map<String, Object>> config = DatasetConfigs.configOf(entry.dataset);
          if (config.isPresent()) {
            catalog.put(name, Configs.immutableMap(config.get()));
          } else {
            undescribable.add(name + " (" + entry.dataset.getClass().getName() + ")");
          }
        }
      }
      if (!undescribable.isEmpty()) {
        throw new DatasetException(
            "Cannot describe datasets "
                + undescribable
                + " as configuration: they were registered as objects of classes the catalog"
                + " cannot configure. Declare them in the catalog config instead, or register them"
                + " through DatasetConfigs.remember(dataset, config).");
      }
      resolver
          .userConfig()
          .forEach(
              (name, config) -> {
                if (CatalogConfigResolver.isPattern(name)) {
                  catalog.put(name, config);
                }
              });
      return new CatalogConfig(
          catalog,
          resolver.credentials(),
          versions.loadVersionsIn(namesView),
          versions.saveVersion());
    }
  }

  /** Whether {@link #toConfig} leaves a (not user-configured) name out: Kedro skips these. */
  private static boolean hasNoConfigToGive(String name, Dataset<?> dataset) {
    if (name.equals("parameters") || name.startsWith("params:")) {
      return true;
    }
    return dataset instanceof MemoryDataset<?> memory && memory.exists();
  }

  /** The live, unmodifiable view of the names, in insertion order. */
  private final class NamesView extends AbstractSet<String> {
    @Override
    public Iterator<String> iterator() {
      Iterator<String> names = order.iterator();
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return names.hasNext();
        }

        @Override
        public String next() {
          return names.next();
        }
      };
    }

    @Override
    public int size() {
      return entries.size();
    }

    @Override
    public boolean contains(Object name) {
      return name instanceof String && entries.containsKey(name);
    }
  }
}
