package io.sharedcatalog.catalog;

/**
 * A save would overwrite an existing version, or the versions given to a catalog disagree.
 *
 * <p>This class is thread-safe.
 */
public class VersionAlreadyExistsException extends DatasetException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed, for which dataset, and how to fix it
   */
  public VersionAlreadyExistsException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what failed, for which dataset, and how to fix it
   * @param cause the original failure
   */
  public VersionAlreadyExistsException(String message, Throwable cause) {
    super(message, cause);
  }
}
