package io.sharedcatalog.catalog.spi;

import io.sharedcatalog.catalog.Dataset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where a {@link io.sharedcatalog.catalog.DataCatalog} keeps its registrations: the names in order,
 * the config (or, in a store that keeps live objects, the dataset) each is bound to, the user
 * patterns and the credentials. The catalog runs all of its logic (patterns, creating datasets on
 * first use, versions, filtering, errors) over this interface; a store only stores, and says what
 * it can store ({@link #admit}). A local catalog uses an in-process store; a connected {@code
 * SharedMemoryDataCatalog} one whose registrations live in the cluster.
 *
 * <p><b>Bindings.</b> Each registration of a name is an {@link Entry} with a generation that is new
 * on every binding and re-binding ({@link #newGeneration}). Writes are atomic per name: {@link
 * #putIfAbsent} and {@link #replace} with the entry the caller read, so two processes binding one
 * name end with one of the bindings. A replaced name keeps its position in {@link #entries}.
 *
 * <p>Implementations must be thread-safe; in a store shared between processes, every method reads
 * the shared state afresh.
 */
public interface CatalogStore {
  /**
   * One registration.
   *
   * @param name the dataset name
   * @param generation new on every binding of the name
   * @param config the config the dataset is made from, as written (credentials by name); {@code
   *     null} for a dataset registered as a live object in a store that keeps live objects
   * @param configured whether the entry is part of the catalog's configuration ({@code
   *     configResolver().config()}, and kept by {@code toConfig} whatever its dataset holds)
   * @param initialValue only on an entry being written: what the store starts the binding's value
   *     with (from {@link Admission#initialValue}), {@code null} for nothing; never read back
   */
  record Entry(
      String name,
      long generation,
      Map<String, Object> config,
      boolean configured,
      Object initialValue) {
    public Entry {
      Objects.requireNonNull(name, "name");
    }
  }

  /** A name's entry (if registered) and the user patterns, read together. */
  record Lookup(Optional<Entry> entry, Map<String, Map<String, Object>> patterns) {}

  /**
   * How this store registers a dataset given to the catalog: the config it records ({@code null} if
   * the store keeps {@code dataset} itself), the dataset this process uses for the binding, and the
   * binding's initial value (store-defined; {@code null} for none).
   */
  record Admission(Map<String, Object> config, Dataset<?> dataset, Object initialValue) {}

  /** The entry of {@code name} and the user patterns, at once (one read of a shared store). */
  Lookup lookup(String name);

  /** The entry of {@code name}, if registered. */
  Optional<Entry> get(String name);

  /** Every entry, in the order the names were first registered. */
  List<Entry> entries();

  /** The registered names as a live, unmodifiable view, in order. */
  Set<String> names();

  /** The number of registered names. */
  int size();

  /** A generation no binding of this store has had. */
  long newGeneration();

  /**
   * Registers {@code entry} unless its name is registered.
   *
   * @return the entry registered now: {@code entry} if it was written, else the one that was there
   */
  Entry putIfAbsent(Entry entry);

  /**
   * Replaces the binding {@code expected} of a name with {@code next}, keeping the name's position,
   * if {@code expected} is still its binding.
   *
   * @return whether {@code next} was written
   */
  boolean replace(Entry expected, Entry next);

  /** The user patterns and their configs as written (the catalog ranks them). */
  Map<String, Map<String, Object>> patterns();

  /** The credentials by name. */
  Map<String, Object> credentials();

  /**
   * How this store registers {@code dataset} (see {@link Admission}).
   *
   * @throws io.sharedcatalog.catalog.DatasetException if the store cannot hold it; the message
   *     names the dataset and the fix, and nothing is registered
   */
  Admission admit(String name, Dataset<?> dataset);

  /**
   * How this store registers raw data put into the catalog ({@code putData}); never a {@link
   * Dataset} nor {@code null}.
   *
   * @throws io.sharedcatalog.catalog.DatasetException if the data cannot be held
   */
  Admission admitData(String name, Object data);

  /**
   * Called when this process starts using {@code dataset} for {@code entry} (made from its config,
   * or admitted for it): returns the dataset to use, bound to the store as the store needs.
   */
  default Dataset<?> bind(Entry entry, Dataset<?> dataset) {
    return dataset;
  }

  /**
   * Whether {@code dataset}, used for a binding before, proves by itself that the binding still
   * holds: its load or save then fails with a {@link StaleBindingException} once the name is bound
   * elsewhere, so the catalog may load and save it without reading the store first.
   */
  default boolean provesBinding(Dataset<?> dataset) {
    return false;
  }

  /** Whether the catalog keeps load and save versions for this store (a shared store does not). */
  default boolean keepsVersions() {
    return true;
  }

  /**
   * A counter that grows with every write to this store, or {@code -1} if the store is written by
   * others too (then the catalog caches nothing it derives from the store).
   */
  default long writes() {
    return -1;
  }

  /** How messages name the catalog: {@code "the catalog"}, {@code "shared catalog 'x'"}. */
  default String describe() {
    return "the catalog";
  }

  /** What to add to a "not found" message (why a name may be missing), or empty. */
  default String missingHint() {
    return "";
  }
}
