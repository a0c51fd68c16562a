package io.sharedcatalog.cluster;

import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.catalog.AbstractDataset;
import io.sharedcatalog.catalog.DatasetException;
import io.sharedcatalog.catalog.internal.codec.CodecException;
import io.sharedcatalog.catalog.internal.codec.EncodedValue;
import io.sharedcatalog.catalog.spi.StaleBindingException;
import io.sharedcatalog.cluster.internal.CatalogRegistry;
import io.sharedcatalog.cluster.internal.SlotKeyed;
import io.sharedcatalog.cluster.internal.store.CorruptValueException;
import io.sharedcatalog.cluster.internal.store.ValueStore;
import io.sharedcatalog.cluster.internal.store.ValueTooLargeException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A dataset whose value lives in the cluster (Kedro's {@code SharedMemoryDataset}), so every member
 * and client connected to the same cluster sees the same value.
 *
 * <p><b>Where the value lives.</b> In the map {@code sharedcatalog.<catalogName>.values}, under a
 * <em>slot</em> key. A dataset of a catalog made with {@link SharedMemoryDataCatalog#connect} is
 * keyed by its name and the generation of its binding ({@code name#generation}): every binding of a
 * name, by any process, gets a new generation and a new slot, and the old slot is deleted once the
 * new binding is published. A dataset of a local catalog, or made with {@link
 * #SharedMemoryDataset(String, String)}, is keyed by its name; one made with {@link
 * #SharedMemoryDataset()} and never added to a catalog uses the catalog name {@value
 * #STANDALONE_CATALOG} and a random name of its own, so two such datasets never share a value.
 *
 * <p><b>Manager.</b> Nothing can be loaded or saved before a {@link HazelcastInstance} (member or
 * client) is bound with {@link #setManager(HazelcastInstance)} or {@link
 * SharedMemoryDataCatalog#setManagerDatasets(HazelcastInstance)}; until then {@code load} and
 * {@code save} throw a {@link DatasetException} that says so, and {@code exists} is false (as
 * Kedro's, whose unbound dataset has no value to find).
 *
 * <p><b>Ephemeral or not.</b> {@link #isEphemeral()} is true (Kedro's {@code _EPHEMERAL}) unless
 * the dataset belongs to a connected {@link SharedMemoryDataCatalog}: in a local catalog, or on its
 * own, the value is an intermediate of one run, as in Kedro, whose shared memory ends with the
 * run's process pool. In a connected catalog the value lives in the cluster until released, beyond
 * the run and the process that saved it, and other processes see it; so {@code onlyMissingOutputs}
 * treats it like a persisted dataset there (an existing value is not recomputed, a missing one is).
 *
 * <p><b>What is stored.</b> {@link #save} encodes the value with the project's value codec and
 * stores bytes; members never need the value's classes. Every {@link #load} decodes a fresh copy,
 * so mutating a loaded or saved object never changes the stored value. A value that cannot be
 * encoded, or is larger than the store's limit, fails the save with a {@link DatasetException}
 * naming the dataset, and nothing is written: the previous value stays.
 *
 * <p><b>What readers see.</b> Once {@code save} returns, a {@code load} from any member or client
 * returns the new value (the write has been applied to the owning partition and its synchronous
 * backups; no near cache is used). Concurrent saves end with one of the values, whole, never a mix.
 * A save of a connected catalog's dataset writes only into its binding's slot: if the name was
 * re-bound meanwhile, the slot is gone, nothing is written, and the save fails with a {@link
 * DatasetException} (the catalog's own {@code save} then saves to the new binding). {@link
 * #release()} removes the value cluster-wide; {@link #exists()} is then false everywhere.
 *
 * <p><b>Failures.</b> The value survives the loss of as many members as the map's backup count (one
 * by default). If all copies are lost, a load says that the value may have been lost with members.
 * A process that dies mid-save leaves the previous value; chunks of its unfinished save expire.
 *
 * <p>This class is thread-safe.
 *
 * @param <T> the type of the data
 */
public final class SharedMemoryDataset<T> extends AbstractDataset<T> implements SlotKeyed {
  /** The catalog name of a dataset that has not been added to a catalog. */
  public static final String STANDALONE_CATALOG = "standalone";

  private volatile Binding binding;

  /**
   * Creates an unbound dataset with a key of its own (catalog {@value #STANDALONE_CATALOG}, a
   * random dataset name), replaced by the catalog's key when it is added to a {@link
   * SharedMemoryDataCatalog}.
   */
  public SharedMemoryDataset() {
    this.binding =
        new Binding(STANDALONE_CATALOG, "unnamed-" + UUID.randomUUID(), false, null, null, null);
  }

  /**
   * Creates an unbound dataset stored under an explicit key, for instance to read the value of a
   * dataset of a local shared catalog without the catalog.
   *
   * @param catalogName the catalog whose values map holds the value
   * @param datasetName the dataset's name in that catalog
   * @throws IllegalArgumentException if a name is blank
   */
  public SharedMemoryDataset(String catalogName, String datasetName) {
    requireName(catalogName, "catalogName");
    requireName(datasetName, "datasetName");
    this.binding = new Binding(catalogName, datasetName, true, null, null, null);
  }

  /**
   * Binds this dataset to a cluster: from now on its value is stored through {@code hz}.
   *
   * @param hz a member or client
   */
  public void setManager(HazelcastInstance hz) {
    Objects.requireNonNull(hz, "hz");
    synchronized (this) {
      Binding b = binding;
      binding = new Binding(b.catalogName, b.datasetName, b.keyFixed, hz, null, b.generation);
    }
  }

  /** Returns whether a manager has been bound. */
  public boolean hasManager() {
    return binding.hz != null;
  }

  /** Returns the catalog name of this dataset's key. */
  @Override
  public String catalogName() {
    return binding.catalogName;
  }

  /** Returns the dataset name of this dataset's key. */
  public String datasetName() {
    return binding.datasetName;
  }

  /**
   * Returns false in a connected catalog, whose values outlive any run in the cluster, and true
   * otherwise (Kedro's rule: a shared memory dataset of a local catalog lives as long as its run).
   */
  @Override
  public boolean isEphemeral() {
    return binding.generation == null;
  }

  /**
   * Gives this dataset the key of the catalog it is added to, unless it already has a fixed key.
   */
  void adoptKey(String catalogName, String datasetName) {
    synchronized (this) {
      Binding b = binding;
      if (!b.keyFixed) {
        binding = new Binding(catalogName, datasetName, true, b.hz, null, null);
      }
    }
  }

  /**
   * Keys this dataset by the binding of a connected catalog: its slot is {@code
   * datasetName#generation}, and {@code current} tells, when the slot is missing, the generation
   * the registry binds the name to now (empty if not to a shared memory dataset).
   */
  void bindGeneration(
      String catalogName, String datasetName, long generation, Supplier<OptionalLong> current) {
    synchronized (this) {
      Binding b = binding;
      binding =
          new Binding(
              catalogName,
              datasetName,
              true,
              b.hz,
              null,
              new Generation(generation, CatalogRegistry.slotOf(datasetName, generation), current));
    }
  }

  /**
   * Returns the key of this dataset's value in its catalog's values map ({@code name#generation} in
   * a connected catalog). For the runner's promotion of outputs; applications need not use it.
   */
  @Override
  public String slotKey() {
    return slot();
  }

  /** The slot key of this dataset's value. */
  String slot() {
    return binding.slot();
  }

  /**
   * Checks that {@code value} could be saved here, with the store's own codec.
   *
   * @throws DatasetException naming the dataset, the value's class and the fix if it cannot
   */
  void checkShareable(Object value) {
    try {
      store(binding).checkShareable(value);
    } catch (CodecException e) {
      throw unshareable(value, e);
    }
  }

  /**
   * Encodes {@code value} as a save would, for the catalog to store when it creates the slot.
   *
   * @throws DatasetException naming the dataset, the value's class and the fix if it cannot
   */
  EncodedValue encodeForSharing(Object value) {
    try {
      return store(binding).encode(value);
    } catch (CodecException e) {
      throw unshareable(value, e);
    } catch (ValueTooLargeException e) {
      throw tooLarge(e);
    }
  }

  @Override
  protected T doLoad() {
    Binding b = binding;
    ValueStore.Lookup lookup;
    try {
      lookup = store(b).load(b.slot());
    } catch (CodecException e) {
      throw Messages.undecodable(this, e);
    } catch (CorruptValueException e) {
      throw Messages.corrupt(this, e);
    }
    if (lookup instanceof ValueStore.Value value) {
      @SuppressWarnings("unchecked")
      T typed = (T) value.value();
      return typed;
    }
    if (lookup instanceof ValueStore.NoSlot && b.generation != null && !b.generation.isCurrent()) {
      throw rebound(b, "load from");
    }
    throw new DatasetException(
        "Data for "
            + this
            + " has not been saved yet: save a value to '"
            + b.datasetName
            + "' (from any member or client) before loading it."
            + Messages.lossHint(b.hz, lookup instanceof ValueStore.NoSlot));
  }

  @Override
  protected void doSave(T data) {
    Binding b = binding;
    ValueStore store = store(b);
    try {
      if (b.generation == null) {
        store.put(b.slot(), data);
        return;
      }
      if (store.replace(b.slot(), data)) {
        return;
      }
      EncodedValue encoded = store.encode(data);
      // No slot: the name was re-bound, or the slot was lost with members. Only in the second case
      // does this binding still hold: then write the slot again, and check it still held after.
      if (b.generation.isCurrent() && store.createSlotIfAbsent(b.slot(), encoded)) {
        if (b.generation.isCurrent()) {
          return;
        }
        store.delete(b.slot());
      }
      throw rebound(b, "save to");
    } catch (CodecException e) {
      throw unshareable(data, e);
    } catch (ValueTooLargeException e) {
      throw tooLarge(e);
    }
  }

  @Override
  protected boolean doExists() {
    Binding b = binding;
    if (b.hz == null) {
      return false; // Kedro's: an unbound shared dataset has no data
    }
    try {
      return store(b).exists(b.slot());
    } catch (CorruptValueException e) {
      throw Messages.corrupt(this, e);
    }
  }

  @Override
  protected void doRelease() {
    Binding b = binding;
    if (b.generation == null) {
      store(b).delete(b.slot());
    } else if (!store(b).clear(b.slot()) // the binding stays; only its value goes
        && !b.generation.isCurrent()) {
      throw rebound(b, "release");
    }
  }

  @Override
  protected Map<String, Object> doDescribe() {
    Binding b = binding;
    Map<String, Object> description = new LinkedHashMap<>();
    description.put("catalog", b.catalogName);
    description.put("name", b.datasetName);
    description.put("bound", b.hz != null);
    return description;
  }

  private ReboundException rebound(Binding b, String what) {
    return new ReboundException(
        "Cannot "
            + what
            + " "
            + this
            + ": another process has bound '"
            + b.datasetName
            + "' in catalog '"
            + b.catalogName
            + "' to a different dataset since this one was looked up, so nothing was done."
            + " Go through the catalog (catalog.load(name) / catalog.save(name, data)), or look"
            + " the dataset up again.");
  }

  private DatasetException tooLarge(ValueTooLargeException e) {
    return new DatasetException(
        "Cannot save to "
            + this
            + ": "
            + e.getMessage()
            + ". Nothing was sent; the previous value"
            + " is kept.",
        e);
  }

  private DatasetException unshareable(Object value, CodecException cause) {
    String type = value == null ? "null" : value.getClass().getName();
    return new DatasetException(
        "Cannot share the value of "
            + this
            + ": a value of class "
            + type
            + " cannot be encoded for the cluster ("
            + cause.getMessage()
            + "). Make "
            + type
            + " hold only data (records, POJOs, collections, arrays; no threads, locks, open"
            + " streams, sockets, connections or lambdas), or keep it in an in-process"
            + " MemoryDataset. The previous value, if any, is kept.",
        cause);
  }

  private ValueStore store(Binding b) {
    if (b.hz == null) {
      throw new DatasetException(
          this
              + " has no manager: it needs a Hazelcast member or client to store its value in."
              + " Call setManager(hazelcastInstance) on it, or"
              + " SharedMemoryDataCatalog.setManagerDatasets(hazelcastInstance) on its catalog"
              + " (SharedMemoryDataCatalog.connect(...) binds its datasets itself).");
    }
    ValueStore store = b.store;
    if (store == null) {
      synchronized (this) {
        if (binding == b) {
          store = ValueStore.of(b.hz, b.catalogName);
          binding =
              new Binding(b.catalogName, b.datasetName, b.keyFixed, b.hz, store, b.generation);
        } else {
          return store(binding);
        }
      }
    }
    return store;
  }

  private static void requireName(String name, String argument) {
    Objects.requireNonNull(name, argument);
    if (name.isBlank()) {
      throw new IllegalArgumentException(argument + " must not be blank");
    }
  }

  /** A load or save refused because another process bound the dataset's name anew. */
  static final class ReboundException extends StaleBindingException {
    private static final long serialVersionUID = 1L;

    ReboundException(String message) {
      super(message);
    }
  }

  /** The generation of a connected catalog's binding, and how to ask whether it still holds. */
  private record Generation(long value, String slot, Supplier<OptionalLong> current) {
    boolean isCurrent() {
      OptionalLong now = current.get();
      return now.isPresent() && now.getAsLong() == value;
    }
  }

  /** An immutable snapshot of the key and manager, swapped as a whole. */
  private record Binding(
      String catalogName,
      String datasetName,
      boolean keyFixed,
      HazelcastInstance hz,
      ValueStore store,
      Generation generation) {
    /** The slot key: {@code name#generation} in a connected catalog, else the name. */
    String slot() {
      return generation == null ? datasetName : generation.slot();
    }
  }
}
