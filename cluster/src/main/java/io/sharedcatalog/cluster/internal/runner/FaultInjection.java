package io.sharedcatalog.cluster.internal.runner;

/**
 * Fault injection for tests of lease expiry inside one JVM. A node function calls {@link
 * #stopRenewingCurrentLease()} to make its worker stop renewing the lease of the attempt running on
 * the calling thread, exactly as a frozen or killed worker JVM would; the node keeps running, so
 * its result arrives late and must be discarded.
 *
 * <p>This class is thread-safe.
 */
public final class FaultInjection {
  private FaultInjection() {}

  /**
   * Stops the heartbeats of the attempt running on this thread.
   *
   * @throws IllegalStateException if the calling thread is not running a node on a worker
   */
  public static void stopRenewingCurrentLease() {
    WorkerLoop.stopRenewingCurrentLease();
  }
}
