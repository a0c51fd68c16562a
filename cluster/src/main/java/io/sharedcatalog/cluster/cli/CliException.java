package io.sharedcatalog.cluster.cli;

/**
 * A failure the command line reports as one line, with the exit code of its kind ({@link
 * ExitCodes}).
 *
 * <p>This class is thread-safe (immutable).
 */
final class CliException extends RuntimeException {
  private final int exitCode;

  CliException(int exitCode, String message) {
    this(exitCode, message, null);
  }

  CliException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** The process exit code for this failure. */
  int exitCode() {
    return exitCode;
  }
}
