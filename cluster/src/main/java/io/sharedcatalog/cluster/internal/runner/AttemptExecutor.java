package io.sharedcatalog.cluster.internal.runner;

/**
 * Runs one attempt of one node for a worker: loads the node's inputs, calls its function, and
 * stages its outputs under the attempt (never under the outputs' real names: the driver promotes
 * the outputs of the attempt that committed, see {@code ParallelRunner}).
 *
 * <p>Implementations must be thread-safe: a worker runs several attempts at once.
 */
interface AttemptExecutor {

  /** Whether this executor can run the node (a remote worker knows only registered pipelines). */
  boolean canRun(String node, boolean localOnly);

  /**
   * Runs the attempt and stages its outputs.
   *
   * @throws Exception whatever the node (or loading and saving) threw; the task becomes FAILED
   */
  void execute(String node, int attempt) throws Exception;

  /** Deletes what a lost attempt staged; it lost its lease, so nobody will promote it. */
  void discard(String node, int attempt);

  /** Told after this attempt was recorded as FAILED in the task table (the cause stays local). */
  default void failed(String node, int attempt, Throwable cause) {}
}
