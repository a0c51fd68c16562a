package io.sharedcatalog.cluster.internal.runner;

import com.hazelcast.jet.json.JsonUtil;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of the runner's records in the cluster (task entries, run listings, run progress,
 * worker records), written and read with Hazelcast's public {@link JsonUtil}, so members hold plain
 * JSON text ({@code HazelcastJsonValue}) and need none of our classes. Writers pass ordered maps
 * ({@code LinkedHashMap}): the same record always gives the same text, which {@code
 * IMap.replace(key, expected, next)} compares exactly.
 *
 * <p>This class is thread-safe.
 */
final class RunnerJson {
  private RunnerJson() {}

  static String write(Object value) {
    try {
      return JsonUtil.toJson(value);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write a runner record as JSON: " + value, e);
    }
  }

  /**
   * Reads a JSON object.
   *
   * @throws IllegalArgumentException if {@code text} is not a JSON object
   */
  static Map<String, Object> read(String text) {
    try {
      Map<String, Object> map = JsonUtil.mapFrom(text);
      if (map == null) {
        throw new IllegalArgumentException("Runner record is not a JSON object: '" + text + "'");
      }
      return map;
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("Runner record is not valid JSON: '" + text + "'", e);
    }
  }

  static String string(Map<String, Object> fields, String key, String text) {
    Object value = fields.get(key);
    if (!(value instanceof String s)) {
      throw new IllegalArgumentException(
          "Runner record '" + text + "' has no text field '" + key + "'");
    }
    return s;
  }

  static String optionalString(Map<String, Object> fields, String key) {
    Object value = fields.get(key);
    return value instanceof String s ? s : "";
  }

  static long number(Map<String, Object> fields, String key, String text) {
    Object value = fields.get(key);
    if (!(value instanceof Number n)) {
      throw new IllegalArgumentException(
          "Runner record '" + text + "' has no number field '" + key + "'");
    }
    return n.longValue();
  }

  static long optionalNumber(Map<String, Object> fields, String key) {
    Object value = fields.get(key);
    return value instanceof Number n ? n.longValue() : 0;
  }

  static boolean flag(Map<String, Object> fields, String key) {
    return Boolean.TRUE.equals(fields.get(key));
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Map<String, Object> fields, String key) {
    Object value = fields.get(key);
    return value instanceof List<?> l ? (List<Object>) l : List.of();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Map<String, Object> fields, String key) {
    Object value = fields.get(key);
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }
}
