package io.sharedcatalog.cluster;

import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.catalog.AbstractDataset;
import io.sharedcatalog.catalog.DatasetException;
import io.sharedcatalog.catalog.internal.codec.CodecException;
import io.sharedcatalog.catalog.internal.codec.EncodedValue;
import io.sharedcatalog.cluster.internal.store.ValueStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * A dataset whose value lives in the cluster (Kedro's {@code SharedMemoryDataset}), so every member
 * and client connected to the same cluster sees the same value.
 *
 * <p><b>Key.</b> The value is stored under the pair (catalog name, dataset name), in the map {@code
 * sharedcatalog.<catalogName>.values}. A {@link SharedMemoryDataCatalog} sets both when the dataset
 * is first added to it (a dataset keeps the key of the first catalog it is added to). A dataset
 * made with {@link #SharedMemoryDataset()} and never added to a catalog uses the catalog name
 * {@value #STANDALONE_CATALOG} and a random dataset name of its own, so two such datasets never
 * share a value; use {@link #SharedMemoryDataset(String, String)} to name the key yourself.
 *
 * <p><b>Manager.</b> Nothing can be loaded or saved before a {@link HazelcastInstance} (member or
 * client) is bound with {@link #setManager(HazelcastInstance)} or {@link
 * SharedMemoryDataCatalog#setManagerDatasets(HazelcastInstance)}; until then every operation throws
 * a {@link DatasetException} that says so.
 *
 * <p><b>What is stored.</b> {@link #save} encodes the value with the project's value codec into
 * bytes and stores the bytes; members hold only bytes and never need the value's classes. Every
 * {@link #load} decodes a fresh copy, so mutating a loaded or saved object never changes the stored
 * value (unlike {@code MemoryDataset} with {@code ASSIGN}). A value that cannot be encoded fails
 * the save with a {@link DatasetException} naming the dataset and the value's class, and nothing is
 * written: the previous value stays.
 *
 * <p><b>What readers see.</b> Once {@code save} returns, a {@code load} from any member or client
 * of the cluster returns the new value (the write has been applied to the owning partition and its
 * synchronous backups; no near cache is used, so no reader serves a stale copy). Concurrent saves
 * to one dataset end with one of the values, whole, never a mix. {@link #release()} removes the
 * value cluster-wide; {@link #exists()} then returns false everywhere. A dataset looked up in a
 * connected {@link SharedMemoryDataCatalog} checks, when it saves, that the catalog still binds its
 * name to a SharedMemoryDataset; if another process has re-bound the name since, the save fails
 * with a {@link DatasetException} and writes nothing.
 *
 * <p><b>Failures.</b> The value survives the loss of as many members as the map's backup count (one
 * by default in the packaged config; a member crash is repaired from the backup). If all copies are
 * lost the value is gone and {@code load} fails as before the first save. A client that dies
 * mid-save leaves either the old or the new value. The value lives as long as the cluster: a
 * process that saved it may exit, and readers still see it until {@code release()}.
 *
 * <p>This class is thread-safe.
 *
 * @param <T> the type of the data
 */
public final class SharedMemoryDataset<T> extends AbstractDataset<T> {
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
   * dataset of a shared catalog without the catalog. Save to a connected catalog's datasets through
   * the catalog: a save through this dataset skips the catalog's check that the name is still bound
   * to a SharedMemoryDataset.
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
      binding = new Binding(b.catalogName, b.datasetName, b.keyFixed, hz, null, b.guard);
    }
  }

  /** Returns whether a manager has been bound. */
  public boolean hasManager() {
    return binding.hz != null;
  }

  /** Returns the catalog name of this dataset's key. */
  public String catalogName() {
    return binding.catalogName;
  }

  /** Returns the dataset name of this dataset's key. */
  public String datasetName() {
    return binding.datasetName;
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
   * Checks that {@code value} could be saved here, with the store's own codec.
   *
   * @throws DatasetException naming the dataset, the value's class and the fix if it cannot
   */
  void checkShareable(Object value) {
    ValueStore store = store();
    try {
      store.checkShareable(value);
    } catch (CodecException e) {
      throw unshareable(value, e);
    }
  }

  /**
   * Makes every later save check, once it has written, that {@code guard} still says this dataset's
   * key is bound to a shared memory dataset, and take the write back if not. Called by a connected
   * {@link SharedMemoryDataCatalog} once its registry says so; the catalog deletes the key's value
   * whenever it binds the name to anything else, so an existing value proves the binding.
   */
  void guardWith(BooleanSupplier guard) {
    Objects.requireNonNull(guard, "guard");
    synchronized (this) {
      Binding b = binding;
      binding = new Binding(b.catalogName, b.datasetName, b.keyFixed, b.hz, b.store, guard);
    }
  }

  /** Returns whether {@link #guardWith} was called. */
  boolean isGuarded() {
    return binding.guard != null;
  }

  /**
   * Encodes {@code value} as a save would, for the catalog to save once it has registered the
   * dataset.
   *
   * @throws DatasetException naming the dataset, the value's class and the fix if it cannot
   */
  EncodedValue encodeForSharing(Object value) {
    try {
      return store(binding).encode(value);
    } catch (CodecException e) {
      throw unshareable(value, e);
    }
  }

  /**
   * Loads the value if one is stored, with one read.
   *
   * @throws DatasetException if it cannot be loaded or decoded
   */
  Optional<Object> loadIfPresent() {
    Binding b = binding;
    try {
      ValueStore store = store(b);
      return b.guard == null ? store.load(b.datasetName) : store.loadBound(b.datasetName, b.guard);
    } catch (CodecException e) {
      throw undecodable(e);
    } catch (DatasetException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new DatasetException("Failed while loading data from dataset " + this + ".\n" + e, e);
    }
  }

  /**
   * Saves through the guard (see {@link #guardWith}).
   *
   * @return false if the key is no longer bound to a shared memory dataset; nothing was stored
   * @throws DatasetException if the value cannot be encoded or the save fails
   */
  boolean saveIfBound(Object data) {
    Binding b = binding;
    if (b.guard == null) {
      throw new IllegalStateException(this + " has no guard");
    }
    try {
      return store(b).saveBound(b.datasetName, data, b.guard);
    } catch (CodecException e) {
      throw unshareable(data, e);
    } catch (DatasetException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new DatasetException("Failed while saving data to dataset " + this + ".\n" + e, e);
    }
  }

  @Override
  protected T doLoad() {
    Binding b = binding;
    Object value =
        loadIfPresent()
            .orElseThrow(
                () ->
                    new DatasetException(
                        "Data for "
                            + this
                            + " has not been saved yet: save a value to '"
                            + b.datasetName
                            + "' (from any member or client) before loading it."));
    @SuppressWarnings("unchecked")
    T typed = (T) value;
    return typed;
  }

  @Override
  protected void doSave(T data) {
    Binding b = binding;
    if (b.guard == null) {
      try {
        store(b).save(b.datasetName, data);
      } catch (CodecException e) {
        throw unshareable(data, e);
      }
    } else if (!saveIfBound(data)) {
      throw new ReboundException(
          "Cannot save to "
              + this
              + ": another process has bound '"
              + b.datasetName
              + "' in catalog '"
              + b.catalogName
              + "' to a different dataset since this one was looked up, so nothing was saved."
              + " Save through the catalog (catalog.save(name, data)), or look the dataset up"
              + " again.");
    }
  }

  private DatasetException undecodable(CodecException e) {
    // the codec's message ends with the fix that fits its cause (CodecMessages)
    return new DatasetException("Cannot load the value of " + this + ": " + e.getMessage(), e);
  }

  @Override
  protected boolean doExists() {
    Binding b = binding;
    return store(b).exists(b.datasetName);
  }

  @Override
  protected void doRelease() {
    Binding b = binding;
    store(b).remove(b.datasetName);
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

  private ValueStore store() {
    return store(binding);
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
          binding = new Binding(b.catalogName, b.datasetName, b.keyFixed, b.hz, store, b.guard);
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

  /** A save refused because another process bound the dataset's name to another dataset. */
  static final class ReboundException extends DatasetException {
    private static final long serialVersionUID = 1L;

    ReboundException(String message) {
      super(message);
    }
  }

  /** An immutable snapshot of the key and manager, swapped as a whole. */
  private record Binding(
      String catalogName,
      String datasetName,
      boolean keyFixed,
      HazelcastInstance hz,
      ValueStore store,
      BooleanSupplier guard) {}
}
