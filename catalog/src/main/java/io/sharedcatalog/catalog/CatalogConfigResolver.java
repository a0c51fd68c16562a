package io.sharedcatalog.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves catalog configuration: dataset entries, dataset factory patterns and credentials
 * (skeleton).
 *
 * <p>This class is thread-safe.
 */
public final class CatalogConfigResolver {

  /** Creates a resolver with no configuration. */
  public CatalogConfigResolver() {
    this(null, null);
  }

  /** Creates a resolver for a catalog config and its credentials (either may be null). */
  public CatalogConfigResolver(Map<String, ?> config, Map<String, ?> credentials) {
    this(config, credentials, null);
  }

  /** Creates a resolver with runtime patterns too. */
  public CatalogConfigResolver(
      Map<String, ?> config,
      Map<String, ?> credentials,
      Map<String, ? extends Map<String, ?>> runtimePatterns) {}

  /** Returns a resolver with the same config and these runtime patterns added. */
  public CatalogConfigResolver withRuntimePatterns(
      Map<String, ? extends Map<String, ?>> runtimePatterns) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Returns whether a name is a pattern. */
  public static boolean isPattern(String name) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Returns all patterns, most specific first. */
  public List<String> listPatterns() {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Returns the pattern that matches a name. */
  public Optional<String> matchPattern(String name) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Returns the user pattern that matches a name. */
  public Optional<String> matchUserPattern(String name) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Returns the config of a name. */
  public Map<String, Object> resolvePattern(String name) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Returns the resolved dataset entries. */
  public Map<String, Object> config() {
    throw new UnsupportedOperationException("skeleton");
  }
}
