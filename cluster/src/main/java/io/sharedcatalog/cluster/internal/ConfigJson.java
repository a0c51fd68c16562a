package io.sharedcatalog.cluster.internal;

import com.hazelcast.jet.json.JsonUtil;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;

/**
 * Dataset configs as the JSON text the cluster holds, written and read with Hazelcast's public
 * {@link JsonUtil}, so members hold them without any class of ours. A config may hold maps with
 * string keys (order kept), lists, strings, booleans, integral and finite floating numbers, null.
 *
 * <p>This class is thread-safe.
 */
public final class ConfigJson {
  private ConfigJson() {}

  /** Returns whether {@code value} is made only of the types above, so {@link #write} takes it. */
  public static boolean isRepresentable(Object value) {
    if (value == null
        || value instanceof String
        || value instanceof Boolean
        || value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte) {
      return true;
    }
    if (value instanceof Double || value instanceof Float) {
      return Double.isFinite(((Number) value).doubleValue());
    }
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getKey() instanceof String) || !isRepresentable(e.getValue())) {
          return false;
        }
      }
      return true;
    }
    if (value instanceof Collection<?> items) {
      for (Object item : items) {
        if (!isRepresentable(item)) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  /**
   * Writes {@code value} as JSON text.
   *
   * @throws IllegalArgumentException if a part of it is not representable
   */
  public static String write(Object value) {
    if (!isRepresentable(value)) {
      throw new IllegalArgumentException(
          "Not plain config (strings, numbers, booleans, lists, maps): " + value);
    }
    try {
      return JsonUtil.toJson(value);
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot write as JSON: " + value, e);
    }
  }

  /**
   * Reads a JSON object.
   *
   * @throws IllegalArgumentException if {@code text} is not a JSON object
   */
  public static Map<String, Object> readObject(String text) {
    try {
      Map<String, Object> map = JsonUtil.mapFrom(text);
      if (map == null) {
        throw new IllegalArgumentException("Not a JSON object: " + text);
      }
      return map;
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("Not a JSON object: " + abbreviate(text), e);
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }
}
