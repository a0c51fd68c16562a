package io.sharedcatalog.cluster.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The shared registrations of one catalog in the cluster: which names exist, in which order, and
 * the config every process rebuilds the dataset from. Configuration is shared, never live objects.
 *
 * <p>Layout, all plain JSON text or numbers so members need none of our classes:
 *
 * <ul>
 *   <li>{@code sharedcatalog.<catalog>.registry}: dataset name → {@link HazelcastJsonValue} {@code
 *       {"seq": n, "config": {...}}}; {@code seq} is the insertion sequence (kept when an entry is
 *       replaced, as a dict keeps a key's position);
 *   <li>{@code sharedcatalog.<catalog>.patterns}: user pattern → {@link HazelcastJsonValue} config;
 *   <li>{@code sharedcatalog.<catalog>.credentials}: credentials name → {@link HazelcastJsonValue}
 *       of the credentials, which configs name with {@code credentials: NAME};
 *   <li>{@code sharedcatalog.<catalog>.meta}: {@code "registry.sequence"} → {@link Long}, the last
 *       sequence handed out, advanced by compare-and-set.
 * </ul>
 *
 * <p>Every change is one atomic IMap operation ({@code putIfAbsent} or {@code replace(k, old,
 * new)}), retried on contention; there are no locks and no CP structures.
 *
 * <p>This class is thread-safe.
 */
public final class CatalogRegistry {
  private static final String SEQUENCE_KEY = "registry.sequence";

  private final String catalogName;
  private final IMap<String, HazelcastJsonValue> registry;
  private final IMap<String, HazelcastJsonValue> patterns;
  private final IMap<String, Long> meta;
  private final IMap<String, HazelcastJsonValue> credentials;

  /**
   * One registered name: its insertion sequence, its config, and the JSON it was read from.
   *
   * <p>This class is thread-safe as long as its config map, freshly parsed for each entry, is only
   * read.
   */
  public record Entry(String name, long seq, Map<String, Object> config, String json) {}

  private CatalogRegistry(HazelcastInstance hz, String catalogName) {
    this.catalogName = catalogName;
    String prefix = "sharedcatalog." + catalogName + ".";
    this.registry = hz.getMap(prefix + "registry");
    this.patterns = hz.getMap(prefix + "patterns");
    this.meta = hz.getMap(prefix + "meta");
    this.credentials = hz.getMap(prefix + "credentials");
  }

  /** Returns the registry of catalog {@code catalogName} on {@code hz} (member or client). */
  public static CatalogRegistry of(HazelcastInstance hz, String catalogName) {
    Objects.requireNonNull(hz, "hz");
    Objects.requireNonNull(catalogName, "catalogName");
    return new CatalogRegistry(hz, catalogName);
  }

  public String catalogName() {
    return catalogName;
  }

  /** Returns the registered names in insertion order. */
  public List<String> names() {
    List<Entry> entries = entries();
    List<String> names = new ArrayList<>(entries.size());
    for (Entry entry : entries) {
      names.add(entry.name());
    }
    return names;
  }

  /** Returns every entry in insertion order. */
  public List<Entry> entries() {
    List<Entry> entries = new ArrayList<>();
    for (Map.Entry<String, HazelcastJsonValue> e : registry.entrySet()) {
      entries.add(decode(e.getKey(), e.getValue()));
    }
    entries.sort(Comparator.comparingLong(Entry::seq).thenComparing(Entry::name));
    return entries;
  }

  /** Returns the number of registered names. */
  public int size() {
    return registry.size();
  }

  /** Returns whether {@code name} is registered. */
  public boolean contains(String name) {
    return registry.containsKey(name);
  }

  /** Returns the entry of {@code name}, if registered. */
  public Optional<Entry> entry(String name) {
    HazelcastJsonValue value = registry.get(name);
    return value == null ? Optional.empty() : Optional.of(decode(name, value));
  }

  /**
   * Registers {@code name} with {@code config}, or replaces its config keeping its position.
   *
   * @return the entry's JSON as this call wrote it (what {@link Entry#json()} returns until the
   *     entry changes again)
   * @throws IllegalArgumentException if the config is not representable as JSON
   */
  public String put(String name, Map<String, ?> config) {
    Objects.requireNonNull(name, "name");
    String configJson = Json.write(config);
    while (true) {
      HazelcastJsonValue existing = registry.get(name);
      if (existing == null) {
        HazelcastJsonValue written = encode(nextSequence(), configJson);
        if (registry.putIfAbsent(name, written) == null) {
          return written.getValue();
        }
      } else {
        HazelcastJsonValue written = encode(decode(name, existing).seq(), configJson);
        if (registry.replace(name, existing, written)) {
          return written.getValue();
        }
      }
    }
  }

  /**
   * Registers {@code name} with {@code config} unless it is registered already.
   *
   * @return the entry's JSON as this call wrote it, or empty if the name was registered already
   */
  public Optional<String> putIfAbsent(String name, Map<String, ?> config) {
    Objects.requireNonNull(name, "name");
    String configJson = Json.write(config);
    if (registry.containsKey(name)) {
      return Optional.empty();
    }
    HazelcastJsonValue written = encode(nextSequence(), configJson);
    return registry.putIfAbsent(name, written) == null
        ? Optional.of(written.getValue())
        : Optional.empty();
  }

  /** Returns the shared user patterns and their configs (unordered; the resolver ranks them). */
  public Map<String, Map<String, Object>> patterns() {
    Map<String, Map<String, Object>> result = new LinkedHashMap<>();
    for (Map.Entry<String, HazelcastJsonValue> e : patterns.entrySet()) {
      result.put(e.getKey(), asConfig(Json.parse(e.getValue().getValue())));
    }
    return result;
  }

  /** Returns the number of shared user patterns. */
  public int patternCount() {
    return patterns.size();
  }

  /**
   * Shares a user pattern, replacing any config it had.
   *
   * @throws IllegalArgumentException if the config is not representable as JSON
   */
  public void putPattern(String pattern, Map<String, ?> config) {
    Objects.requireNonNull(pattern, "pattern");
    patterns.set(pattern, new HazelcastJsonValue(Json.write(config)));
  }

  /** Returns the shared credentials by name. */
  public Map<String, Object> credentials() {
    Map<String, Object> result = new LinkedHashMap<>();
    for (Map.Entry<String, HazelcastJsonValue> e : credentials.entrySet()) {
      result.put(e.getKey(), Json.parse(e.getValue().getValue()));
    }
    return result;
  }

  /**
   * Shares named credentials, replacing any of that name.
   *
   * @throws IllegalArgumentException if the value is not representable as JSON
   */
  public void putCredentials(String name, Object value) {
    Objects.requireNonNull(name, "name");
    credentials.set(name, new HazelcastJsonValue(Json.write(value)));
  }

  private long nextSequence() {
    Long previous = meta.putIfAbsent(SEQUENCE_KEY, 1L);
    if (previous == null) {
      return 1L;
    }
    while (true) {
      long current = meta.get(SEQUENCE_KEY);
      if (meta.replace(SEQUENCE_KEY, current, current + 1)) {
        return current + 1;
      }
    }
  }

  private static HazelcastJsonValue encode(long seq, String configJson) {
    return new HazelcastJsonValue("{\"seq\":" + seq + ",\"config\":" + configJson + "}");
  }

  private Entry decode(String name, HazelcastJsonValue value) {
    Object parsed = Json.parse(value.getValue());
    if (!(parsed instanceof Map<?, ?> map) || !(map.get("seq") instanceof Number seq)) {
      throw new IllegalStateException(
          "The registry entry of '"
              + name
              + "' in sharedcatalog."
              + catalogName
              + ".registry is not one sharedcatalog wrote: "
              + value.getValue());
    }
    return new Entry(name, seq.longValue(), asConfig(map.get("config")), value.getValue());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asConfig(Object parsed) {
    if (!(parsed instanceof Map)) {
      throw new IllegalStateException("A shared dataset config is not a JSON object: " + parsed);
    }
    return (Map<String, Object>) parsed;
  }
}
