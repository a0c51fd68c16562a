package io.sharedcatalog.cluster.cli.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * {@code --params KEY=VALUE} on the command line, typed as Kedro types them: {@code true}/{@code
 * false} become booleans, whole numbers integers (or longs when too large for an int), decimals
 * doubles, and anything else a string; quotes ({@code "42"} or {@code '42'}) keep a value a string.
 * A dotted key ({@code model_options.test_size=0.3}) sets a key inside a nested map of {@code
 * parameters.yml}.
 *
 * <p>This class is thread-safe (it has no state).
 */
public final class Params {
  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+\\.\\d*|\\.\\d+|\\d+)([eE][+-]?\\d+)?");
  private static final Pattern KEY = Pattern.compile("[^.=\\s]+(\\.[^.=\\s]+)*");

  /**
   * One {@code KEY=VALUE} with its typed value.
   *
   * <p>This class is immutable and thread-safe.
   */
  public record Param(String key, Object value) {
    /** Checks the key. */
    public Param {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
    }
  }

  private Params() {}

  /**
   * Parses one {@code KEY=VALUE}.
   *
   * @throws IllegalArgumentException if there is no {@code =} or the key is empty or malformed; the
   *     message shows the expected form
   */
  public static Param parse(String keyValue) {
    int equals = keyValue.indexOf('=');
    if (equals < 0) {
      throw new IllegalArgumentException(
          "'" + keyValue + "' is not KEY=VALUE; write for example --params rows=1000");
    }
    String key = keyValue.substring(0, equals).strip();
    if (!KEY.matcher(key).matches()) {
      throw new IllegalArgumentException(
          "'"
              + keyValue
              + "' has "
              + (key.isEmpty() ? "an empty key" : "a malformed key '" + key + "'")
              + "; write for example --params rows=1000 or --params model_options.test_size=0.3");
    }
    return new Param(key, typed(keyValue.substring(equals + 1).strip()));
  }

  /** Types a value given on the command line (see the class comment). */
  public static Object typed(String value) {
    if (value.length() >= 2
        && (value.startsWith("\"") && value.endsWith("\"")
            || value.startsWith("'") && value.endsWith("'"))) {
      return value.substring(1, value.length() - 1);
    }
    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
      return Boolean.valueOf(value);
    }
    if (INTEGER.matcher(value).matches()) {
      try {
        long number = Long.parseLong(value);
        if (number == (int) number) {
          return Integer.valueOf((int) number);
        }
        return Long.valueOf(number);
      } catch (NumberFormatException tooLarge) {
        return Double.valueOf(value);
      }
    }
    if (DECIMAL.matcher(value).matches()) {
      return Double.valueOf(value);
    }
    return value;
  }

  /**
   * Returns {@code base} (parameters read from {@code parameters.yml}) with the overrides applied
   * in order: a dotted key descends into nested maps, creating them where missing and replacing a
   * non-map value on the way.
   *
   * @return a new map; {@code base} is not changed
   */
  public static Map<String, Object> merge(Map<String, ?> base, List<Param> overrides) {
    Map<String, Object> result = deepCopy(base);
    for (Param param : overrides) {
      String[] path = param.key().split("\\.");
      Map<String, Object> target = result;
      for (int i = 0; i < path.length - 1; i++) {
        Object child = target.get(path[i]);
        if (!(child instanceof Map)) {
          child = new LinkedHashMap<String, Object>();
          target.put(path[i], child);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> next = (Map<String, Object>) child;
        target = next;
      }
      target.put(path[path.length - 1], param.value());
    }
    return result;
  }

  private static Map<String, Object> deepCopy(Map<String, ?> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach(
        (key, value) ->
            copy.put(
                String.valueOf(key),
                value instanceof Map<?, ?> nested ? deepCopy(stringKeys(nested)) : value));
    return copy;
  }

  private static Map<String, Object> stringKeys(Map<?, ?> map) {
    Map<String, Object> result = new LinkedHashMap<>();
    map.forEach((key, value) -> result.put(String.valueOf(key), value));
    return result;
  }
}
