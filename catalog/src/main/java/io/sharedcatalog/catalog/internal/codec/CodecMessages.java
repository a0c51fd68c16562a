package io.sharedcatalog.catalog.internal.codec;

import io.sharedcatalog.catalog.internal.codec.CodecException.Reason;

/**
 * The texts of every decoding failure, one factory per family, each ending with the fix that fits
 * its cause: corruption → save the dataset again; a class outside the allow-list → allow it; a
 * missing class → the class path; a class that differs → the same jar everywhere; a limit → its
 * setting. The cluster store uses {@link #corrupt} and {@link #incomplete} for its own checks
 * (checksums, chunk lengths, missing chunks), so every loader says the same thing.
 *
 * <p>This class is thread-safe (it has no state).
 */
public final class CodecMessages {
  /** The fix of a corrupt or incomplete stored value. */
  public static final String SAVE_AGAIN = "Save the dataset again to replace it";

  private CodecMessages() {}

  /**
   * The stored bytes are damaged or were not written by this codec.
   *
   * @param detail what is wrong, e.g. "chunk 3 of 9 fails its CRC32C checksum"
   * @param cause the underlying failure, or null
   */
  public static CodecException corrupt(String detail, Throwable cause) {
    return new CodecException(
        Reason.CORRUPT, "The stored value is corrupt: " + detail + ". " + SAVE_AGAIN, cause);
  }

  /**
   * Part of the stored value is missing, and no newer save replaced it.
   *
   * @param detail what is missing, e.g. "chunk 3 of 9 is missing"
   * @param cause the underlying failure, or null
   */
  public static CodecException incomplete(String detail, Throwable cause) {
    return new CodecException(
        Reason.INCOMPLETE,
        "The stored value is incomplete: "
            + detail
            + " and no newer save replaced it (a member holding it may have been lost). "
            + SAVE_AGAIN,
        cause);
  }

  /** The bytes name a class outside the allow-list; nothing of that class was loaded or run. */
  static CodecException classNotAllowed(String className, Throwable cause) {
    return new CodecException(
        Reason.CLASS_NOT_ALLOWED,
        "The value holds class "
            + className
            + ", which this process does not allow values to name (the allow-list has JDK value"
            + " types and collections, io.sharedcatalog.*, and what you list), so it was not"
            + " decoded. If the value is genuine, allow the class (or its package, as"
            + " 'com.acme.model.*') on every process that loads it: list it in "
            + ClassAllowList.RESOURCE
            + " in the jar that defines it, or in -D"
            + ClassAllowList.PROPERTY
            + "=...",
        cause);
  }

  /** A value of a class outside the allow-list cannot be encoded: no process could load it. */
  static CodecException classNotAllowedForEncoding(
      String valueClass, String className, Throwable cause) {
    return new CodecException(
        Reason.CLASS_NOT_ALLOWED,
        "Cannot encode a value of class "
            + valueClass
            + ": it holds class "
            + className
            + ", which is not in the allow-list of value classes, so no process could load it. If"
            + " that class is data, allow it (or its package, as 'com.acme.model.*'): list it in "
            + ClassAllowList.RESOURCE
            + " in the jar that defines it, or in -D"
            + ClassAllowList.PROPERTY
            + "=... on every process that saves or loads it; otherwise keep only data in the value",
        cause);
  }

  /** The bytes name an allowed class this process cannot find. */
  static CodecException classNotFound(String className, Throwable cause) {
    return new CodecException(
        Reason.CLASS_NOT_FOUND,
        "The value holds class "
            + className
            + ", which is not on this process's class path. Add the jar that defines it to the"
            + " class path (-cp) of every process that loads the value",
        cause);
  }

  /** The class exists here but does not match the writer's, or fails to initialise. */
  static CodecException classMismatch(String what, Throwable cause) {
    return new CodecException(
        Reason.CLASS_MISMATCH,
        "The value's class does not match this process's version of it ("
            + what
            + "). Use the same version of the jar that defines it on every process, or save the"
            + " dataset again with this version",
        cause);
  }

  /** The value nests deeper than {@link DecodeLimits#maxDepth()}. */
  static CodecException tooDeep(int maxDepth, Throwable cause) {
    return new CodecException(
        Reason.LIMIT_EXCEEDED,
        "The value nests more than "
            + maxDepth
            + " objects deep, the limit set by -D"
            + DecodeLimits.MAX_DEPTH_PROPERTY
            + " (values this deep are a known deserialisation bomb), so it was not decoded. If the"
            + " value is genuine, raise -D"
            + DecodeLimits.MAX_DEPTH_PROPERTY
            + " on every process that loads it",
        cause);
  }

  /** A Java-serialised value holds more references than {@link DecodeLimits#maxRefs()}. */
  static CodecException tooManyRefs(long maxRefs, Throwable cause) {
    return new CodecException(
        Reason.LIMIT_EXCEEDED,
        "The value holds more than "
            + maxRefs
            + " object references, the limit set by -D"
            + DecodeLimits.MAX_REFS_PROPERTY
            + ", so it was not decoded. If the value is genuine, raise -D"
            + DecodeLimits.MAX_REFS_PROPERTY
            + " on every process that loads it",
        cause);
  }
}
