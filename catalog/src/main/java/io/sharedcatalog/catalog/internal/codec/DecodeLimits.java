package io.sharedcatalog.catalog.internal.codec;

/**
 * How much structure a value's bytes may claim before decoding stops: nesting depth (both Fory and
 * Java serialisation) and object references (Java serialisation). Arrays may never claim more
 * elements than the value has bytes. Limits hold for every process that decodes: raise them on
 * every loader when a genuine value exceeds them.
 *
 * <p>This class is thread-safe (immutable).
 *
 * @param maxDepth the deepest nesting of objects in a value (system property {@value
 *     #MAX_DEPTH_PROPERTY}, default {@value #DEFAULT_MAX_DEPTH}, Fory's own default)
 * @param maxRefs the most object references a Java-serialised value may hold (system property
 *     {@value #MAX_REFS_PROPERTY}, default {@value #DEFAULT_MAX_REFS})
 */
public record DecodeLimits(int maxDepth, long maxRefs) {
  /** System property of {@link #maxDepth()}. */
  public static final String MAX_DEPTH_PROPERTY = "sharedcatalog.codec.maxDepth";

  /** System property of {@link #maxRefs()}. */
  public static final String MAX_REFS_PROPERTY = "sharedcatalog.codec.maxRefs";

  /** Default of {@link #maxDepth()}. */
  public static final int DEFAULT_MAX_DEPTH = 50;

  /** Default of {@link #maxRefs()}. */
  public static final long DEFAULT_MAX_REFS = 10_000_000L;

  /** Checks the limits. */
  public DecodeLimits {
    if (maxDepth < 2) {
      throw new IllegalArgumentException(MAX_DEPTH_PROPERTY + " must be at least 2: " + maxDepth);
    }
    if (maxRefs < 1) {
      throw new IllegalArgumentException(MAX_REFS_PROPERTY + " must be at least 1: " + maxRefs);
    }
  }

  /**
   * The limits given by the system properties, else the defaults.
   *
   * @throws IllegalArgumentException naming the property if one is not a whole number in range
   */
  static DecodeLimits fromSystemProperties() {
    long depth = longProperty(MAX_DEPTH_PROPERTY, DEFAULT_MAX_DEPTH);
    if (depth > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          MAX_DEPTH_PROPERTY + " must be at most " + Integer.MAX_VALUE + ": " + depth);
    }
    return new DecodeLimits((int) depth, longProperty(MAX_REFS_PROPERTY, DEFAULT_MAX_REFS));
  }

  private static long longProperty(String name, long defaultValue) {
    String text = System.getProperty(name);
    if (text == null || text.isBlank()) {
      return defaultValue;
    }
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "System property " + name + " must be a whole number, not '" + text + "'", e);
    }
  }
}
