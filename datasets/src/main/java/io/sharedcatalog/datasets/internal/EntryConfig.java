package io.sharedcatalog.datasets.internal;

import io.sharedcatalog.catalog.DatasetException;
import io.sharedcatalog.catalog.Version;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One catalog entry's configuration, read for a dataset type: typed getters whose errors name the
 * dataset, the type, the key and the fix, and a check that refuses keys the type does not know.
 *
 * <p>This class is not thread-safe; it is used while a dataset is constructed.
 */
public final class EntryConfig {
  private final String datasetName;
  private final String typeName;
  private final Map<String, Object> config;

  /**
   * Reads an entry.
   *
   * @param datasetName the dataset's name, for messages
   * @param typeName the type's short name, for messages
   * @param config the entry without {@code type}
   */
  public EntryConfig(String datasetName, String typeName, Map<String, ?> config) {
    this.datasetName = datasetName;
    this.typeName = typeName;
    this.config = config == null ? Map.of() : new LinkedHashMap<>(config);
  }

  /** Returns the dataset's name. */
  public String datasetName() {
    return datasetName;
  }

  /** Returns the type's short name. */
  public String typeName() {
    return typeName;
  }

  /** Returns whether a key is present. */
  public boolean has(String key) {
    return config.get(key) != null;
  }

  /** Returns a raw value, or {@code null}. */
  public Object raw(String key) {
    return config.get(key);
  }

  /** Refuses keys outside {@code allowed}, naming them and the accepted keys. */
  public void requireOnly(Set<String> allowed) {
    Set<String> unknown = new TreeSet<>(config.keySet());
    unknown.removeAll(allowed);
    if (!unknown.isEmpty()) {
      throw new DatasetException(
          "Dataset '"
              + datasetName
              + "' of type "
              + typeName
              + " has unknown configuration keys "
              + unknown
              + (unknown.contains("version")
                  ? " ('versioned: true' is not supported by this type)"
                  : "")
              + ". Remove them; the type accepts "
              + new TreeSet<>(allowed).stream().filter(k -> !k.equals("version")).toList()
              + ".");
    }
  }

  /**
   * Returns {@code filepath} as a local path: a plain path or a {@code file://} URL. Other
   * protocols (s3, gcs, ...) are refused: this module reads local files only.
   */
  public Path filepath(String key) {
    Object value = config.get(key);
    if (!(value instanceof String text) || text.isBlank()) {
      throw new DatasetException(
          "Dataset '"
              + datasetName
              + "' of type "
              + typeName
              + (value == null
                  ? " has no '" + key + "'"
                  : " has a '" + key + "' that is not a text")
              + ". Give the file as a string, for example '"
              + key
              + ": data/01_raw/"
              + datasetName
              + "'.");
    }
    String path = text;
    if (path.startsWith("file://")) {
      path = path.substring("file://".length());
    } else {
      int protocol = path.indexOf("://");
      if (protocol > 0) {
        throw new DatasetException(
            "Dataset '"
                + datasetName
                + "' of type "
                + typeName
                + " has '"
                + key
                + ": "
                + text
                + "', a '"
                + path.substring(0, protocol)
                + "' URL: only local files are supported. Copy the data to a local path (or a"
                + " mounted folder) and give that path.");
      }
    }
    return Path.of(path);
  }

  /** Returns a text value, or {@code fallback} if absent. */
  public String string(String key, String fallback) {
    Object value = config.get(key);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof String text)) {
      throw wrongType(key, value, "a text");
    }
    return text;
  }

  /** Returns a required text value. */
  public String requiredString(String key, String example) {
    String value = string(key, null);
    if (value == null || value.isBlank()) {
      throw new DatasetException(
          "Dataset '"
              + datasetName
              + "' of type "
              + typeName
              + " has no '"
              + key
              + "'. Add it, for example '"
              + key
              + ": "
              + example
              + "'.");
    }
    return value;
  }

  /** Returns a boolean value, or {@code fallback} if absent. */
  public boolean bool(String key, boolean fallback) {
    Object value = config.get(key);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Boolean flag)) {
      throw wrongType(key, value, "true or false");
    }
    return flag;
  }

  /** Returns a map value (for example {@code load_args}), empty if absent. */
  public Map<String, Object> map(String key) {
    Object value = config.get(key);
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw wrongType(key, value, "a mapping of keys to values");
    }
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((k, v) -> copy.put(String.valueOf(k), v));
    return copy;
  }

  /** Returns the {@code version} the catalog put in place of {@code versioned: true}, or null. */
  public Version version() {
    Object value = config.get("version");
    if (value != null && !(value instanceof Version)) {
      throw wrongType("version", value, "a version (write 'versioned: true')");
    }
    return (Version) value;
  }

  /**
   * Returns the record class named by {@code record}, or {@code null} if the entry has none.
   *
   * @throws DatasetException if the class is not found or is not a record
   */
  public Class<?> recordClass() {
    String name = string("record", null);
    if (name == null) {
      return null;
    }
    Class<?> found;
    try {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      found =
          Class.forName(name, false, loader != null ? loader : EntryConfig.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new DatasetException(
          "Dataset '"
              + datasetName
              + "' of type "
              + typeName
              + " has 'record: "
              + name
              + "', a class that is not on the classpath. Put the record's jar on the classpath,"
              + " or fix the class name (a fully qualified name such as com.acme.Shuttle).",
          e);
    }
    if (!found.isRecord()) {
      throw new DatasetException(
          "Dataset '"
              + datasetName
              + "' of type "
              + typeName
              + " has 'record: "
              + name
              + "', which is not a record class. Name a Java record whose components are the"
              + " table's columns, or leave 'record' out to load rows as maps.");
    }
    return found;
  }

  /** Returns the {@code credentials} map (after the catalog substituted it), empty if absent. */
  public Map<String, Object> credentials() {
    Object value = config.get("credentials");
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map<?, ?>)) {
      throw new DatasetException(
          "Dataset '"
              + datasetName
              + "' of type "
              + typeName
              + " has 'credentials' that are not a mapping. Name an entry of credentials.yml, for"
              + " example 'credentials: db_credentials' with 'db_credentials: {con: ...}'.");
    }
    return map("credentials");
  }

  /** Returns a list of texts (a single text counts as a list of one), empty if absent. */
  public static List<String> strings(Object value) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    return List.of(String.valueOf(value));
  }

  private DatasetException wrongType(String key, Object value, String expected) {
    return new DatasetException(
        "Dataset '"
            + datasetName
            + "' of type "
            + typeName
            + " has '"
            + key
            + ": "
            + value
            + "' ("
            + value.getClass().getSimpleName()
            + "), which is not "
            + expected
            + ". Fix the value in its catalog entry.");
  }
}
