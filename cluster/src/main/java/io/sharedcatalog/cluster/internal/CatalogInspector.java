package io.sharedcatalog.cluster.internal;

import com.hazelcast.core.DistributedObject;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.sharedcatalog.catalog.DatasetException;
import io.sharedcatalog.catalog.DatasetNotFoundException;
import io.sharedcatalog.catalog.spi.DatasetTypeSupport;
import io.sharedcatalog.cluster.internal.store.CorruptValueException;
import io.sharedcatalog.cluster.internal.store.ValueStore;
import io.sharedcatalog.cluster.internal.store.ValueStore.SlotInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads (and, on request, frees) what one shared catalog holds in the cluster, without decoding a
 * single value: for tools such as {@code catalog list}, {@code catalog release} and the viz page.
 *
 * <p>Everything comes from the catalog's own cluster objects ({@link CatalogRegistry} for the
 * datasets in order, {@link ValueStore#info} for each binding's slot), so what it shows is what
 * every member and client sees at the moment of the reads; a dataset bound or saved meanwhile may
 * show its state before or after. A shared dataset whose slot is missing although its binding is in
 * the registry has lost its value with members (the slot is created before its binding is published
 * and deleted only after the binding is replaced, which is checked by reading the entry again).
 * Reading creates no cluster object for a catalog that does not exist: check {@link #exists} first.
 *
 * <p>This class is thread-safe.
 */
public final class CatalogInspector {
  /** The class a config entry must make for its value to live in the cluster. */
  static final String SHARED_MEMORY_DATASET_CLASS = "io.sharedcatalog.cluster.SharedMemoryDataset";

  private static final String PREFIX = "sharedcatalog.";
  private static final String REGISTRY_SUFFIX = ".registry";

  /** The cluster objects of one catalog, by purpose; {@link #drop()} destroys them all. */
  private static final List<String> PURPOSES =
      List.of("registry", "order", "ids", "values", "chunks");

  private final HazelcastInstance hz;
  private final String catalogName;
  private final CatalogRegistry registry;
  private final ValueStore store;

  private CatalogInspector(HazelcastInstance hz, String catalogName) {
    this.hz = hz;
    this.catalogName = catalogName;
    this.registry = CatalogRegistry.of(hz, catalogName);
    this.store = ValueStore.of(hz, catalogName);
  }

  /** Returns the inspector of catalog {@code catalogName} on {@code hz} (member or client). */
  public static CatalogInspector of(HazelcastInstance hz, String catalogName) {
    Objects.requireNonNull(hz, "hz");
    Objects.requireNonNull(catalogName, "catalogName");
    return new CatalogInspector(hz, catalogName);
  }

  /**
   * The names of the shared catalogs in the cluster of {@code hz}, sorted: those with a registry
   * map ({@code sharedcatalog.<name>.registry}).
   */
  public static List<String> catalogNames(HazelcastInstance hz) {
    TreeSet<String> names = new TreeSet<>();
    for (DistributedObject object : hz.getDistributedObjects()) {
      String name = object.getName();
      if (object instanceof IMap<?, ?>
          && name.startsWith(PREFIX)
          && name.endsWith(REGISTRY_SUFFIX)
          && name.length() > PREFIX.length() + REGISTRY_SUFFIX.length()) {
        names.add(name.substring(PREFIX.length(), name.length() - REGISTRY_SUFFIX.length()));
      }
    }
    return List.copyOf(names);
  }

  /** Whether catalog {@code catalogName} has a registry in the cluster of {@code hz}. */
  public static boolean exists(HazelcastInstance hz, String catalogName) {
    return catalogNames(hz).contains(catalogName);
  }

  public String catalogName() {
    return catalogName;
  }

  /** What a dataset's value is, as far as the cluster tells without loading it. */
  public enum State {
    /** A value is stored. */
    VALUE,
    /** The slot exists and holds no value (never saved, or released). */
    EMPTY,
    /** A shared dataset whose slot is missing: its value was lost with members. */
    LOST,
    /** Not a SharedMemoryDataset: its value, if any, is not in the cluster. */
    NOT_SHARED,
    /** The slot holds bytes that no save writes. */
    CORRUPT
  }

  /**
   * One dataset of the catalog.
   *
   * @param name the dataset's name
   * @param type the type its config names ({@code "(no type)"} if none)
   * @param slot its value slot ({@code name#generation})
   * @param state what its value is
   * @param storedBytes the value's encoded size (0 without a value)
   * @param chunks how many chunks hold it (0: inline, or no value)
   * @param savedAtMillis when the slot was last written, by its writer's clock (0 if no slot)
   * @param saver which process wrote it last ({@code pid@host}; empty if no slot)
   * @param problem what is wrong, for {@link State#CORRUPT}; empty otherwise
   */
  public record DatasetInfo(
      String name,
      String type,
      String slot,
      State state,
      long storedBytes,
      int chunks,
      long savedAtMillis,
      String saver,
      String problem) {}

  /** Every dataset of the catalog, in catalog order. */
  public List<DatasetInfo> datasets() {
    List<DatasetInfo> result = new ArrayList<>();
    for (CatalogRegistry.Entry entry : registry.entries()) {
      inspect(entry).ifPresent(result::add);
    }
    return result;
  }

  /**
   * The names in the catalog's order list that have no registry entry, in order: registrations lost
   * with members (the order list and the registry entries live in different partitions), or,
   * rarely, a registration that did not complete or is being written right now.
   */
  public List<String> unregisteredNames() {
    Set<String> registered = new HashSet<>();
    registry.entries().forEach(entry -> registered.add(entry.name()));
    Set<String> missing = new LinkedHashSet<>();
    for (String name :
        List.copyOf(hz.<String>getList(CatalogRegistry.mapName(catalogName, "order")))) {
      if (!registered.contains(name)) {
        missing.add(name);
      }
    }
    return List.copyOf(missing);
  }

  /** The stored size of every dataset that has a value, by name. */
  public Map<String, Long> storedBytes() {
    Map<String, Long> sizes = new LinkedHashMap<>();
    for (DatasetInfo info : datasets()) {
      if (info.state() == State.VALUE) {
        sizes.put(info.name(), info.storedBytes());
      }
    }
    return sizes;
  }

  /**
   * Whether this process saw partitions lost (owner and backups at once) since it began watching; a
   * process that just started has seen nothing, which is why {@link State#LOST} is found from the
   * slots themselves.
   */
  public Optional<String> partitionLoss() {
    return PartitionLossWatch.of(hz).describe();
  }

  /**
   * The outcome of releasing one dataset.
   *
   * @param name the dataset
   * @param freedBytes the stored size of the value it held (0 if it was empty)
   * @param lost whether its slot was missing (its value had been lost already)
   */
  public record Released(String name, long freedBytes, boolean lost) {}

  /**
   * Empties the values of {@code names}, keeping their bindings (Kedro's {@code release}). Every
   * name is checked before any value is touched.
   *
   * @throws DatasetNotFoundException if a name is not registered (the message suggests close ones)
   * @throws DatasetException if a name is not a SharedMemoryDataset (its value is not here)
   */
  public List<Released> release(List<String> names) {
    Map<String, CatalogRegistry.Entry> entries = new LinkedHashMap<>();
    for (CatalogRegistry.Entry entry : registry.entries()) {
      entries.put(entry.name(), entry);
    }
    for (String name : names) {
      CatalogRegistry.Entry entry = entries.get(name);
      if (entry == null) {
        List<String> close = DatasetTypeSupport.closeMatches(name, entries.keySet(), 3);
        throw new DatasetNotFoundException(
            "Dataset '"
                + name
                + "' not found in shared catalog '"
                + catalogName
                + "'"
                + (close.isEmpty()
                    ? "; nothing was released."
                    : " - did you mean one of these instead: "
                        + String.join(", ", close)
                        + "? Nothing was released."));
      }
      if (!isShared(name, entry.config())) {
        throw new DatasetException(
            "Dataset '"
                + name
                + "' of shared catalog '"
                + catalogName
                + "' has type "
                + typeOf(entry.config())
                + ", not SharedMemoryDataset: its value is not stored in the cluster, so there is"
                + " nothing to release there. Nothing was released.");
      }
    }
    List<Released> released = new ArrayList<>();
    for (String name : names) {
      CatalogRegistry.Entry entry = entries.get(name);
      long bytes = 0;
      try {
        bytes = store.info(entry.slot()).map(SlotInfo::storedBytes).orElse(0L);
      } catch (CorruptValueException e) {
        // a corrupt value is freed like any other
      }
      boolean existed = store.clear(entry.slot());
      released.add(new Released(name, existed ? bytes : 0, !existed));
    }
    return released;
  }

  /**
   * Destroys every cluster object of the catalog (registry, order list, ids, values and chunks):
   * every member and client loses its datasets and values. Meant for a catalog no process is
   * connected to: connecting to the name again starts a new, empty catalog, but a process that
   * stayed connected keeps its handles to the destroyed objects, through which Hazelcast re-creates
   * them without listing them among the distributed objects ({@link #catalogNames} misses them).
   *
   * @return the names of the destroyed objects that existed
   */
  public List<String> drop() {
    List<String> existing = new ArrayList<>();
    for (DistributedObject object : hz.getDistributedObjects()) {
      existing.add(object.getName());
    }
    List<String> destroyed = new ArrayList<>();
    for (String purpose : PURPOSES) {
      String name = CatalogRegistry.mapName(catalogName, purpose);
      if (!existing.contains(name)) {
        continue;
      }
      DistributedObject object =
          switch (purpose) {
            case "order" -> hz.getList(name);
            case "ids" -> hz.getFlakeIdGenerator(name);
            default -> hz.getMap(name);
          };
      object.destroy();
      destroyed.add(name);
    }
    return destroyed;
  }

  private Optional<DatasetInfo> inspect(CatalogRegistry.Entry entry) {
    String type = typeOf(entry.config());
    if (!isShared(entry.name(), entry.config())) {
      return Optional.of(
          new DatasetInfo(entry.name(), type, entry.slot(), State.NOT_SHARED, 0, 0, 0, "", ""));
    }
    try {
      Optional<SlotInfo> slot = store.info(entry.slot());
      if (slot.isEmpty()) {
        // Re-bound (or removed) since the registry was read? Then the old slot went with it.
        Optional<CatalogRegistry.Entry> now = registry.entry(entry.name());
        if (now.isEmpty()) {
          return Optional.empty();
        }
        if (now.get().generation() != entry.generation()) {
          return inspect(now.get());
        }
        return Optional.of(
            new DatasetInfo(entry.name(), type, entry.slot(), State.LOST, 0, 0, 0, "", ""));
      }
      SlotInfo info = slot.get();
      return Optional.of(
          new DatasetInfo(
              entry.name(),
              type,
              entry.slot(),
              info.hasValue() ? State.VALUE : State.EMPTY,
              info.storedBytes(),
              info.chunks(),
              info.savedAtMillis(),
              info.saver(),
              ""));
    } catch (CorruptValueException e) {
      return Optional.of(
          new DatasetInfo(
              entry.name(), type, entry.slot(), State.CORRUPT, 0, 0, 0, "", e.getMessage()));
    }
  }

  /** Whether {@code config} makes a SharedMemoryDataset, by any name a type provider gives it. */
  static boolean isShared(String name, Map<String, Object> config) {
    Object type = config.get("type");
    if (type == null) {
      return false;
    }
    try {
      return DatasetTypeSupport.datasetClass(name, type.toString())
          .getName()
          .equals(SHARED_MEMORY_DATASET_CLASS);
    } catch (RuntimeException | LinkageError e) {
      return false; // not a type this process can create, so not a SharedMemoryDataset
    }
  }

  private static String typeOf(Map<String, Object> config) {
    Object type = config.get("type");
    return type == null ? "(no type)" : type.toString();
  }
}
