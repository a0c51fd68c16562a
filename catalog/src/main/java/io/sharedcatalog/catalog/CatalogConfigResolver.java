package io.sharedcatalog.catalog;

import io.sharedcatalog.catalog.internal.Configs;
import io.sharedcatalog.catalog.internal.PatternIndex;
import io.sharedcatalog.catalog.internal.PlaceholderPattern;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves catalog configuration (Kedro's {@code CatalogConfigResolver}): dataset entries, dataset
 * factory patterns and credentials.
 *
 * <p><b>Entries.</b> The config is Kedro's {@code catalog.yml} shape: {@code name: {type: ...,
 * ...}}. Top-level keys starting with {@code _} are YAML anchors, not datasets, and are skipped.
 * Every other entry must be a map with a string {@code type}.
 *
 * <p><b>Patterns.</b> Entries whose names contain {@code {placeholders}} are patterns: {@code
 * "{namespace}.{name}"} matches {@code sales.raw}, and the placeholders are filled into every
 * string of the entry's config, nested maps and lists included. A placeholder matches one or more
 * characters, dots included, and the whole name must match. When several patterns match, the most
 * specific wins, as Kedro's {@code _sort_patterns}: more literal characters outside braces first,
 * then more placeholders, then alphabetical order. A pattern with no literal character ({@code
 * {default}}) is a catch-all; more than one catch-all among the user's patterns is refused at
 * construction, as is a pattern whose config uses a placeholder its name lacks. User patterns beat
 * the runtime patterns a catalog adds (see {@link DataCatalog}).
 *
 * <p><b>Credentials.</b> {@code credentials: NAME} anywhere in an entry (nested maps included) is
 * replaced by the named credentials map.
 *
 * <p>This class is thread-safe (immutable).
 */
public final class CatalogConfigResolver {
  private static final Logger log = LoggerFactory.getLogger(CatalogConfigResolver.class);
  private static final String CREDENTIALS_KEY = "credentials";

  private final Map<String, Object> userConfig;
  private final Map<String, Object> credentials;
  private final Map<String, Object> resolvedConfigs;
  private final Map<String, Map<String, Object>> userPatternConfigs;
  private final Map<String, Map<String, Object>> runtimePatternConfigs;
  private final PatternIndex userPatterns;
  private final PatternIndex runtimePatterns;

  /** Creates a resolver with no configuration. */
  public CatalogConfigResolver() {
    this(null, null, null);
  }

  /**
   * Creates a resolver for a catalog config and its credentials.
   *
   * @param config the catalog config, or {@code null} for none
   * @param credentials named credentials, or {@code null} for none
   * @throws DatasetException if an entry is not a map, has no string {@code type}, has unbalanced
   *     braces in its name, or refers to unknown credentials; if more than one pattern is a
   *     catch-all; or if a pattern's config uses a placeholder the pattern lacks
   */
  public CatalogConfigResolver(Map<String, ?> config, Map<String, ?> credentials) {
    this(config, credentials, null);
  }

  /**
   * Creates a resolver with runtime patterns as well: patterns of the catalog itself, used only
   * when no user pattern matches (for example {@code {default}} to {@code MemoryDataset}).
   *
   * @param config the catalog config, or {@code null} for none
   * @param credentials named credentials, or {@code null} for none
   * @param runtimePatterns runtime patterns and their configs, or {@code null} for none
   * @throws DatasetException if an entry is invalid (see {@link #CatalogConfigResolver(Map, Map)})
   */
  public CatalogConfigResolver(
      Map<String, ?> config,
      Map<String, ?> credentials,
      Map<String, ? extends Map<String, ?>> runtimePatterns) {
    this.credentials = Configs.immutableMap(credentials);
    Map<String, Object> user = new LinkedHashMap<>();
    Map<String, Object> resolved = new LinkedHashMap<>();
    Map<String, Map<String, Object>> patternConfigs = new LinkedHashMap<>();
    List<PlaceholderPattern> patterns = new ArrayList<>();
    if (config != null) {
      for (Map.Entry<String, ?> entry : config.entrySet()) {
        String name = Objects.requireNonNull(entry.getKey(), "config contains a null name");
        if (name.startsWith("_")) {
          continue;
        }
        Map<String, Object> entryConfig = validateEntry(name, entry.getValue());
        user.put(name, Configs.immutableCopy(entryConfig));
        if (PlaceholderPattern.isPattern(name)) {
          PlaceholderPattern pattern = PlaceholderPattern.compile(name);
          pattern.checkConfigUsesOnlyItsPlaceholders(entryConfig);
          patterns.add(pattern);
          patternConfigs.put(name, Configs.immutableMap(entryConfig));
          checkCredentialNames(name, entryConfig);
        } else {
          resolved.put(name, Configs.immutableCopy(resolveCredentials(name, entryConfig)));
        }
      }
    }
    this.userConfig = Collections.unmodifiableMap(user);
    this.resolvedConfigs = Collections.unmodifiableMap(resolved);
    this.userPatternConfigs = Collections.unmodifiableMap(patternConfigs);
    this.userPatterns = new PatternIndex(patterns);
    List<String> catchAll =
        userPatterns.ranked().stream()
            .filter(p -> p.specificity() == 0)
            .map(PlaceholderPattern::text)
            .toList();
    if (catchAll.size() > 1) {
      // As Kedro's _sort_patterns: which of two catch-alls wins would be an accident of spelling.
      throw new DatasetException(
          "Multiple catch-all patterns found in the catalog: "
              + String.join(", ", catchAll)
              + ". Only one catch-all pattern (a pattern with no characters outside its"
              + " placeholders) is allowed: remove the extras.");
    }
    Map<String, Map<String, Object>> runtimeConfigs = new LinkedHashMap<>();
    List<PlaceholderPattern> runtime = new ArrayList<>();
    if (runtimePatterns != null) {
      for (Map.Entry<String, ? extends Map<String, ?>> entry : runtimePatterns.entrySet()) {
        String name = Objects.requireNonNull(entry.getKey(), "runtime pattern name");
        Map<String, Object> entryConfig = validateEntry(name, entry.getValue());
        runtime.add(PlaceholderPattern.compile(name));
        runtimeConfigs.put(name, Configs.immutableMap(entryConfig));
      }
    }
    this.runtimePatternConfigs = Collections.unmodifiableMap(runtimeConfigs);
    this.runtimePatterns = new PatternIndex(runtime);
  }

  /**
   * Returns a resolver with the same configuration and credentials, whose runtime patterns are this
   * resolver's plus the given ones (the given ones win for equal names).
   *
   * @throws DatasetException if a runtime pattern is invalid
   */
  public CatalogConfigResolver withRuntimePatterns(
      Map<String, ? extends Map<String, ?>> runtimePatterns) {
    Map<String, Map<String, ?>> merged = new LinkedHashMap<>(runtimePatternConfigs);
    if (runtimePatterns != null) {
      merged.putAll(runtimePatterns);
    }
    return new CatalogConfigResolver(userConfig, credentials, merged);
  }

  /**
   * Returns a resolver without the entry {@code name} (not a pattern): the catalog drops a config
   * entry that an explicitly given or {@code put} dataset replaces, as Kedro pops it from {@code
   * config_resolver.config}.
   */
  CatalogConfigResolver without(String name) {
    if (!resolvedConfigs.containsKey(name)) {
      return this;
    }
    Map<String, Object> remaining = new LinkedHashMap<>(userConfig);
    remaining.remove(name);
    return new CatalogConfigResolver(remaining, credentials, runtimePatternConfigs);
  }

  /**
   * Returns whether a dataset name is a pattern (contains a {@code {placeholder}}).
   *
   * @throws DatasetException if the name has unbalanced braces
   */
  public static boolean isPattern(String name) {
    return PlaceholderPattern.isPattern(Objects.requireNonNull(name, "name"));
  }

  /** Returns every pattern: user patterns ranked most specific first, then runtime patterns. */
  public List<String> listPatterns() {
    List<String> all = new ArrayList<>();
    userPatterns.ranked().forEach(p -> all.add(p.text()));
    runtimePatterns.ranked().forEach(p -> all.add(p.text()));
    return Collections.unmodifiableList(all);
  }

  /**
   * Returns the pattern that matches a name: the most specific user pattern, else the most specific
   * runtime pattern.
   */
  public Optional<String> matchPattern(String name) {
    Optional<String> user = matchUserPattern(name);
    return user.isPresent() ? user : runtimePatterns.match(name).map(PlaceholderPattern::text);
  }

  /** Returns the most specific user pattern (from the config, not runtime) matching a name. */
  public Optional<String> matchUserPattern(String name) {
    Objects.requireNonNull(name, "name");
    return userPatterns.match(name).map(PlaceholderPattern::text);
  }

  /**
   * Returns the config of a dataset: its entry if it has one, else the config of the pattern that
   * matches it with the placeholders filled in (credentials substituted), else an empty map.
   *
   * @throws DatasetException if the pattern's config uses a placeholder the pattern does not have,
   *     or refers to unknown credentials
   */
  @SuppressWarnings("unchecked")
  public Map<String, Object> resolvePattern(String name) {
    Object resolved = resolvedConfigs.get(Objects.requireNonNull(name, "name"));
    if (resolved != null) {
      return (Map<String, Object>) resolved;
    }
    Map<String, Object> filled = entryConfig(name);
    if (filled.isEmpty()) {
      return filled;
    }
    return Configs.immutableMap(resolveCredentials(name, filled));
  }

  /**
   * Returns a dataset's config as written, credentials still by name: its entry, or the matching
   * pattern's config with the placeholders filled in, or an empty map.
   *
   * @throws DatasetException if the pattern's config uses a placeholder the pattern does not have
   */
  @SuppressWarnings("unchecked")
  public Map<String, Object> entryConfig(String name) {
    Objects.requireNonNull(name, "name");
    if (resolvedConfigs.containsKey(name)) {
      return (Map<String, Object>) userConfig.get(name);
    }
    Optional<PlaceholderPattern> pattern = userPatterns.match(name);
    Map<String, Map<String, Object>> configs = userPatternConfigs;
    if (pattern.isEmpty()) {
      pattern = runtimePatterns.match(name);
      configs = runtimePatternConfigs;
    } else if (pattern.get().specificity() == 0) {
      log.debug("Dataset '{}' matched the catch-all pattern '{}'", name, pattern.get());
    }
    if (pattern.isEmpty()) {
      return Map.of();
    }
    PlaceholderPattern matched = pattern.get();
    Map<String, String> values = matched.match(name).orElseThrow();
    return Configs.immutableMap(
        (Map<String, Object>) matched.fill(configs.get(matched.text()), values, name));
  }

  /**
   * Returns the dataset entries that are not patterns, with credentials substituted, in config
   * order (Kedro's {@code config}).
   */
  public Map<String, Object> config() {
    return resolvedConfigs;
  }

  /**
   * Returns the configuration as given (entries and user patterns, credentials by name, {@code _}
   * keys left out), in config order.
   */
  public Map<String, Object> userConfig() {
    return userConfig;
  }

  /** Returns the credentials. */
  public Map<String, Object> credentials() {
    return credentials;
  }

  /** Returns the runtime patterns and their configs. */
  public Map<String, Map<String, Object>> runtimePatterns() {
    return runtimePatternConfigs;
  }

  private static Map<String, Object> validateEntry(String name, Object value) {
    if (!(value instanceof Map<?, ?> map)) {
      throw new DatasetException(
          "Catalog entry '"
              + name
              + "' is not a valid dataset configuration: expected a map with a 'type' key, got "
              + (value == null ? "nothing" : "'" + value + "'")
              + ". Write it as '"
              + name
              + ": {type: MemoryDataset}', or if this entry is meant for YAML anchors or"
              + " interpolation, start its name with an underscore.");
    }
    Map<String, Object> config = new LinkedHashMap<>();
    map.forEach((k, v) -> config.put(String.valueOf(k), v));
    Object type = config.get("type");
    if (!(type instanceof String typeName) || typeName.isBlank()) {
      throw new DatasetException(
          "An exception occurred when parsing config for dataset '"
              + name
              + "': 'type' is "
              + (type == null ? "missing from" : "not a type name in")
              + " its catalog configuration. Add 'type: <DatasetType>', for example 'type:"
              + " MemoryDataset'; if this entry is meant for YAML anchors or interpolation, start"
              + " its name with an underscore.");
    }
    if (config.containsKey("version")) {
      log.warn(
          "'version' attribute removed from configuration of dataset '{}' since it is a reserved"
              + " word and cannot be directly specified; use 'versioned: true' and load versions",
          name);
      config.remove("version");
    }
    return config;
  }

  private void checkCredentialNames(String pattern, Map<String, Object> config) {
    Object value = config.get(CREDENTIALS_KEY);
    if (value instanceof String name && name.indexOf('{') < 0) {
      lookupCredentials(pattern, name);
    }
  }

  private Object lookupCredentials(String datasetName, String credentialsName) {
    Object found = credentials.get(credentialsName);
    if (found == null) {
      throw new DatasetException(
          "Unable to find credentials '"
              + credentialsName
              + "' for dataset '"
              + datasetName
              + "': check your data catalog and credentials configuration. Known credentials: "
              + credentials.keySet()
              + ".");
    }
    return Configs.mutableCopy(found);
  }

  /**
   * Returns an entry's config as written with {@code credentials: NAME} replaced by the named
   * credentials, nested maps included.
   *
   * @throws DatasetException if it names unknown credentials; the message names both
   */
  static Map<String, Object> withCredentials(
      String datasetName, Map<String, ?> config, Map<String, ?> credentials) {
    return new CatalogConfigResolver(null, credentials).resolveCredentials(datasetName, config);
  }

  private Map<String, Object> resolveCredentials(String datasetName, Map<String, ?> config) {
    Map<String, Object> resolved = new LinkedHashMap<>();
    for (Map.Entry<String, ?> entry : config.entrySet()) {
      Object value = entry.getValue();
      if (CREDENTIALS_KEY.equals(entry.getKey()) && value instanceof String name) {
        resolved.put(entry.getKey(), lookupCredentials(datasetName, name));
      } else if (value instanceof Map<?, ?> nested) {
        Map<String, Object> nestedConfig = new LinkedHashMap<>();
        nested.forEach((k, v) -> nestedConfig.put(String.valueOf(k), v));
        resolved.put(entry.getKey(), resolveCredentials(datasetName, nestedConfig));
      } else {
        resolved.put(entry.getKey(), Configs.mutableCopy(value));
      }
    }
    return resolved;
  }

  @Override
  public String toString() {
    return "CatalogConfigResolver(datasets="
        + resolvedConfigs.keySet()
        + ", patterns="
        + listPatterns()
        + ")";
  }
}
