package io.sharedcatalog.cluster.internal;

import com.hazelcast.collection.IList;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.flakeidgen.FlakeIdGenerator;
import com.hazelcast.map.IMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The shared registrations of one catalog in the cluster: which names exist, in which order, the
 * config every process rebuilds each dataset from, and the generation of each binding.
 *
 * <p>Layout: the map {@code sharedcatalog.<catalog>.registry} holds, per dataset name, a {@link
 * HazelcastJsonValue} {@code {"order": n, "generation": g, "config": {...}}} ({@code order} is the
 * generation of the name's first binding), and under the reserved keys {@value #PATTERNS_KEY} and
 * {@value #CREDENTIALS_KEY} (braces make them patterns, which are never dataset names) the shared
 * user patterns and credentials as JSON objects. Both {@code order} and {@code generation} come
 * from the {@link FlakeIdGenerator} {@code sharedcatalog.<catalog>.ids}: unique across the cluster,
 * also across a split brain and its merge, so the order is one order everywhere (ties of equal
 * order, which unique ids never make, would fall back to the name). {@code order} is kept when a
 * binding is replaced, as a dict keeps a key's position; {@code generation} is new on every binding
 * and names the binding's value slot.
 *
 * <p>Every change is one atomic IMap operation ({@code putIfAbsent}, {@code replace(k, old, new)}
 * or {@code remove(k, old)}) behind the retry policy of {@link ClusterCalls}; a retried write that
 * had succeeded is recognised by its generation. No locks, no CP structures.
 *
 * <p>This class is thread-safe.
 */
public final class CatalogRegistry {
  /** Reserved registry key of the shared user patterns. */
  public static final String PATTERNS_KEY = "{patterns}";

  /** Reserved registry key of the shared credentials. */
  public static final String CREDENTIALS_KEY = "{credentials}";

  private static final Set<String> RESERVED = Set.of(PATTERNS_KEY, CREDENTIALS_KEY);

  /** Sends order-list appends alongside registry writes (daemon threads, ending when idle). */
  private static final ExecutorService APPENDS =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "sharedcatalog-registry-order");
            thread.setDaemon(true);
            return thread;
          });

  private final String catalogName;
  private final IMap<String, HazelcastJsonValue> registry;
  private final FlakeIdGenerator ids;
  private final IList<String> order;
  private final ClusterCalls calls;
  // lookups from many threads at once (a runner materialising its datasets) share getAll calls
  private final CoalescedReads<HazelcastJsonValue> lookups;

  /**
   * One registered name: its position, its binding's generation, its config, and the JSON it was
   * read from (equal JSON means the same binding).
   */
  public record Entry(
      String name, long order, long generation, Map<String, Object> config, String json) {
    /** The value slot of this binding. */
    public String slot() {
      return slotOf(name, generation);
    }
  }

  private CatalogRegistry(HazelcastInstance hz, String catalogName) {
    this.catalogName = catalogName;
    this.registry = hz.getMap(mapName(catalogName, "registry"));
    this.ids = hz.getFlakeIdGenerator(mapName(catalogName, "ids"));
    this.order = hz.getList(mapName(catalogName, "order"));
    this.calls = ClusterCalls.of(hz);
    this.lookups = new CoalescedReads<>(keys -> calls.get(() -> registry.getAll(keys)));
  }

  /** Returns the registry of catalog {@code catalogName} on {@code hz} (member or client). */
  public static CatalogRegistry of(HazelcastInstance hz, String catalogName) {
    Objects.requireNonNull(hz, "hz");
    Objects.requireNonNull(catalogName, "catalogName");
    return new CatalogRegistry(hz, catalogName);
  }

  /** The name of the cluster object for {@code purpose} of catalog {@code catalogName}. */
  public static String mapName(String catalogName, String purpose) {
    return "sharedcatalog." + catalogName + "." + purpose;
  }

  /** The value slot of the binding of {@code name} with {@code generation}. */
  public static String slotOf(String name, long generation) {
    return name + "#" + generation;
  }

  public String catalogName() {
    return catalogName;
  }

  /** A new, cluster-wide unique generation (usually without a round trip: ids come in batches). */
  public long newGeneration() {
    return calls.get(ids::newId);
  }

  /**
   * Returns every entry in order: the order in which names were first registered, kept by the list
   * {@code sharedcatalog.<catalog>.order} (one partition, so appends are one order everywhere). A
   * name the list lacks (its append failed, or a split brain's merge kept the other side's list)
   * follows, by its first generation and then its name, so every process still sees the same order;
   * such names are then appended to the list in that order (one more round trip, only when some are
   * missing), so a name registered afterwards goes after them.
   */
  public List<Entry> entries() {
    List<Entry> entries = new ArrayList<>();
    for (Map.Entry<String, HazelcastJsonValue> e : calls.get(registry::entrySet)) {
      if (!RESERVED.contains(e.getKey())) {
        entries.add(decode(e.getKey(), e.getValue()));
      }
    }
    Map<String, Integer> position = new HashMap<>();
    List<String> appended = calls.get(() -> List.copyOf(order));
    for (int i = 0; i < appended.size(); i++) {
      position.putIfAbsent(appended.get(i), i);
    }
    entries.sort(
        Comparator.comparingInt((Entry e) -> position.getOrDefault(e.name(), Integer.MAX_VALUE))
            .thenComparingLong(Entry::order)
            .thenComparing(Entry::name));
    List<String> unlisted =
        entries.stream().map(Entry::name).filter(n -> !position.containsKey(n)).toList();
    if (!unlisted.isEmpty()) { // give them their places now, so that later names go after them
      calls.run(() -> order.addAll(unlisted));
    }
    return entries;
  }

  /** Returns the number of registered names. */
  public int size() {
    int reserved = calls.get(() -> registry.getAll(RESERVED)).size();
    return calls.get(registry::size) - reserved;
  }

  /** Returns whether {@code name} is registered. */
  public boolean contains(String name) {
    return !RESERVED.contains(name) && calls.get(() -> registry.containsKey(name));
  }

  /** Returns the entry of {@code name}, if registered. */
  public Optional<Entry> entry(String name) {
    if (RESERVED.contains(name)) {
      return Optional.empty();
    }
    HazelcastJsonValue value = calls.get(() -> registry.get(name));
    return value == null ? Optional.empty() : Optional.of(decode(name, value));
  }

  /** The entry of {@code name} and the shared patterns, read in one round trip. */
  public record Lookup(Optional<Entry> entry, Map<String, Map<String, Object>> patterns) {}

  /** Reads the entry of {@code name} together with the shared patterns. */
  public Lookup lookup(String name) {
    Map<String, HazelcastJsonValue> both = lookups.read(Set.of(name, PATTERNS_KEY));
    HazelcastJsonValue value = RESERVED.contains(name) ? null : both.get(name);
    return new Lookup(
        value == null ? Optional.empty() : Optional.of(decode(name, value)),
        patternsOf(both.get(PATTERNS_KEY)));
  }

  /**
   * The outcome of a registration.
   *
   * @param current the binding now in the registry
   * @param replaced the binding this registration replaced, if any
   * @param won whether {@code current} is this registration's
   */
  public record Registration(Entry current, Optional<Entry> replaced, boolean won) {}

  /**
   * Registers {@code name} with {@code config} under {@code generation} unless it is registered:
   * two round trips (the entry, then the name's place in the order list).
   */
  public Registration putIfAbsent(String name, Map<String, ?> config, long generation) {
    return putIfAbsent(name, config, generation, false);
  }

  /**
   * As {@link #putIfAbsent(String, Map, long)}; with {@code likelyNew} (the caller just saw the
   * name unregistered) the name is appended to the order list at the same time as the entry is
   * written, one round trip in all. A name appended by a registration that lost is harmless: the
   * winner's registration is the same name, and only the first place of a name counts.
   */
  public Registration putIfAbsent(
      String name, Map<String, ?> config, long generation, boolean likelyNew) {
    HazelcastJsonValue written = encode(generation, generation, config);
    CompletableFuture<Void> appended =
        likelyNew
            ? CompletableFuture.runAsync(() -> calls.run(() -> order.add(name)), APPENDS)
            : null;
    HazelcastJsonValue existing = calls.get(() -> registry.putIfAbsent(name, written));
    if (appended != null) {
      appended.join();
    }
    if (existing == null) {
      if (appended == null) {
        calls.run(() -> order.add(name));
      }
      return new Registration(decode(name, written), Optional.empty(), true);
    }
    if (isGeneration(name, existing, generation)) { // a retried putIfAbsent that had succeeded
      if (!calls.get(() -> order.contains(name))) {
        calls.run(() -> order.add(name));
      }
      return new Registration(decode(name, written), Optional.empty(), true);
    }
    return new Registration(decode(name, existing), Optional.empty(), false);
  }

  /**
   * Binds {@code name} to {@code config} under {@code generation}, keeping its position if it was
   * registered: one round trip for a new name, two for a registered one.
   */
  public Registration put(String name, Map<String, ?> config, long generation) {
    Registration attempt = putIfAbsent(name, config, generation);
    while (!attempt.won()) {
      Entry old = attempt.current();
      HazelcastJsonValue written = encode(old.order(), generation, config);
      HazelcastJsonValue expected = new HazelcastJsonValue(old.json());
      if (calls.get(() -> registry.replace(name, expected, written))) {
        return new Registration(decode(name, written), Optional.of(old), true);
      }
      Optional<Entry> now = entry(name);
      if (now.isPresent() && now.get().generation() == generation) {
        return new Registration(now.get(), Optional.of(old), true); // a retried replace
      }
      attempt =
          now.isEmpty()
              ? putIfAbsent(name, config, generation)
              : new Registration(now.get(), Optional.empty(), false);
    }
    return attempt;
  }

  /**
   * Replaces the binding {@code expected} of its name with {@code config} under {@code generation},
   * keeping the name's position, if {@code expected} is still the binding: one round trip (two if
   * the answer was lost and the call retried).
   *
   * @return whether the new binding was written
   */
  public boolean replace(Entry expected, Map<String, ?> config, long generation) {
    String name = expected.name();
    HazelcastJsonValue written = encode(expected.order(), generation, config);
    HazelcastJsonValue old = new HazelcastJsonValue(expected.json());
    if (calls.get(() -> registry.replace(name, old, written))) {
      return true;
    }
    // a retried replace that had succeeded is recognised by its generation
    return entry(name).map(now -> now.generation() == generation).orElse(false);
  }

  /** Returns the shared user patterns and their configs (unordered; the resolver ranks them). */
  public Map<String, Map<String, Object>> patterns() {
    return patternsOf(calls.get(() -> registry.get(PATTERNS_KEY)));
  }

  /**
   * Shares a user pattern, replacing any config it had.
   *
   * @throws IllegalArgumentException if the config is not representable as JSON
   */
  public void putPattern(String pattern, Map<String, ?> config) {
    Objects.requireNonNull(pattern, "pattern");
    update(PATTERNS_KEY, pattern, config);
  }

  /** Returns the shared credentials by name. */
  public Map<String, Object> credentials() {
    HazelcastJsonValue value = calls.get(() -> registry.get(CREDENTIALS_KEY));
    return value == null ? Map.of() : ConfigJson.readObject(value.getValue());
  }

  /**
   * Shares named credentials, replacing any of that name.
   *
   * @throws IllegalArgumentException if the value is not representable as JSON
   */
  public void putCredentials(String name, Object value) {
    Objects.requireNonNull(name, "name");
    update(CREDENTIALS_KEY, name, value);
  }

  /** Sets {@code field} of the JSON object under the reserved {@code key}, by compare-and-set. */
  private void update(String key, String field, Object value) {
    while (true) {
      HazelcastJsonValue current = calls.get(() -> registry.get(key));
      Map<String, Object> object =
          current == null
              ? new LinkedHashMap<>()
              : new LinkedHashMap<>(ConfigJson.readObject(current.getValue()));
      object.put(field, value);
      HazelcastJsonValue next = new HazelcastJsonValue(ConfigJson.write(object));
      if (current == null) {
        HazelcastJsonValue raced = calls.get(() -> registry.putIfAbsent(key, next));
        if (raced == null || raced.equals(next)) {
          return;
        }
      } else if (calls.get(() -> registry.replace(key, current, next))) {
        return;
      } else if (next.equals(calls.get(() -> registry.get(key)))) {
        return; // a retried replace that had succeeded
      }
    }
  }

  private static HazelcastJsonValue encode(long order, long generation, Map<String, ?> config) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("order", order);
    entry.put("generation", generation);
    entry.put("config", config);
    return new HazelcastJsonValue(ConfigJson.write(entry));
  }

  private boolean isGeneration(String name, HazelcastJsonValue value, long generation) {
    return decode(name, value).generation() == generation;
  }

  private Entry decode(String name, HazelcastJsonValue value) {
    Map<String, Object> map;
    try {
      map = ConfigJson.readObject(value.getValue());
    } catch (IllegalArgumentException e) {
      throw notOurs(name, value, e);
    }
    if (!(map.get("order") instanceof Number order)
        || !(map.get("generation") instanceof Number generation)
        || !(map.get("config") instanceof Map<?, ?> config)) {
      throw notOurs(name, value, null);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> typed = (Map<String, Object>) config;
    return new Entry(name, order.longValue(), generation.longValue(), typed, value.getValue());
  }

  private IllegalStateException notOurs(String name, HazelcastJsonValue value, Exception cause) {
    String text = value.getValue();
    return new IllegalStateException(
        "The registry entry of '"
            + name
            + "' in "
            + mapName(catalogName, "registry")
            + " is not one sharedcatalog wrote (a process of another version, or another"
            + " program, wrote it): "
            + (text.length() > 200 ? text.substring(0, 200) + "..." : text)
            + ". Register the dataset again.",
        cause);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> patternsOf(HazelcastJsonValue value) {
    if (value == null) {
      return Map.of();
    }
    Map<String, Map<String, Object>> result = new LinkedHashMap<>();
    ConfigJson.readObject(value.getValue())
        .forEach(
            (pattern, config) -> {
              if (config instanceof Map<?, ?> map) {
                result.put(pattern, (Map<String, Object>) map);
              }
            });
    return result;
  }
}
