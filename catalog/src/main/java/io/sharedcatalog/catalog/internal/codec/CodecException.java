package io.sharedcatalog.catalog.internal.codec;

/**
 * A value could not be encoded or decoded. Callers turn it into a {@code DatasetException} that
 * names the dataset.
 *
 * <p>This class is not thread-safe.
 */
public final class CodecException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed, naming the offending class where one is known
   * @param cause the underlying failure, or null
   */
  public CodecException(String message, Throwable cause) {
    super(message, cause);
  }
}
