package io.sharedcatalog.catalog;

import io.sharedcatalog.catalog.internal.DatasetConfigs;
import io.sharedcatalog.catalog.internal.VersionTimestamps;
import io.sharedcatalog.catalog.internal.YamlCatalogReader;
import io.sharedcatalog.catalog.spi.CatalogExtension;
import io.sharedcatalog.catalog.spi.CatalogStore;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The catalog of datasets a pipeline reads and writes (Kedro's {@code DataCatalog}).
 *
 * <p>A catalog holds <em>registered</em> datasets ({@link #put}, {@link #putData}, the datasets
 * given at construction), <em>configured</em> ones (entries of its {@link CatalogConfigResolver},
 * created on first use) and <em>patterns</em> (config entries whose names contain {@code
 * {placeholders}}; a name a user pattern matches is created and registered on first use). Unknown
 * names used by a runner are created from the catalog's runtime patterns ({@link
 * CatalogExtension#runtimePatterns()}: {@code {default}} to {@code MemoryDataset} here).
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
 * <p><b>Subclassing.</b> A subclass provides its own {@link Builder} subclass (overriding {@link
 * Builder#build()}), reuses {@link #configure} and {@link #configureFromYaml}, and gives the
 * constructor a {@link CatalogExtension} built beforehand (no overridable method runs while a
 * subclass is half built); a catalog stored elsewhere gives its {@link CatalogStore}. {@link
 * #putConfig} registers an entry learnt elsewhere and {@link #datasetConfig} reads a name's config
 * without creating its dataset. Every public method may be overridden.
 *
 * <p>This class is thread-safe: lookups ({@link #get}, {@link #contains}, {@link #names}, ...) do
 * not lock; registrations and the creation of a dataset from config or a pattern are serialised, so
 * concurrent first uses of a name create one dataset. {@link #names()} is a live view.
 */
public class DataCatalog implements Iterable<String> {
  // The catalog logic over the catalog's store; this class holds the catalog's API over it.
  private final Registrations registry;

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

  /** Creates a catalog from a builder, with no extension: see the next constructor. */
  protected DataCatalog(Builder builder) {
    this(builder, CatalogExtension.NONE);
  }

  /**
   * Creates a catalog from a builder and the subclass's {@link CatalogExtension}, complete when
   * given (the builder's datasets pass through it): the one construction path of local catalogs.
   *
   * @throws DatasetException if the configuration is invalid (an entry that is not a map or has no
   *     type, two catch-all patterns, for example; an unknown type fails only when its dataset is
   *     first used), or the extension refuses a dataset
   * @throws DatasetNotFoundException if load versions name datasets the catalog does not have
   * @throws VersionAlreadyExistsException if versions of datasets and catalog disagree
   */
  protected DataCatalog(Builder builder, CatalogExtension extension) {
    Objects.requireNonNull(builder, "builder");
    Objects.requireNonNull(extension, "extension");
    this.registry =
        Registrations.local(
            builder.configResolver,
            builder.datasets,
            builder.loadVersions,
            builder.saveVersion,
            extension);
    registry.requireKnownLoadVersions();
  }

  /** Creates a catalog whose registrations all live in {@code store} (no versions); see it. */
  protected DataCatalog(CatalogStore store, CatalogExtension extension) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(extension, "extension");
    this.registry = Registrations.over(store, extension);
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Creates a catalog from Kedro-shaped config ({@code name: {type: ..., ...}}), as {@link
   * #fromConfig(Map, Map, Map, String)} with nothing else.
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

  /** Creates a catalog from a Kedro {@code catalog.yml}: {@link #fromYaml(Path, Path)}. */
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
   * Registers, or replaces (with a warning), a config entry that is created on first use (then
   * passing through {@link CatalogExtension#onDatasetAdded}): for subclasses that learn entries
   * from elsewhere.
   *
   * @param entryConfig the entry as written: {@code type} plus the type's keys, {@code credentials:
   *     NAME} resolved with this catalog's credentials
   * @throws DatasetException if the entry is invalid (not a map with a known type, unknown
   *     credentials); nothing is registered then
   */
  protected void putConfig(String name, Map<String, ?> entryConfig) {
    registry.putConfig(name, entryConfig);
  }

  /**
   * Returns the configuration of a registered or configured name without creating its dataset: the
   * entry as written (credentials by name) for configured and pattern-created datasets, else the
   * config that describes the registered dataset ({@link DatasetConfigs#configOf}); empty for
   * unknown names and datasets that cannot be described.
   */
  protected Optional<Map<String, Object>> datasetConfig(String name) {
    return registry.datasetConfig(name);
  }

  /**
   * Returns the catalog's resolver, runtime patterns included (Kedro's {@code config_resolver}).
   */
  public CatalogConfigResolver configResolver() {
    return registry.resolver();
  }

  /** The datasets this process holds now, by name: none created, nothing read from the store. */
  protected Map<String, Dataset<?>> heldDatasets() {
    return registry.heldAll();
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
    return registry.lookup(name, false);
  }

  /**
   * Returns a dataset like {@link #get(String)}; with {@code fallbackToRuntimePattern}, an unknown
   * name is created from the catalog's runtime pattern and registered.
   *
   * @throws DatasetNotFoundException if the name is unknown and there is no fallback
   * @throws DatasetException if creating the dataset fails
   */
  public Dataset<?> get(String name, boolean fallbackToRuntimePattern) {
    return registry
        .lookup(name, fallbackToRuntimePattern)
        .orElseThrow(() -> registry.notFound(name));
  }

  /**
   * Returns whether this process holds a dataset of {@code name} that it may use without reading
   * the store first, so that a runner need not {@link #get(String, boolean) get} it before a run:
   * one that proves its binding on every load and save, as a dataset of a shared catalog does (a
   * re-binding made elsewhere is then followed when the dataset is used). Reads nothing.
   */
  public boolean isMaterialised(String name) {
    return registry.proven(name) != null;
  }

  /**
   * Registers a dataset, replacing (with a warning) any dataset or config entry of that name
   * (Kedro's {@code catalog[name] = dataset}).
   *
   * @throws VersionAlreadyExistsException if the dataset's versions disagree with the catalog's;
   *     nothing is registered then
   */
  public void put(String name, Dataset<?> dataset) {
    registry.put(name, dataset);
  }

  /**
   * Registers raw data wrapped in a {@link MemoryDataset} (copy mode inferred), replacing any
   * dataset of that name; a {@link Dataset} given as data is registered as is (Kedro's {@code
   * catalog[name] = data}).
   *
   * @throws DatasetException if {@code data} is null or cannot be copied
   */
  public void putData(String name, Object data) {
    registry.putData(name, data);
  }

  /**
   * Returns whether a name is registered, configured, or matched by a user pattern (Kedro's {@code
   * name in catalog}); runtime patterns do not count.
   */
  public boolean contains(String name) {
    return registry.contains(name);
  }

  /**
   * Returns the registered and configured names in insertion order (Kedro's {@code keys()}), as an
   * unmodifiable live view: it reflects later registrations and costs nothing to call.
   */
  public Set<String> names() {
    return registry.names();
  }

  /** Returns the number of registered and configured names (Kedro's {@code len}). */
  public int size() {
    return registry.size();
  }

  /** Iterates the registered and configured names in insertion order (Kedro's {@code iter}). */
  @Override
  public Iterator<String> iterator() {
    return registry.names().iterator();
  }

  /**
   * Loads a dataset's data. Prefer {@link #load(String, Class)}, which checks the type.
   *
   * @throws DatasetNotFoundException if the name is unknown
   * @throws DatasetException if loading fails
   */
  public <T> T load(String name) {
    return registry.load(name, this::get);
  }

  /**
   * Loads a given version of a versioned dataset ({@code null}: calls {@link #load(String)}, so a
   * subclass overriding that must not call this with {@code null}).
   *
   * @throws DatasetNotFoundException if the name is unknown
   * @throws VersionNotFoundException if the version does not exist
   * @throws DatasetException if the dataset is not versioned, or loading fails
   */
  public <T> T load(String name, String version) {
    return version == null ? load(name) : CatalogCalls.loadVersion(name, get(name), version);
  }

  /**
   * Loads a dataset's data with {@link #load(String)} and checks its type.
   *
   * @throws DatasetNotFoundException if the name is unknown
   * @throws DatasetException if loading fails, or the data is not of {@code type}; the message
   *     names the dataset and both types
   */
  public <T> T load(String name, Class<T> type) {
    Objects.requireNonNull(type, "type");
    return CatalogCalls.requireType(name, load(name), type);
  }

  /**
   * Saves data to a dataset.
   *
   * @throws DatasetNotFoundException if the name is unknown
   * @throws DatasetException if {@code data} is null or saving fails
   */
  public void save(String name, Object data) {
    registry.save(name, data, this::get);
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
    registry.release(name, this::get);
  }

  /**
   * Confirms a dataset that implements {@link Confirmable}.
   *
   * @throws DatasetNotFoundException if the name is unknown
   * @throws DatasetException if the dataset has no confirm
   */
  public void confirm(String name) {
    CatalogCalls.confirm(name, get(name));
  }

  /**
   * Calls {@link #filter(String, String, Class[])} with {@code byType} (a class the dataset must be
   * an instance of, or {@code null} for any) as the only class (Kedro's {@code filter}); a literal
   * {@code null} as third argument must be cast ({@code (Class<?>) null}), as it would fit both.
   *
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
    return registry.filter(nameRegex, typeRegex, byTypes);
  }

  /**
   * Returns the class name of a dataset without creating it (Kedro's {@code get_type}); for an
   * entry whose type cannot be resolved (unknown, or a class that cannot be loaded), the type as
   * written in its config; empty if the catalog does not {@link #contains} the name.
   */
  public Optional<String> typeOf(String name) {
    return registry.typeOf(name);
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
    return registry.toConfig();
  }

  @Override
  public String toString() {
    String patterns = String.valueOf(registry.resolver().listPatterns());
    return getClass().getSimpleName() + "(datasets=" + size() + ", patterns=" + patterns + ")";
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
      LocalStore.addDatasets(this.datasets, datasets);
      return this;
    }

    /** Sets the resolver holding the catalog's config and credentials ({@code null}: none). */
    public Builder configResolver(CatalogConfigResolver configResolver) {
      this.configResolver = configResolver;
      return this;
    }

    /** Adds versions to load, by dataset name ({@code null}: none). */
    public Builder loadVersions(Map<String, String> loadVersions) {
      CatalogVersions.addLoadVersions(this.loadVersions, loadVersions);
      return this;
    }

    /** Sets the version every versioned dataset saves ({@code null}: a new one per save). */
    public Builder saveVersion(String saveVersion) {
      this.saveVersion = saveVersion;
      return this;
    }

    /** Builds the catalog; throws what {@link DataCatalog#DataCatalog(Builder)} throws. */
    public DataCatalog build() {
      return new DataCatalog(this);
    }
  }
}
