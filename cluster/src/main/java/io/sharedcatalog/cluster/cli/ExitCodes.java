package io.sharedcatalog.cluster.cli;

/**
 * The exit codes of the {@code sharedcatalog} command, one per kind of failure.
 *
 * <p>This class is thread-safe (it has no state).
 */
final class ExitCodes {
  /** Success. */
  static final int OK = 0;

  /** An unexpected error (a bug, or a failure without a more specific code). */
  static final int FAILURE = 1;

  /** Bad command line: unknown command or option, a missing or malformed value. */
  static final int USAGE = 2;

  /** Bad input: unreadable or invalid catalog or parameters, unknown pipeline or dataset. */
  static final int BAD_INPUT = 3;

  /** The cluster cannot be started or reached: port in use, no member at the address. */
  static final int CLUSTER = 4;

  /** A node of the run failed. */
  static final int NODE_FAILED = 5;

  /** The process ran out of memory and stopped at once (see {@link OutOfMemoryExit}). */
  static final int OUT_OF_MEMORY = 6;

  private ExitCodes() {}
}
