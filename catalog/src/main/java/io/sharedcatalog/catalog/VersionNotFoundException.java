package io.sharedcatalog.catalog;

/**
 * A versioned dataset has no version to load, or not the one asked for.
 *
 * <p>This class is thread-safe.
 */
public class VersionNotFoundException extends DatasetException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed, for which dataset, and how to fix it
   */
  public VersionNotFoundException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what failed, for which dataset, and how to fix it
   * @param cause the original failure
   */
  public VersionNotFoundException(String message, Throwable cause) {
    super(message, cause);
  }
}
