package io.sharedcatalog.cluster;

import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.catalog.CatalogConfig;
import io.sharedcatalog.catalog.CatalogConfigResolver;
import io.sharedcatalog.catalog.Dataset;
import io.sharedcatalog.catalog.DatasetException;
import io.sharedcatalog.catalog.MemoryDataset;
import io.sharedcatalog.catalog.internal.codec.EncodedValue;
import io.sharedcatalog.catalog.spi.CatalogStore;
import io.sharedcatalog.catalog.spi.DatasetTypeSupport;
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
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link CatalogStore} of a {@link SharedMemoryDataCatalog} made with {@link
 * SharedMemoryDataCatalog#connect}: the registrations live in the cluster's {@link
 * CatalogRegistry}, as JSON configs with a generation per binding, and a {@link
 * SharedMemoryDataset}'s value in the slot {@code name#generation} of the catalog's values map (see
 * {@link SharedMemoryDataCatalog} for the semantics). A binding to a shared memory dataset is never
 * published without its slot: the slot is created first (empty, or holding the binding's initial
 * value), deleted again if the binding is not written, and the replaced binding's slot is deleted
 * after the new one is published. Datasets are shared as config, never as objects ({@link #admit}).
 *
 * <p>This class is thread-safe; every read goes to the cluster.
 */
final class ClusterStore implements CatalogStore {
  private static final Logger log = LoggerFactory.getLogger(ClusterStore.class);

  private final String catalogName;
  private final HazelcastInstance hz;
  private final CatalogRegistry registry;
  private final ValueStore values;
  private final Set<String> names = new SharedNames();
  // the registry entry each name was last read as: a replace sends the JSON it expects
  private final ConcurrentHashMap<String, CatalogRegistry.Entry> lastRead =
      new ConcurrentHashMap<>();

  ClusterStore(HazelcastInstance hz, String catalogName) {
    this.hz = hz;
    this.catalogName = catalogName;
    this.registry = CatalogRegistry.of(hz, catalogName);
    this.values = ValueStore.of(hz, catalogName);
  }

  /** Every shared entry is part of the shared catalog's configuration. */
  private Entry entry(CatalogRegistry.Entry read) {
    lastRead.put(read.name(), read);
    return new Entry(read.name(), read.generation(), read.config(), true, null);
  }

  @Override
  public Lookup lookup(String name) {
    CatalogRegistry.Lookup lookup = registry.lookup(name);
    return new Lookup(lookup.entry().map(this::entry), lookup.patterns());
  }

  @Override
  public Optional<Entry> get(String name) {
    return registry.entry(name).map(this::entry);
  }

  @Override
  public List<Entry> entries() {
    List<Entry> entries = new ArrayList<>();
    registry.entries().forEach(e -> entries.add(entry(e)));
    return entries;
  }

  @Override
  public Set<String> names() {
    return names;
  }

  @Override
  public int size() {
    return registry.size();
  }

  @Override
  public long newGeneration() {
    return registry.newGeneration();
  }

  /**
   * Creates the slot (if a shared memory dataset), then writes the entry unless the name is
   * registered: two round trips for a new name (the order list is appended meanwhile).
   */
  @Override
  public Entry putIfAbsent(Entry entry) {
    String slot = createSlot(entry);
    CatalogRegistry.Registration registration;
    try {
      registration = registry.putIfAbsent(entry.name(), entry.config(), entry.generation(), true);
    } catch (RuntimeException e) {
      deleteSlot(slot);
      throw e;
    }
    if (!registration.won()) {
      deleteSlot(slot); // another process registered the name first: theirs wins
    }
    return entry(registration.current());
  }

  @Override
  public boolean replace(Entry expected, Entry next) {
    CatalogRegistry.Entry old = lastRead.get(expected.name());
    if (old == null || old.generation() != expected.generation()) {
      old = registry.entry(expected.name()).orElse(null);
      if (old == null || old.generation() != expected.generation()) {
        return false;
      }
    }
    String slot = createSlot(next);
    boolean replaced;
    try {
      replaced = registry.replace(old, next.config(), next.generation());
    } catch (RuntimeException e) {
      deleteSlot(slot);
      throw e;
    }
    if (!replaced) {
      deleteSlot(slot);
      return false;
    }
    if (SharedConfigs.isSharedMemory(old.name(), old.config())) {
      values.delete(old.slot());
    }
    return true;
  }

  /** The slot of a binding to a shared memory dataset, created with its initial value; or null. */
  private String createSlot(Entry entry) {
    if (!SharedConfigs.isSharedMemory(entry.name(), entry.config())) {
      return null;
    }
    String slot = CatalogRegistry.slotOf(entry.name(), entry.generation());
    values.createSlot(slot, (EncodedValue) entry.initialValue());
    return slot;
  }

  private void deleteSlot(String slot) {
    if (slot != null) {
      values.delete(slot);
    }
  }

  @Override
  public Map<String, Map<String, Object>> patterns() {
    return registry.patterns();
  }

  @Override
  public Map<String, Object> credentials() {
    return registry.credentials();
  }

  /**
   * A shared memory dataset is shared as {@code type: SharedMemoryDataset}; a {@link MemoryDataset}
   * becomes one holding its value (an in-process value is not shared); any other dataset is shared
   * by its config, and refused if it has none.
   */
  @Override
  public Admission admit(String name, Dataset<?> dataset) {
    if (dataset instanceof SharedMemoryDataset) {
      return new Admission(SharedConfigs.SHARED_MEMORY_CONFIG, dataset, null);
    }
    if (dataset instanceof MemoryDataset<?> memory) {
      SharedMemoryDataset<Object> shared = keyed(name);
      // encoded now: fails before registering if the value cannot be shared
      EncodedValue value = memory.exists() ? shared.encodeForSharing(memory.load()) : null;
      return new Admission(SharedConfigs.SHARED_MEMORY_CONFIG, shared, value);
    }
    Optional<Map<String, Object>> config = DatasetTypeSupport.configOf(dataset);
    if (config.isPresent() && ConfigJson.isRepresentable(config.get())) {
      return new Admission(config.get(), dataset, null);
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

  /** Data is shared in a shared memory dataset, encoded before anything is registered. */
  @Override
  public Admission admitData(String name, Object data) {
    SharedMemoryDataset<Object> shared = keyed(name);
    return new Admission(SharedConfigs.SHARED_MEMORY_CONFIG, shared, shared.encodeForSharing(data));
  }

  private SharedMemoryDataset<Object> keyed(String name) {
    SharedMemoryDataset<Object> shared = new SharedMemoryDataset<>();
    shared.adoptKey(catalogName, name);
    shared.setManager(hz);
    return shared;
  }

  /** A shared memory dataset is keyed by the binding's slot and bound to this process's cluster. */
  @Override
  public Dataset<?> bind(Entry entry, Dataset<?> dataset) {
    if (dataset instanceof SharedMemoryDataset<?> shared) {
      String name = entry.name();
      shared.adoptKey(catalogName, name);
      shared.setManager(hz);
      shared.bindGeneration(catalogName, name, entry.generation(), () -> sharedGeneration(name));
    }
    return dataset;
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
   * A slot exists only while its binding does: a shared memory dataset's load or save proves it.
   */
  @Override
  public boolean provesBinding(Dataset<?> dataset) {
    return dataset instanceof SharedMemoryDataset;
  }

  @Override
  public boolean keepsVersions() {
    return false;
  }

  @Override
  public String describe() {
    return "shared catalog '" + catalogName + "'";
  }

  @Override
  public String missingHint() {
    return Messages.lossHint(hz, true);
  }

  /**
   * Shares the entries, patterns and credentials of {@code config} (see {@link
   * SharedMemoryDataCatalog#connect(HazelcastInstance, String, CatalogConfig)}): all checked and
   * encoded before anything is registered; an entry already shared with the same config (and no
   * value to store) keeps its binding and value.
   */
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
    Map<String, Admission> shared = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry : checked.userConfig().entrySet()) {
      shared.put(entry.getKey(), sharedForm(entry.getKey(), SharedConfigs.asMap(entry.getValue())));
    }
    checked.credentials().forEach(registry::putCredentials);
    shared.forEach(
        (name, admission) -> {
          if (CatalogConfigResolver.isPattern(name)) {
            registry.putPattern(name, admission.config());
            return;
          }
          Optional<Entry> existing = get(name);
          boolean same =
              existing.isPresent()
                  && existing.get().config().equals(admission.config())
                  && admission.initialValue() == null;
          if (!same) { // connecting many processes with one config keeps the bindings and values
            publish(existing, name, admission);
          }
        });
  }

  private void publish(Optional<Entry> previous, String name, Admission admission) {
    Entry next =
        new Entry(name, newGeneration(), admission.config(), true, admission.initialValue());
    while (true) {
      if (previous.isEmpty()) {
        if (putIfAbsent(next).generation() == next.generation()) {
          return;
        }
        previous = get(name);
      } else if (replace(previous.get(), next)) {
        return;
      } else {
        previous = get(name);
      }
    }
  }

  /**
   * MemoryDataset entries become SharedMemoryDataset (an in-process value is not shared), their
   * {@code data} encoded to be stored in the slot of the binding.
   */
  private Admission sharedForm(String name, Map<String, Object> entry) {
    if (!SharedConfigs.MEMORY_DATASET_TYPES.contains(SharedConfigs.typeName(entry))) {
      return new Admission(entry, null, null);
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
    return new Admission(shared, null, value);
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
}
