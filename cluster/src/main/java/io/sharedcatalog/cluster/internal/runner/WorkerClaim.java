package io.sharedcatalog.cluster.internal.runner;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt a {@link WorkerLoop} thread took: its claim's answer, its last written state (every
 * write is a compare-and-set on it), and the thread running it. Once the claim is held ({@link
 * #confirm}) the loop renews it and may interrupt its thread; a renewal or final write that finds
 * the entry changed marks it lost (the driver took the node back), and a lost attempt writes
 * nothing more.
 *
 * <p>This class is thread-safe.
 */
final class WorkerClaim {
  private static final Logger log = LoggerFactory.getLogger(WorkerClaim.class);

  final WorkerLoop.ServedRun served;
  final String node;
  private final String workerId;
  private final java.util.function.Consumer<WorkerClaim> onHeld;
  private final long heartbeatNanos;
  private TaskState current; // guarded by this
  private Thread runner; // guarded by this; null once the node returned
  private final String runnerName;
  private boolean lost; // guarded by this
  private long lastRenewalNanos; // guarded by this
  private boolean renewing = true; // guarded by this; false only by fault injection
  private boolean held; // guarded by this; true once the claim's answer confirmed it
  private final java.util.concurrent.CompletableFuture<Boolean> answer;

  WorkerClaim(
      String workerId,
      java.util.function.Consumer<WorkerClaim> onHeld,
      WorkerLoop.ServedRun served,
      String node,
      TaskState claimed,
      Thread runner,
      java.util.concurrent.CompletableFuture<Boolean> answer) {
    this.workerId = workerId;
    this.onHeld = onHeld;
    this.served = served;
    this.node = node;
    this.current = claimed;
    this.runner = runner;
    this.runnerName = runner.getName();
    this.heartbeatNanos = TimeUnit.MILLISECONDS.toNanos(served.table().run().heartbeatMillis());
    this.lastRenewalNanos = System.nanoTime();
    this.answer = answer;
  }

  /**
   * Waits for the claim's answer; once it is held, the claim is renewed and interruptible.
   *
   * @throws AttemptExecutor.ClaimRefused if another worker holds the attempt
   */
  void confirm() throws InterruptedException {
    boolean won;
    try {
      won = answer.get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
    if (!won) {
      throw new AttemptExecutor.ClaimRefused(node, current.attempt());
    }
    synchronized (this) {
      held = true;
      lastRenewalNanos = System.nanoTime();
    }
    onHeld.accept(this);
    log.debug(
        "Worker {} runs node {} (run {}, attempt {})",
        workerId,
        node,
        served.table().run().runId(),
        current.attempt());
  }

  synchronized boolean held() {
    return held;
  }

  synchronized int attempt() {
    return current.attempt();
  }

  synchronized WorkerSnapshot.Running describe() {
    return new WorkerSnapshot.Running(
        runnerName, served.table().run().runId(), node, current.attempt());
  }

  synchronized void interruptRunner() {
    if (runner != null) {
      runner.interrupt();
    }
  }

  synchronized void stopInterrupts() {
    runner = null;
  }

  synchronized void stopRenewing() {
    renewing = false;
  }

  synchronized void renewIfDue(long nowNanos) {
    if (lost || !renewing || nowNanos - lastRenewalNanos < heartbeatNanos) {
      return;
    }
    TaskState next = current.renewed();
    if (served.table().transition(node, current, next)) {
      current = next;
      lastRenewalNanos = nowNanos;
    } else {
      lost = true;
      log.info(
          "Worker {}: node {} attempt {} was taken back (lease expired); interrupting it",
          workerId,
          node,
          current.attempt());
      if (runner != null) {
        runner.interrupt();
      }
    }
  }

  synchronized boolean commit(Map<String, Long> sizes, Map<String, byte[]> small) {
    return !lost && write(current.done(System.currentTimeMillis(), sizes, small));
  }

  synchronized boolean handBack() {
    TaskState next = current.nextAttempt();
    if (lost || !write(next)) {
      return false;
    }
    served.table().enqueue(node, next.attempt(), next.localOnly());
    return true;
  }

  synchronized void abandon() {
    if (!lost) {
      log.info(
          "Worker {}: node {} attempt {} was taken back (its run ended); interrupting it",
          workerId,
          node,
          current.attempt());
    }
    lost = true;
    if (runner != null) {
      runner.interrupt();
    }
  }

  synchronized boolean fail(Throwable failure) {
    String message = failure.getClass().getName() + ": " + failure.getMessage();
    return !lost && write(current.failed(System.currentTimeMillis(), message));
  }

  /** A final write; if the call itself fails (connection), the entry tells whether it landed. */
  private boolean write(TaskState next) {
    for (int tries = 1; ; tries++) {
      try {
        if (served.table().transition(node, current, next)) {
          current = next;
          return true;
        }
        lost = true;
        return false;
      } catch (RuntimeException e) {
        try {
          Optional<TaskState> now = served.table().get(node);
          if (now.isPresent() && now.get().equals(next)) {
            current = next;
            return true;
          }
        } catch (RuntimeException again) {
          e.addSuppressed(again);
        }
        if (tries >= 5) {
          throw e;
        }
        log.warn("Worker {} retries writing node {}: {}", workerId, node, e.toString());
      }
    }
  }
}
