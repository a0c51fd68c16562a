package io.sharedcatalog.catalog.internal.codec;

import java.util.Objects;

/**
 * A value could not be encoded or decoded. The message says what was wrong and ends with the fix
 * that fits the {@link #reason()} (see {@link CodecMessages}); callers turn it into a {@code
 * DatasetException} that names the dataset and keep the message.
 *
 * <p>This class is not thread-safe.
 */
public final class CodecException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a value could not be encoded or decoded; each has its own fix. */
  public enum Reason {
    /** The bytes are damaged or were not written by this codec: save the dataset again. */
    CORRUPT,
    /** Part of a stored value is missing: save the dataset again. */
    INCOMPLETE,
    /** The bytes name a class outside the allow-list: allow it, if the value is genuine. */
    CLASS_NOT_ALLOWED,
    /** The bytes name a class this process does not have: fix the class path. */
    CLASS_NOT_FOUND,
    /** The class exists but differs from (or fails unlike) the writer's: align the jars. */
    CLASS_MISMATCH,
    /** The value exceeds a decoding limit: raise the limit's setting, if it is genuine. */
    LIMIT_EXCEEDED,
    /** The value cannot be encoded at all: change what it holds. */
    UNENCODABLE
  }

  private final Reason reason;

  /**
   * Creates the exception for a stored value that is corrupt or incomplete, or of unknown reason.
   *
   * @param message what failed, ending with the fix
   * @param cause the underlying failure, or null
   */
  public CodecException(String message, Throwable cause) {
    this(Reason.CORRUPT, message, cause);
  }

  /**
   * Creates the exception.
   *
   * @param reason why it failed
   * @param message what failed, naming the offending class where one is known, ending with the fix
   * @param cause the underlying failure, or null
   */
  public CodecException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Why the value could not be encoded or decoded. */
  public Reason reason() {
    return reason;
  }
}
