package io.sharedcatalog.catalog.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies of configuration trees (maps, lists and scalars).
 *
 * <p>This class is thread-safe.
 */
public final class Configs {
  private Configs() {}

  /** Returns an unmodifiable deep copy of a config tree, keeping map order. */
  public static Object immutableCopy(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), immutableCopy(v)));
      return Collections.unmodifiableMap(copy);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(v -> copy.add(immutableCopy(v)));
      return Collections.unmodifiableList(copy);
    }
    return value;
  }

  /** Returns an unmodifiable deep copy of a config map ({@code null} gives an empty map). */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> immutableMap(Map<String, ?> map) {
    return map == null ? Map.of() : (Map<String, Object>) immutableCopy(map);
  }

  /** Returns a modifiable deep copy of a config tree, keeping map order. */
  public static Object mutableCopy(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), mutableCopy(v)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(v -> copy.add(mutableCopy(v)));
      return copy;
    }
    return value;
  }

  /** Returns a modifiable deep copy of a config map. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> mutableMap(Map<String, ?> map) {
    return map == null ? new LinkedHashMap<>() : (Map<String, Object>) mutableCopy(map);
  }
}
