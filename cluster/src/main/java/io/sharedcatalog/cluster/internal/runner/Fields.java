package io.sharedcatalog.cluster.internal.runner;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The text form of protocol records stored in the cluster: {@code key=value} pairs joined by {@code
 * &}, values percent-encoded. Plain strings, so members need none of our classes and {@code
 * IMap.replace(key, expected, next)} compares them exactly.
 *
 * <p>This class is thread-safe.
 */
final class Fields {
  private Fields() {}

  static String encode(Map<String, ?> fields) {
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, ?> field : fields.entrySet()) {
      if (text.length() > 0) {
        text.append('&');
      }
      text.append(field.getKey())
          .append('=')
          .append(URLEncoder.encode(String.valueOf(field.getValue()), StandardCharsets.UTF_8));
    }
    return text.toString();
  }

  static Map<String, String> decode(String text) {
    Map<String, String> fields = new LinkedHashMap<>();
    if (text == null || text.isEmpty()) {
      return fields;
    }
    for (String pair : text.split("&", -1)) {
      int eq = pair.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("Malformed protocol record '" + text + "'");
      }
      fields.put(
          pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return Collections.unmodifiableMap(fields);
  }

  static String require(Map<String, String> fields, String key, String text) {
    String value = fields.get(key);
    if (value == null) {
      throw new IllegalArgumentException(
          "Protocol record '" + text + "' has no field '" + key + "'");
    }
    return value;
  }
}
