package io.sharedcatalog.catalog;

import io.sharedcatalog.catalog.internal.CloseMatches;
import io.sharedcatalog.catalog.internal.Configs;
import io.sharedcatalog.catalog.internal.DatasetConfigs;
import io.sharedcatalog.catalog.internal.DatasetTypes;
import io.sharedcatalog.catalog.internal.VersionTimestamps;
import io.sharedcatalog.catalog.internal.YamlCatalogReader;
import java.nio.file.Path;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
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
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog of datasets a pipeline reads and writes (Kedro's {@code DataCatalog}).
 *
 * <p>A catalog holds <em>registered</em> datasets ({@link #put}, {@link #putData}, the datasets
 * given at construction), <em>configured</em> ones (entries of its {@link CatalogConfigResolver},
 * created on first use) and <em>patterns</em> (config entries whose names contain {@code
 * {placeholders}}; a name a user pattern matches is created and registered on first use). Unknown
 * names used by a runner are created from the catalog's runtime patterns ({@link
 * #defaultRuntimePatterns()}: {@code {default}} to {@code MemoryDataset} here).
 *
 * <p><b>Types in config.</b> {@code type:} takes a short name ({@code MemoryDataset}, {@code
 * TextDataset}, {@code ObjectFileDataset}, ...), a Kedro name ({@code kedro.io.MemoryDataset},
 * {@code kedro.io.memory_dataset.MemoryDataset}) or the fully qualified name of a {@link Dataset}
 * class; modules add types through {@link DatasetTypeProvider}. Types are resolved lazily, as
 * Kedro's {@code _LazyDataset}: an unknown or unloadable type fails with a {@link DatasetException}
 * naming the dataset and the type when the dataset is first materialised ({@link #get}, {@link
 * #load}, {@link #save}, {@link #exists}, {@link #release}), never when the catalog is built;
 * {@link #contains}, {@link #names}, {@link #typeOf}, {@link #toConfig} and {@link #filter} by name
 * list it.
 *
 * <p><b>Explicit datasets beat config.</b> A dataset given at construction whose name is also a
 * config entry replaces the entry, which is dropped with its load version (Kedro's warning "Cannot
 * register dataset 'x' from config ..."); {@link #put} over a configured entry does the same.
 *
 * <p><b>Errors.</b> A failure of {@link #load} or {@link #save} is a {@link DatasetException} whose
 * message names the dataset (Kedro's {@code "name: ..."}), the dataset's own exception as cause.
 *
 * <p><b>Versions.</b> {@code loadVersions} pins the version a versioned dataset loads; {@code
 * saveVersion} is the version every versioned dataset of the catalog saves (none: a new timestamp
 * per save). Load versions naming unknown datasets, and versioned datasets whose versions disagree
 * with the catalog's, fail at construction.
 *
 * <p><b>Subclassing.</b> Every construction path goes through {@link #DataCatalog(Builder)}; a
 * subclass provides its own {@link Builder} subclass (overriding {@link Builder#build()}) and
 * reuses {@link #configure} and {@link #configureFromYaml} for its {@code fromConfig}/{@code
 * fromYaml}. The hooks {@link #defaultRuntimePatterns()} and {@link #onDatasetAdded} are called
 * from the constructor, before a subclass's own fields are set. {@link #putConfig} registers an
 * entry learnt elsewhere (created on first use) and {@link #datasetConfig} reads a name's config
 * without creating its dataset. Every public method may be overridden.
 *
 * <p>This class is thread-safe: lookups ({@link #get}, {@link #contains}, {@link #names}, ...) do
 * not lock; registrations and the creation of a dataset from config or a pattern are serialised, so
 * concurrent first uses of a name create one dataset. {@link #names()} is a live view.
 */
public class DataCatalog implements Iterable<String> {
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

  // Not final: an explicitly registered dataset drops the config entry of its name (Kedro's
  // config_resolver.config.pop), which gives the catalog a resolver without it.
  private volatile CatalogConfigResolver resolver;
  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<String> order = new ConcurrentLinkedQueue<>();
  private final Set<String> namesView = new NamesView();
  private final Object registrationLock = new Object();
  private final Map<String, String> loadVersions = new ConcurrentHashMap<>();
  private volatile String saveVersion;

  /** Creates an empty catalog. */
  public DataCatalog() {
    this(new Builder());
  }

  /**
   * Creates a catalog holding these datasets (in the map's order).
   *
   * @throws VersionAlreadyExistsException if versioned datasets disagree on the save version
   */
  public DataCatalog(Map<String, ? extends Dataset<?>> datasets) {
    this(new Builder().datasets(datasets));
  }

  /**
   * Creates a catalog from a builder: the one construction path, for subclasses.
   *
   * @throws DatasetException if the configuration is invalid (an entry that is not a map or has no
   *     type, two catch-all patterns, for example); an unknown type fails only when its dataset is
   *     first used
   * @throws DatasetNotFoundException if load versions name datasets the catalog does not have
   * @throws VersionAlreadyExistsException if versions of datasets and catalog disagree
   */
  protected DataCatalog(Builder builder) {
    Objects.requireNonNull(builder, "builder");
    CatalogConfigResolver base =
        builder.configResolver != null ? builder.configResolver : new CatalogConfigResolver();
    this.saveVersion = builder.saveVersion;
    this.loadVersions.putAll(builder.loadVersions);
    for (String name : List.copyOf(base.config().keySet())) {
      if (builder.datasets.containsKey(name)) {
        // Kedro's DataCatalog.__init__: the dataset given explicitly wins, its config entry goes.
        log.warn(
            "Cannot register dataset '{}' from config: a dataset with the same name was already"
                + " provided in the `datasets` argument.",
            name);
        base = base.without(name);
        loadVersions.remove(name);
      }
    }
    this.resolver = base.withRuntimePatterns(defaultRuntimePatterns());
    synchronized (registrationLock) {
      for (Map.Entry<String, Object> configured : resolver.config().entrySet()) {
        String name = configured.getKey();
        @SuppressWarnings("unchecked")
        Map<String, Object> resolved = (Map<String, Object>) configured.getValue();
        // Lazy, as Kedro's _LazyDataset: the type is resolved when the dataset is first used, so
        // one entry of an unknown type does not stop the rest of the catalog from working.
        register(name, new Entry(resolver.entryConfig(name), resolved, null));
      }
      for (Map.Entry<String, Dataset<?>> given : builder.datasets.entrySet()) {
        Dataset<?> dataset = given.getValue();
        checkVersions(given.getKey(), dataset, false);
        Dataset<?> registered = added(given.getKey(), dataset);
        adoptVersions(given.getKey(), dataset);
        register(given.getKey(), new Entry(null, null, registered));
      }
    }
    List<String> unknown =
        loadVersions.keySet().stream().filter(name -> !contains(name)).sorted().toList();
    if (!unknown.isEmpty()) {
      StringBuilder hints = new StringBuilder();
      for (String name : unknown) {
        List<String> close = CloseMatches.find(name, names(), 3);
        if (!close.isEmpty()) {
          hints.append(" For '").append(name).append("', did you mean one of these instead: ");
          hints.append(String.join(", ", close)).append('?');
        }
      }
      throw new DatasetNotFoundException(
          "'load_versions' keys "
              + unknown
              + " are not found in the catalog."
              + hints
              + " Remove them from the load versions, or add those datasets to the catalog.");
    }
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Creates a catalog from Kedro-shaped config ({@code name: {type: ..., ...}}).
   *
   * @param catalog the entries and patterns, or {@code null} for none
   * @throws DatasetException if an entry is invalid; the message names it and the fix
   */
  public static DataCatalog fromConfig(Map<String, ?> catalog) {
    return fromConfig(catalog, null, null, null);
  }

  /**
   * Creates a catalog from config, credentials, load versions and a save version; any of the last
   * three may be empty or {@code null}. With no save version, a new timestamp becomes the save
   * version of every versioned dataset of the catalog (Kedro's {@code from_config}): each versioned
   * dataset then saves once per catalog, all under the same version.
   *
   * @throws DatasetException if an entry is invalid or refers to unknown credentials
   * @throws DatasetNotFoundException if load versions name unknown datasets
   */
  public static DataCatalog fromConfig(
      Map<String, ?> catalog,
      Map<String, ?> credentials,
      Map<String, String> loadVersions,
      String saveVersion) {
    return configure(new Builder(), catalog, credentials, loadVersions, saveVersion).build();
  }

  /**
   * Creates a catalog from a Kedro {@code catalog.yml}.
   *
   * @throws DatasetException if the file is missing, not valid YAML (file and line named) or has
   *     invalid entries
   */
  public static DataCatalog fromYaml(Path catalogYaml) {
    return fromYaml(catalogYaml, null);
  }

  /**
   * Creates a catalog from a Kedro {@code catalog.yml} and {@code credentials.yml} ({@code null}:
   * none). {@code _}-prefixed top-level keys are YAML anchors, not datasets; anchors, aliases and
   * {@code <<} merge keys are resolved.
   *
   * @throws DatasetException if a file is missing, not valid YAML (file and line named) or has
   *     invalid entries
   */
  public static DataCatalog fromYaml(Path catalogYaml, Path credentialsYaml) {
    return configureFromYaml(new Builder(), catalogYaml, credentialsYaml).build();
  }

  /**
   * Fills a builder from config: parses and validates the entries, patterns and credentials into a
   * {@link CatalogConfigResolver} and sets the versions (a new timestamp if {@code saveVersion} is
   * null). For subclasses' {@code fromConfig}.
   *
   * @throws DatasetException if an entry is invalid or refers to unknown credentials
   */
  protected static <B extends Builder> B configure(
      B builder,
      Map<String, ?> catalog,
      Map<String, ?> credentials,
      Map<String, String> loadVersions,
      String saveVersion) {
    Objects.requireNonNull(builder, "builder");
    builder.configResolver(new CatalogConfigResolver(catalog, credentials));
    builder.loadVersions(loadVersions);
    // As Kedro's from_config: one save version for every versioned dataset of the catalog.
    builder.saveVersion(saveVersion != null ? saveVersion : VersionTimestamps.generate());
    return builder;
  }

  /**
   * Fills a builder from YAML files (see {@link #fromYaml(Path, Path)}). For subclasses' {@code
   * fromYaml}.
   *
   * @throws DatasetException if a file is missing, not valid YAML or has invalid entries
   */
  protected static <B extends Builder> B configureFromYaml(
      B builder, Path catalogYaml, Path credentialsYaml) {
    Objects.requireNonNull(catalogYaml, "catalogYaml");
    Map<String, Object> catalog = YamlCatalogReader.read(catalogYaml, "catalog");
    Map<String, Object> credentials =
        credentialsYaml == null ? null : YamlCatalogReader.read(credentialsYaml, "credentials");
    return configure(builder, catalog, credentials, null, null);
  }

  /**
   * The catalog's runtime patterns: used for names no user pattern matches when a runner asks with
   * {@code fallbackToRuntimePattern}. Here {@code {"{default}": {"type": "MemoryDataset"}}}. Called
   * once from the constructor, on every construction path (a user-supplied resolver included);
   * overrides must not depend on the subclass's fields.
   */
  protected Map<String, Map<String, Object>> defaultRuntimePatterns() {
    return Map.of("{default}", Map.of("type", "MemoryDataset"));
  }

  /**
   * Called whenever a dataset enters the catalog: created from config or a pattern, registered with
   * {@link #put}/{@link #putData}, or given at construction (then before a subclass's fields are
   * set). Returns the dataset to register (by default the one given).
   */
  protected Dataset<?> onDatasetAdded(String name, Dataset<?> dataset) {
    return dataset;
  }

  private Dataset<?> added(String name, Dataset<?> dataset) {
    Dataset<?> result = onDatasetAdded(name, dataset);
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

  /**
   * Registers, or replaces (with a warning), a config entry that is created on first use, as if it
   * had been in the catalog config: for subclasses that learn entries from elsewhere (a shared
   * catalog's registry). {@link #onDatasetAdded} is called when it is created.
   *
   * @param entryConfig the entry as written: {@code type} plus the type's keys, {@code credentials:
   *     NAME} resolved with this catalog's credentials
   * @throws DatasetException if the entry is invalid (not a map with a known type, unknown
   *     credentials); nothing is registered then
   */
  protected void putConfig(String name, Map<String, ?> entryConfig) {
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

  /**
   * Returns the configuration of a registered or configured name without creating its dataset: the
   * entry as written (credentials by name) for configured and pattern-created datasets, else the
   * config that describes the registered dataset ({@link DatasetConfigs#configOf}); empty for
   * unknown names and datasets that cannot be described.
   */
  protected Optional<Map<String, Object>> datasetConfig(String name) {
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
   * Returns the catalog's resolver, runtime patterns included (Kedro's {@code config_resolver}).
   */
  public CatalogConfigResolver configResolver() {
    return resolver;
  }

  /**
   * Returns a dataset, creating a configured entry or a user pattern match on first use (Kedro's
   * {@code catalog[name]}).
   *
   * @throws DatasetNotFoundException if the name is neither registered, configured nor matched by a
   *     user pattern; the message lists close matches
   * @throws DatasetException if creating the dataset from its config fails
   */
  public Dataset<?> get(String name) {
    return get(name, false);
  }

  /**
   * Returns a dataset like {@link #get(String)}, or empty instead of throwing {@link
   * DatasetNotFoundException} (Kedro's {@code get}).
   *
   * @throws DatasetException if creating the dataset from its config fails
   */
  public Optional<Dataset<?>> find(String name) {
    return Optional.ofNullable(lookup(name, false));
  }

  /**
   * Returns a dataset like {@link #get(String)}; with {@code fallbackToRuntimePattern}, an unknown
   * name is created from the catalog's runtime pattern and registered.
   *
   * @throws DatasetNotFoundException if the name is unknown and there is no fallback
   * @throws DatasetException if creating the dataset fails
   */
  public Dataset<?> get(String name, boolean fallbackToRuntimePattern) {
    Dataset<?> dataset = lookup(name, fallbackToRuntimePattern);
    if (dataset == null) {
      throw notFound(name);
    }
    return dataset;
  }

  private Dataset<?> lookup(String name, boolean fallback) {
    Objects.requireNonNull(name, "name");
    Entry entry = entries.get(name);
    if (entry != null) {
      Dataset<?> dataset = entry.dataset;
      return dataset != null ? dataset : materialise(name);
    }
    boolean matches =
        fallback
            ? resolver.matchPattern(name).isPresent()
            : resolver.matchUserPattern(name).isPresent();
    return matches ? materialise(name) : null;
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
          DatasetConfigs.createDataset(name, resolved, loadVersions.get(name), saveVersion);
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

  private DatasetNotFoundException notFound(String name) {
    List<String> close = CloseMatches.find(name, names(), 3);
    return new DatasetNotFoundException(
        "Dataset '"
            + name
            + "' not found in the catalog"
            + (close.isEmpty()
                ? "."
                : " - did you mean one of these instead: " + String.join(", ", close) + "?")
            + " Register it with put(), or add it (or a pattern matching it) to the catalog"
            + " config.");
  }

  /**
   * Registers a dataset, replacing (with a warning) any dataset or config entry of that name
   * (Kedro's {@code catalog[name] = dataset}).
   *
   * @throws VersionAlreadyExistsException if the dataset's versions disagree with the catalog's;
   *     nothing is registered then
   */
  public void put(String name, Dataset<?> dataset) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(dataset, "dataset");
    synchronized (registrationLock) {
      Entry previous = entries.get(name);
      // Kedro's __setitem__: replacing a configured entry clears its config and load version.
      boolean replacesConfig = previous != null && previous.entryConfig != null;
      checkVersions(name, dataset, replacesConfig);
      Dataset<?> registered = added(name, dataset);
      if (replacesConfig) {
        loadVersions.remove(name);
        resolver = resolver.without(name);
      }
      adoptVersions(name, dataset);
      if (register(name, new Entry(null, null, registered))) {
        log.warn("Replacing dataset '{}'", name);
      }
    }
  }

  /**
   * Registers raw data wrapped in a {@link MemoryDataset} (copy mode inferred), replacing any
   * dataset of that name; a {@link Dataset} given as data is registered as is (Kedro's {@code
   * catalog[name] = data}).
   *
   * @throws DatasetException if {@code data} is null or cannot be copied
   */
  public void putData(String name, Object data) {
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
    MemoryDataset<Object> memory = new MemoryDataset<>();
    memory.nameIfAbsent(name);
    memory.save(data);
    put(name, memory);
  }

  /**
   * Returns whether a name is registered, configured, or matched by a user pattern (Kedro's {@code
   * name in catalog}); runtime patterns do not count.
   */
  public boolean contains(String name) {
    Objects.requireNonNull(name, "name");
    return entries.containsKey(name) || resolver.matchUserPattern(name).isPresent();
  }

  /**
   * Returns the registered and configured names in insertion order (Kedro's {@code keys()}), as an
   * unmodifiable live view: it reflects later registrations and costs nothing to call.
   */
  public Set<String> names() {
    return namesView;
  }

  /** Returns the number of registered and configured names (Kedro's {@code len}). */
  public int size() {
    return entries.size();
  }

  /** Iterates the registered and configured names in insertion order (Kedro's {@code iter}). */
  @Override
  public Iterator<String> iterator() {
    return namesView.iterator();
  }

  /**
   * Loads a dataset's data. Prefer {@link #load(String, Class)}, which checks the type.
   *
   * @throws DatasetNotFoundException if the name is unknown
   * @throws DatasetException if loading fails
   */
  @SuppressWarnings("unchecked")
  public <T> T load(String name) {
    Dataset<?> dataset = get(name);
    try {
      return (T) dataset.load();
    } catch (RuntimeException e) {
      throw named(name, "loading data from", e);
    }
  }

  /**
   * Returns a failure of a dataset's load or save as a {@link DatasetException} whose message names
   * the catalog's name for it, as Kedro re-raises {@code DatasetError(f"{ds_name}: {e}")}: one that
   * already names it ({@code 'name'} or {@code name:}) as it is, any other as the same exception
   * class with the message {@code name: <original message>} and the original as cause.
   */
  private static DatasetException named(String name, String action, RuntimeException e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    if (e instanceof DatasetException known
        && (message.contains("'" + name + "'") || message.startsWith(name + ":"))) {
      return known;
    }
    String text = name + ": " + message;
    if (e instanceof VersionNotFoundException) {
      return new VersionNotFoundException(text, e);
    }
    if (e instanceof VersionAlreadyExistsException) {
      return new VersionAlreadyExistsException(text, e);
    }
    if (e instanceof DatasetNotFoundException) {
      return new DatasetNotFoundException(text, e);
    }
    if (e instanceof DatasetAlreadyExistsException) {
      return new DatasetAlreadyExistsException(text, e);
    }
    if (e instanceof DatasetException) {
      return new DatasetException(text, e);
    }
    return new DatasetException(
        name + ": failed while " + action + " dataset '" + name + "': " + e, e);
  }

  /**
   * Loads a given version of a versioned dataset ({@code null}: calls {@link #load(String)}, so a
   * subclass overriding that must not call this with {@code null}).
   *
   * @throws DatasetNotFoundException if the name is unknown
   * @throws VersionNotFoundException if the version does not exist
   * @throws DatasetException if the dataset is not versioned, or loading fails
   */
  @SuppressWarnings("unchecked")
  public <T> T load(String name, String version) {
    if (version == null) {
      return load(name);
    }
    Dataset<?> dataset = get(name);
    if (dataset instanceof AbstractVersionedDataset<?> versioned) {
      try {
        return (T) versioned.load(version);
      } catch (RuntimeException e) {
        throw named(name, "loading data from", e);
      }
    }
    throw new DatasetException(
        "Cannot load version '"
            + version
            + "' of dataset '"
            + name
            + "' ("
            + dataset
            + "): it is not a versioned dataset. Load it without a version.");
  }

  /**
   * Loads a dataset's data with {@link #load(String)} and checks its type.
   *
   * @throws DatasetNotFoundException if the name is unknown
   * @throws DatasetException if loading fails, or the data is not of {@code type}; the message
   *     names the dataset and both types
   */
  @SuppressWarnings("unchecked")
  public <T> T load(String name, Class<T> type) {
    Objects.requireNonNull(type, "type");
    Object data = load(name);
    Class<?> boxed = box(type);
    if (!boxed.isInstance(data)) {
      throw new DatasetException(
          "Dataset '"
              + name
              + "' holds a "
              + (data == null ? "null" : data.getClass().getName())
              + ", not a "
              + type.getName()
              + ". Load it as "
              + (data == null ? "Object" : data.getClass().getSimpleName())
              + ".class, or fix what is saved to it.");
    }
    return (T) data;
  }

  private static Class<?> box(Class<?> type) {
    if (!type.isPrimitive()) {
      return type;
    }
    return switch (type.getName()) {
      case "int" -> Integer.class;
      case "long" -> Long.class;
      case "double" -> Double.class;
      case "boolean" -> Boolean.class;
      case "float" -> Float.class;
      case "short" -> Short.class;
      case "byte" -> Byte.class;
      case "char" -> Character.class;
      default -> Void.class;
    };
  }

  /**
   * Saves data to a dataset.
   *
   * @throws DatasetNotFoundException if the name is unknown
   * @throws DatasetException if {@code data} is null or saving fails
   */
  @SuppressWarnings("unchecked")
  public void save(String name, Object data) {
    Dataset<Object> dataset = (Dataset<Object>) get(name);
    try {
      dataset.save(data);
    } catch (RuntimeException e) {
      throw named(name, "saving data to", e);
    }
  }

  /**
   * Returns whether a dataset's data exists; false for unknown names.
   *
   * @throws DatasetException if the check fails
   */
  public boolean exists(String name) {
    return find(name).map(Dataset::exists).orElse(false);
  }

  /**
   * Releases a dataset's data.
   *
   * @throws DatasetNotFoundException if the name is unknown
   */
  public void release(String name) {
    get(name).release();
  }

  /**
   * Confirms a dataset that implements {@link Confirmable}.
   *
   * @throws DatasetNotFoundException if the name is unknown
   * @throws DatasetException if the dataset has no confirm
   */
  public void confirm(String name) {
    Dataset<?> dataset = get(name);
    if (!(dataset instanceof Confirmable confirmable)) {
      throw new DatasetException(
          "Dataset '"
              + name
              + "' does not have a 'confirm' method: its type "
              + dataset.getClass().getName()
              + " does not implement "
              + Confirmable.class.getName()
              + ".");
    }
    log.info("Confirming dataset '{}'", name);
    confirmable.confirm();
  }

  /**
   * Returns the registered and configured names that match all given criteria, in insertion order
   * (Kedro's {@code filter}); datasets are not created. Calls {@link #filter(String, String,
   * Class[])}; a literal {@code null} as third argument must be cast ({@code (Class<?>) null}), as
   * it would fit both forms.
   *
   * @param nameRegex a regular expression found in the name, or {@code null} for any
   * @param typeRegex a regular expression found in the dataset's type ({@link #typeOf}), or {@code
   *     null}
   * @param byType a class the dataset must be an instance of, or {@code null}
   * @throws IllegalArgumentException if a regular expression is invalid
   */
  public List<String> filter(String nameRegex, String typeRegex, Class<?> byType) {
    return filter(nameRegex, typeRegex, byType == null ? new Class<?>[0] : new Class<?>[] {byType});
  }

  /**
   * Returns the registered and configured names that match all given criteria, in insertion order
   * (Kedro's {@code filter} with a {@code by_type} list); datasets are not created. An entry whose
   * type cannot be resolved is matched by its name and by {@code typeRegex} against the type as
   * written, never by class.
   *
   * @param nameRegex a regular expression found in the name, or {@code null} for any
   * @param typeRegex a regular expression found in the dataset's type ({@link #typeOf}), or {@code
   *     null}
   * @param byTypes classes of which the dataset must be an instance of one; none (or {@code null})
   *     for any
   * @throws IllegalArgumentException if a regular expression is invalid
   */
  public List<String> filter(String nameRegex, String typeRegex, Class<?>... byTypes) {
    Pattern names = compile(nameRegex, "nameRegex");
    Pattern types = compile(typeRegex, "typeRegex");
    List<Class<?>> classes =
        byTypes == null ? List.of() : Arrays.stream(byTypes).filter(Objects::nonNull).toList();
    List<String> result = new ArrayList<>();
    for (String name : namesView) {
      if (names != null && !names.matcher(name).find()) {
        continue;
      }
      if (types != null && !typeOf(name).map(t -> types.matcher(t).find()).orElse(false)) {
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

  /**
   * Returns the class name of a dataset without creating it (Kedro's {@code get_type}); for an
   * entry whose type cannot be resolved (unknown, or a class that cannot be loaded), the type as
   * written in its config; empty if the catalog does not {@link #contains} the name.
   */
  public Optional<String> typeOf(String name) {
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

  /**
   * Returns the configured part of the catalog as configuration that {@link #fromConfig(Map, Map,
   * Map, String)} turns back into an equal catalog (Kedro's {@code to_config}): configured entries
   * as written (credentials by name), user patterns, and registered datasets described by their
   * config (an empty {@link MemoryDataset} becomes {@code {type: MemoryDataset}}). Datasets with no
   * config to give are left out: {@code MemoryDataset}s holding data (registered with {@link
   * #putData}, or created by a run), {@code parameters} and {@code params:*}.
   *
   * @throws DatasetException if a registered dataset cannot be described as configuration (a custom
   *     class not created from config); the message names them
   */
  public CatalogConfig toConfig() {
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
      Map<String, String> versions = new LinkedHashMap<>();
      for (String name : namesView) {
        String version = loadVersions.get(name);
        if (version != null) {
          versions.put(name, version);
        }
      }
      loadVersions.forEach(versions::putIfAbsent);
      return new CatalogConfig(catalog, resolver.credentials(), versions, saveVersion);
    }
  }

  /**
   * Checks a dataset's versions against the catalog's; under the lock. With {@code
   * ignorePinnedLoadVersion}, the catalog's load version for the name is about to be dropped.
   */
  private void checkVersions(String name, Dataset<?> dataset, boolean ignorePinnedLoadVersion) {
    Version version = versionOf(dataset);
    if (version == null) {
      return;
    }
    String pinned = ignorePinnedLoadVersion ? null : loadVersions.get(name);
    if (version.load() != null && pinned != null && !pinned.equals(version.load())) {
      throw new VersionAlreadyExistsException(
          "Cannot add dataset '"
              + name
              + "' with load version '"
              + version.load()
              + "': the catalog's load version for it is '"
              + pinned
              + "'. Give the same load version to both, or only one of them.");
    }
    String catalogSave = saveVersion;
    if (version.save() != null && catalogSave != null && !catalogSave.equals(version.save())) {
      throw new VersionAlreadyExistsException(
          "Cannot add dataset '"
              + name
              + "' with save version '"
              + version.save()
              + "': the save version set for the catalog is '"
              + catalogSave
              + "'. All datasets in a catalog must have the same save version.");
    }
  }

  /**
   * Adopts a dataset's versions as the catalog's, once it is checked and accepted (so a failed
   * registration leaves the catalog's versions as they were); under the lock.
   */
  private void adoptVersions(String name, Dataset<?> dataset) {
    Version version = versionOf(dataset);
    if (version == null) {
      return;
    }
    if (version.load() != null) {
      loadVersions.put(name, version.load());
    }
    if (version.save() != null) {
      saveVersion = version.save();
    }
  }

  /** Whether {@link #toConfig} leaves a (not user-configured) name out: Kedro skips these. */
  private static boolean hasNoConfigToGive(String name, Dataset<?> dataset) {
    if (name.equals("parameters") || name.startsWith("params:")) {
      return true;
    }
    return dataset instanceof MemoryDataset<?> memory && memory.exists();
  }

  private static Version versionOf(Dataset<?> dataset) {
    return dataset instanceof AbstractVersionedDataset<?> versioned
        ? versioned.version().orElse(null)
        : null;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName()
        + "(datasets="
        + size()
        + ", patterns="
        + resolver.listPatterns()
        + ")";
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

  /**
   * Builds a {@link DataCatalog}. Subclasses of {@code DataCatalog} subclass it and override {@link
   * #build()} (and the setters, to narrow their return type).
   *
   * <p>This class is not thread-safe.
   */
  public static class Builder {
    private final Map<String, Dataset<?>> datasets = new LinkedHashMap<>();
    private final Map<String, String> loadVersions = new LinkedHashMap<>();
    private CatalogConfigResolver configResolver;
    private String saveVersion;

    /** Creates a builder; use {@link DataCatalog#builder()}, or subclass it. */
    protected Builder() {}

    /** Adds datasets to register, in the map's order ({@code null}: none). */
    public Builder datasets(Map<String, ? extends Dataset<?>> datasets) {
      if (datasets != null) {
        datasets.forEach(
            (name, dataset) ->
                this.datasets.put(
                    Objects.requireNonNull(name, "dataset name"),
                    Objects.requireNonNull(dataset, "dataset '" + name + "'")));
      }
      return this;
    }

    /** Sets the resolver holding the catalog's config and credentials ({@code null}: none). */
    public Builder configResolver(CatalogConfigResolver configResolver) {
      this.configResolver = configResolver;
      return this;
    }

    /** Adds versions to load, by dataset name ({@code null}: none). */
    public Builder loadVersions(Map<String, String> loadVersions) {
      if (loadVersions != null) {
        loadVersions.forEach(
            (name, version) ->
                this.loadVersions.put(
                    Objects.requireNonNull(name, "load version name"),
                    Objects.requireNonNull(version, "load version of '" + name + "'")));
      }
      return this;
    }

    /** Sets the version every versioned dataset saves ({@code null}: a new one per save). */
    public Builder saveVersion(String saveVersion) {
      this.saveVersion = saveVersion;
      return this;
    }

    /**
     * Builds the catalog.
     *
     * @throws DatasetException if the configuration is invalid (see {@link
     *     DataCatalog#DataCatalog(Builder)})
     */
    public DataCatalog build() {
      return new DataCatalog(this);
    }
  }
}
