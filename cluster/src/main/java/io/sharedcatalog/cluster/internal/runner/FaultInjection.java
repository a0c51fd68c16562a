package io.sharedcatalog.cluster.internal.runner;

import java.util.function.BiConsumer;

/**
 * Fault injection for tests of lease expiry inside one JVM. A node function calls {@link
 * #stopRenewingCurrentLease()} to make its worker stop renewing the lease of the attempt running on
 * the calling thread, exactly as a frozen or killed worker JVM would; the node keeps running, so
 * its result arrives late and must be discarded.
 *
 * <p>This class is thread-safe.
 */
public final class FaultInjection {
  private static volatile BiConsumer<String, Integer> beforeCommit = (node, attempt) -> {};

  private FaultInjection() {}

  /**
   * Installs a hook that every worker of this JVM calls after an attempt staged its outputs and
   * before it commits (node name, attempt): a test kills or freezes the JVM inside it, between the
   * write and the commit.
   *
   * @param hook the hook; it runs on the node's thread
   */
  public static void onBeforeCommit(BiConsumer<String, Integer> hook) {
    beforeCommit = java.util.Objects.requireNonNull(hook, "hook");
  }

  static void beforeCommit(String node, int attempt) {
    beforeCommit.accept(node, attempt);
  }

  /**
   * Stops the heartbeats of the attempt running on this thread.
   *
   * @throws IllegalStateException if the calling thread is not running a node on a worker
   */
  public static void stopRenewingCurrentLease() {
    WorkerLoop.stopRenewingCurrentLease();
  }
}
