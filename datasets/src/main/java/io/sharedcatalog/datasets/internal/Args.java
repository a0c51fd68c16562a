package io.sharedcatalog.datasets.internal;

import io.sharedcatalog.catalog.DatasetException;
import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A dataset's {@code load_args} or {@code save_args}: the pandas arguments Kedro projects write.
 * Those with a meaning here are honoured; those with none in Java (for example {@code index}, since
 * rows carry no index) are accepted and ignored; any other key is refused by name.
 *
 * <p>This class is not thread-safe; it is used while a dataset is constructed.
 */
public final class Args {
  private final String datasetName;
  private final String typeName;
  private final String key;
  private final Map<String, Object> values;

  private Args(String datasetName, String typeName, String key, Map<String, Object> values) {
    this.datasetName = datasetName;
    this.typeName = typeName;
    this.key = key;
    this.values = values;
  }

  /**
   * Reads {@code key} ({@code load_args} or {@code save_args}) of an entry and checks its keys.
   *
   * @param honoured the keys this type acts on
   * @param ignored the keys accepted because they mean nothing here
   * @throws DatasetException naming any other key, and the keys accepted
   */
  public static Args of(EntryConfig entry, String key, Set<String> honoured, Set<String> ignored) {
    Map<String, Object> values = entry.map(key);
    Set<String> unknown = new TreeSet<>(values.keySet());
    unknown.removeAll(honoured);
    unknown.removeAll(ignored);
    if (!unknown.isEmpty()) {
      throw new DatasetException(
          "Dataset '"
              + entry.datasetName()
              + "' of type "
              + entry.typeName()
              + " has "
              + key
              + " "
              + unknown
              + " that this type does not support. Remove "
              + (unknown.size() == 1 ? "it" : "them")
              + "; "
              + key
              + " supported here: "
              + new TreeSet<>(honoured)
              + (ignored.isEmpty()
                  ? ""
                  : ", accepted and ignored (no meaning in Java): " + new TreeSet<>(ignored))
              + ".");
    }
    Map<String, Object> kept = new LinkedHashMap<>(values);
    kept.keySet().retainAll(honoured);
    return new Args(entry.datasetName(), entry.typeName(), key, kept);
  }

  /** Returns the honoured values, for {@code describe()}. */
  public Map<String, Object> values() {
    return values;
  }

  /** Returns whether a key is given. */
  public boolean has(String name) {
    return values.containsKey(name);
  }

  /** Returns a raw value, or {@code null}. */
  public Object raw(String name) {
    return values.get(name);
  }

  /** Returns a text value, or {@code fallback}. */
  public String string(String name, String fallback) {
    Object value = values.get(name);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof String text)) {
      throw wrong(name, value, "a text");
    }
    return text;
  }

  /** Returns a single character (a separator or quote), or {@code fallback}. */
  public char character(String name, char fallback) {
    String text = string(name, null);
    if (text == null) {
      return fallback;
    }
    String unescaped = text.equals("\\t") ? "\t" : text;
    if (unescaped.length() != 1) {
      throw wrong(name, text, "a single character");
    }
    return unescaped.charAt(0);
  }

  /** Returns a boolean value, or {@code fallback}. */
  public boolean bool(String name, boolean fallback) {
    Object value = values.get(name);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Boolean flag)) {
      throw wrong(name, value, "true or false");
    }
    return flag;
  }

  /** Returns a whole number, or {@code fallback}. */
  public int integer(String name, int fallback) {
    Object value = values.get(name);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Integer || value instanceof Long) || ((Number) value).intValue() < 0) {
      throw wrong(name, value, "a whole number, 0 or more");
    }
    return ((Number) value).intValue();
  }

  /** Returns a list of texts (a single text is a list of one), empty if absent. */
  public List<String> strings(String name) {
    return EntryConfig.strings(values.get(name));
  }

  /** Returns the {@code encoding} charset, UTF-8 if absent. */
  public Charset encoding(String name) {
    String text = string(name, "utf-8");
    try {
      return Charset.forName(text);
    } catch (IllegalArgumentException e) {
      throw wrong(name, text, "a known character encoding (for example utf-8 or latin-1)");
    }
  }

  /** Returns an error for a bad value of {@code name}, with what was expected. */
  public DatasetException wrong(String name, Object value, String expected) {
    return new DatasetException(
        "Dataset '"
            + datasetName
            + "' of type "
            + typeName
            + " has "
            + key
            + " '"
            + name
            + ": "
            + value
            + "', which is not "
            + expected
            + ". Fix it in the dataset's "
            + key
            + ".");
  }
}
