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

  /**
   * Runs the attempt as {@link #execute} does, once {@code claim} confirms that this worker holds
   * it: an executor may prepare (load the node's inputs) while the claim is on its way, but must
   * call {@code claim.await()} before the node's function runs.
   *
   * @return the encoded size of each staged output, where known (for placing the next nodes)
   * @throws Exception whatever the node threw, or what {@code claim.await()} threw
   */
  default java.util.Map<String, Long> execute(String node, int attempt, Claim claim)
      throws Exception {
    claim.await();
    execute(node, attempt);
    return java.util.Map.of();
  }

  /**
   * The slot entries of the attempt's small outputs, which its commit carries instead of staged
   * slots (see {@code StagedOutputs}), by output; asked once, after a successful {@link #execute}.
   */
  default java.util.Map<String, byte[]> takeSmallOutputs(String node, int attempt) {
    return java.util.Map.of();
  }

  /** Whether some node of this worker's pipeline reads an output of {@code node}. */
  default boolean hasDependents(String node) {
    return false;
  }

  /** The confirmation of a claim sent while the attempt prepares. */
  @FunctionalInterface
  interface Claim {
    /**
     * Waits for the claim's answer.
     *
     * @throws ClaimRefused if another worker holds the attempt (a stale queue item)
     */
    void await() throws InterruptedException;
  }

  /** Thrown by {@link Claim#await()} when the claim lost: the node must not run. */
  final class ClaimRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ClaimRefused(String node, int attempt) {
      super(
          "node " + node + " attempt " + attempt + " is claimed by another worker",
          null,
          false,
          false);
    }
  }

  /** Deletes what a lost attempt staged; it lost its lease, so nobody will promote it. */
  void discard(String node, int attempt);

  /** Told after this attempt was recorded as FAILED in the task table (the cause stays local). */
  default void failed(String node, int attempt, Throwable cause) {}
}
