package io.sharedcatalog.catalog;

/**
 * Any dataset or catalog failure. The message names the dataset, what was wrong and how to fix it.
 *
 * <p>This class is thread-safe.
 */
public class DatasetException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed, for which dataset, and how to fix it
   */
  public DatasetException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what failed, for which dataset, and how to fix it
   * @param cause the original failure
   */
  public DatasetException(String message, Throwable cause) {
    super(message, cause);
  }
}
