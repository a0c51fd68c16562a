package io.sharedcatalog.catalog;

/**
 * A name is neither registered in a catalog nor matched by one of its patterns. The message lists
 * close matches ("did you mean one of these instead: ...").
 *
 * <p>This class is thread-safe.
 */
public class DatasetNotFoundException extends DatasetException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed, for which dataset, and how to fix it
   */
  public DatasetNotFoundException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what failed, for which dataset, and how to fix it
   * @param cause the original failure
   */
  public DatasetNotFoundException(String message, Throwable cause) {
    super(message, cause);
  }
}
