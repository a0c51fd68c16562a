package io.sharedcatalog.catalog;

/**
 * A registration that must not replace meets an existing name.
 *
 * <p>This class is thread-safe.
 */
public class DatasetAlreadyExistsException extends DatasetException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed, for which dataset, and how to fix it
   */
  public DatasetAlreadyExistsException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what failed, for which dataset, and how to fix it
   * @param cause the original failure
   */
  public DatasetAlreadyExistsException(String message, Throwable cause) {
    super(message, cause);
  }
}
