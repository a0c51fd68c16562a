package io.sharedcatalog.catalog;

import io.sharedcatalog.catalog.spi.CatalogStore;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-process {@link CatalogStore} of a local {@link DataCatalog}: entries in a concurrent map
 * with their order, the user patterns and credentials of the catalog's config (fixed at
 * construction). A dataset registered as an object is kept as that object by the catalog (its entry
 * has no config).
 *
 * <p>This class is thread-safe: reads do not lock; each write is atomic per name.
 */
final class LocalStore implements CatalogStore {
  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<String> order = new ConcurrentLinkedQueue<>();
  private final Set<String> namesView = new NamesView();
  private final Map<String, Map<String, Object>> patterns;
  private final Map<String, Object> credentials;
  private final AtomicLong generations = new AtomicLong();
  private final AtomicLong writes = new AtomicLong();

  LocalStore(Map<String, Map<String, Object>> patterns, Map<String, Object> credentials) {
    this.patterns = Map.copyOf(patterns);
    this.credentials = credentials;
  }

  @Override
  public Lookup lookup(String name) {
    return new Lookup(get(name), patterns);
  }

  @Override
  public Optional<Entry> get(String name) {
    return Optional.ofNullable(entries.get(Objects.requireNonNull(name, "name")));
  }

  @Override
  public List<Entry> entries() {
    List<Entry> result = new ArrayList<>();
    for (String name : order) {
      Entry entry = entries.get(name);
      if (entry != null) {
        result.add(entry);
      }
    }
    return result;
  }

  @Override
  public Set<String> names() {
    return namesView;
  }

  @Override
  public int size() {
    return entries.size();
  }

  @Override
  public long newGeneration() {
    return generations.incrementAndGet();
  }

  @Override
  public Entry putIfAbsent(Entry entry) {
    Entry stored = stripped(entry);
    Entry existing = entries.putIfAbsent(entry.name(), stored);
    if (existing != null) {
      return existing;
    }
    order.add(entry.name()); // only the writer of a new name adds it: each name once
    writes.incrementAndGet();
    return stored;
  }

  @Override
  public boolean replace(Entry expected, Entry next) {
    boolean replaced = entries.replace(next.name(), expected, stripped(next));
    if (replaced) {
      writes.incrementAndGet();
    }
    return replaced;
  }

  @Override
  public Map<String, Map<String, Object>> patterns() {
    return patterns;
  }

  @Override
  public Map<String, Object> credentials() {
    return credentials;
  }

  /** The dataset itself, kept by the catalog: this store records no config for it. */
  @Override
  public Admission admit(String name, Dataset<?> dataset) {
    return new Admission(null, dataset, null);
  }

  @Override
  public Admission admitData(String name, Object data) {
    return new Admission(null, asDataset(name, data), null);
  }

  @Override
  public long writes() {
    return writes.get();
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

  private static Entry stripped(Entry entry) {
    return entry.initialValue() == null
        ? entry
        : new Entry(entry.name(), entry.generation(), entry.config(), entry.configured(), null);
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
