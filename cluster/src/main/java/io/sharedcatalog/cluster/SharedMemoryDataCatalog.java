package io.sharedcatalog.cluster;

import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.catalog.CatalogConfig;
import io.sharedcatalog.catalog.CatalogConfigResolver;
import io.sharedcatalog.catalog.CatalogValidationException;
import io.sharedcatalog.catalog.DataCatalog;
import io.sharedcatalog.catalog.Dataset;
import io.sharedcatalog.catalog.DatasetException;
import io.sharedcatalog.catalog.MemoryDataset;
import io.sharedcatalog.catalog.spi.CatalogExtension;
import io.sharedcatalog.cluster.internal.PartitionLossWatch;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiConsumer;

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
  private static final Map<String, Map<String, Object>> RUNTIME_PATTERNS =
      Map.of("{default}", Map.of("type", "SharedMemoryDataset"));

  // The catalog name, manager and shared datasets of this catalog; built before the superclass
  // constructor runs, which hands it every dataset that enters the catalog.
  private final Bindings bindings;

  // null for a local catalog; where a connected one keeps its registrations
  private final ClusterStore store;

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
    this(builder, Bindings.local());
  }

  private SharedMemoryDataCatalog(Builder builder, Bindings bindings) {
    super(builder, bindings);
    this.bindings = bindings;
    this.store = null;
  }

  private SharedMemoryDataCatalog(ClusterStore store, Bindings bindings) {
    super(store, bindings);
    this.bindings = bindings;
    this.store = store;
  }

  private static SharedMemoryDataCatalog connected(HazelcastInstance hz, String catalogName) {
    SharedMemoryDataCatalog catalog =
        new SharedMemoryDataCatalog(
            new ClusterStore(hz, catalogName), Bindings.connected(catalogName, hz));
    PartitionLossWatch.of(hz).watch(catalogName);
    return catalog;
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
    return connected(hz, catalogName);
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
    catalog.store.share(config);
    return catalog;
  }

  /** Returns the name this catalog's datasets are stored under in the cluster. */
  public String catalogName() {
    return bindings.catalogName;
  }

  /** Returns whether this catalog is a view of a shared catalog ({@link #connect}). */
  public boolean isConnected() {
    return store != null;
  }

  /** Returns the member or client this catalog's datasets are bound to, if any. */
  public Optional<HazelcastInstance> manager() {
    return Optional.ofNullable(bindings.manager);
  }

  /**
   * Binds every {@link SharedMemoryDataset} of this catalog, and every one added later, to {@code
   * hz} (Kedro's {@code set_manager_datasets}).
   *
   * @param hz a member or client
   */
  public void setManagerDatasets(HazelcastInstance hz) {
    bindings.setManager(Objects.requireNonNull(hz, "hz"));
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
    BiConsumer<String, Dataset<?>> check =
        (name, dataset) ->
            Shareability.reasonNotShareable(dataset, bindings.manager, catalogName())
                .ifPresent(reason -> offenders.put(name, reason));
    if (isConnected()) {
      // Only datasets this process holds (no read of the cluster): every other process re-creates
      // them from the configs in the cluster.
      heldDatasets().forEach(check);
    } else {
      Map<String, Object> configured = configResolver().config();
      for (String name : names()) {
        if (!configured.containsKey(name)) { // a config entry: every process re-creates it
          find(name).ifPresent(dataset -> check.accept(name, dataset));
        }
      }
    }
    Shareability.requireNone(offenders);
  }

  /**
   * The catalog's extension: its runtime pattern, and for a local catalog the binding of every
   * {@link SharedMemoryDataset} that enters it to the catalog's name and manager. Made before the
   * catalog, so it is complete when the superclass constructor hands it the first datasets.
   *
   * <p>This class is thread-safe: a dataset added while {@link #setManager} runs is bound to the
   * new manager either by the one or by the other.
   */
  private static final class Bindings implements CatalogExtension {
    final String catalogName;
    // Connected catalogs bind what they build from the registry themselves.
    private final boolean bindOnAdd;
    private final ConcurrentMap<String, SharedMemoryDataset<?>> sharedDatasets =
        new ConcurrentHashMap<>();
    volatile HazelcastInstance manager; // set by setManagerDatasets

    private Bindings(String catalogName, HazelcastInstance manager, boolean bindOnAdd) {
      this.catalogName = catalogName;
      this.manager = manager;
      this.bindOnAdd = bindOnAdd;
    }

    static Bindings local() {
      return new Bindings("local-" + UUID.randomUUID().toString().substring(0, 8), null, true);
    }

    static Bindings connected(String catalogName, HazelcastInstance hz) {
      return new Bindings(catalogName, hz, false);
    }

    @Override
    public Map<String, Map<String, Object>> runtimePatterns() {
      return RUNTIME_PATTERNS;
    }

    @Override
    public Dataset<?> onDatasetAdded(String name, Dataset<?> dataset) {
      if (bindOnAdd && dataset instanceof SharedMemoryDataset<?> shared) {
        shared.adoptKey(catalogName, name);
        sharedDatasets.put(name, shared);
        HazelcastInstance hz = manager;
        if (hz != null) {
          shared.setManager(hz);
        }
      }
      return dataset;
    }

    void setManager(HazelcastInstance hz) {
      manager = hz;
      for (SharedMemoryDataset<?> dataset : sharedDatasets.values()) {
        dataset.setManager(hz);
      }
    }
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
