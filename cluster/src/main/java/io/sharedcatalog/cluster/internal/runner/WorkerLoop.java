package io.sharedcatalog.cluster.internal.runner;

import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.spi.exception.DistributedObjectDestroyedException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's threads: each takes a ready node from a run's ready queue ({@link TaskTable#poll}, one
 * call that waits on the cluster when there is none), claims it with {@code replace(READY(a),
 * CLAIMED(a, me))}, runs it through the run's {@link AttemptExecutor}, and commits with {@code
 * replace(CLAIMED(a, me, hb), DONE(a))}. A heartbeat thread renews every claim (increments its
 * heartbeat counter with the same atomic replace) at the run's heartbeat interval.
 *
 * <p>A claim is lost when a renewal or the commit finds the entry changed: the driver saw no
 * heartbeat for the lease timeout (this JVM was frozen, or its thread stuck) and offered the node
 * again under the next attempt. The worker then interrupts the node's thread, and whatever the
 * attempt staged is discarded instead of committed; a lost attempt can never write a task state or
 * a real output, because every write it makes is conditional on its own previous task state.
 *
 * <p>This class is thread-safe.
 */
final class WorkerLoop implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WorkerLoop.class);
  private static final long HEARTBEAT_TICK_MILLIS = 100;

  /** A run this worker serves, with the executor that runs its nodes here. */
  record ServedRun(TaskTable table, AttemptExecutor executor) {}

  /** Where the loop finds the runs to serve; called often, so it should be cheap. */
  @FunctionalInterface
  interface RunSource {
    List<ServedRun> runs();
  }

  private final String workerId;
  private final RunSource source;
  private final long idlePollMillis;
  private final List<Thread> threads = new ArrayList<>();
  private final Set<Claim> claims = ConcurrentHashMap.newKeySet();
  private final Semaphore wakeUps = new Semaphore(0);
  private final ScheduledExecutorService heartbeats;
  private volatile boolean running = true;
  private static final ThreadLocal<Claim> CURRENT = new ThreadLocal<>();

  WorkerLoop(String workerId, int threadCount, RunSource source, long idlePollMillis) {
    this.workerId = Objects.requireNonNull(workerId, "workerId");
    this.source = Objects.requireNonNull(source, "source");
    this.idlePollMillis = idlePollMillis;
    if (threadCount < 1) {
      throw new IllegalArgumentException("threadCount must be at least 1 but was " + threadCount);
    }
    AtomicInteger heartbeatThreads = new AtomicInteger();
    this.heartbeats =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t =
                  new Thread(r, workerId + "-heartbeat-" + heartbeatThreads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    heartbeats.scheduleWithFixedDelay(
        this::renewDueClaims, HEARTBEAT_TICK_MILLIS, HEARTBEAT_TICK_MILLIS, TimeUnit.MILLISECONDS);
    for (int i = 0; i < threadCount; i++) {
      Thread thread = new Thread(this::loop, workerId + "-" + i);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
  }

  String workerId() {
    return workerId;
  }

  int threadCount() {
    return threads.size();
  }

  /** What the busy threads run now. */
  List<WorkerSnapshot.Running> running() {
    List<WorkerSnapshot.Running> running = new ArrayList<>();
    for (Claim claim : claims) {
      running.add(claim.describe());
    }
    running.sort(java.util.Comparator.comparing(WorkerSnapshot.Running::thread));
    return running;
  }

  /** Runs {@code task} every {@code periodMillis} on the heartbeat thread (it must be quick). */
  void every(long periodMillis, Runnable task) {
    heartbeats.scheduleWithFixedDelay(
        () -> {
          try {
            task.run();
          } catch (RuntimeException e) {
            log.debug("Worker {}: periodic task failed: {}", workerId, e.toString());
          }
        },
        0,
        periodMillis,
        TimeUnit.MILLISECONDS);
  }

  /** Wakes idle threads to look for work now. */
  void wakeUp() {
    wakeUps.release(threads.size());
  }

  /** Stops taking nodes, interrupts the running ones and waits up to 10 s for them to end. */
  @Override
  public void close() {
    close(10_000);
  }

  /**
   * Stops taking nodes, interrupts the running ones and waits up to {@code joinMillis} for the
   * threads to end; a node that ignores interrupts is left running on its daemon thread (its late
   * result is discarded, since its run no longer accepts it).
   */
  void close(long joinMillis) {
    running = false;
    wakeUp();
    // Interrupt only threads running a node: an idle thread ends at its next check, and an
    // interrupt landing inside a Hazelcast call would only make that call fail noisily.
    for (Claim claim : claims) {
      claim.interruptRunner();
    }
    long deadline = System.currentTimeMillis() + joinMillis;
    for (Thread thread : threads) {
      try {
        thread.join(Math.max(1, deadline - System.currentTimeMillis()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    heartbeats.shutdownNow();
  }

  private void loop() {
    while (running) {
      boolean busy = false;
      try {
        busy = runOneNode();
      } catch (HazelcastInstanceNotActiveException e) {
        // Our member or client was shut down: there is no cluster left to work for.
        log.info("Worker {} stops: its Hazelcast instance is shut down", workerId);
        running = false;
        break;
      } catch (RuntimeException e) {
        // The cluster may be unreachable for a while: keep trying, the driver re-offers our node.
        if (running) {
          log.warn("Worker {} could not take work: {}", workerId, e.toString());
        }
      }
      Thread.interrupted(); // an interrupt aimed at the previous node must not hit the next one
      if (!busy && running) {
        try {
          wakeUps.tryAcquire(idlePollMillis, TimeUnit.MILLISECONDS);
          wakeUps.drainPermits();
        } catch (InterruptedException e) {
          // closing, or an interrupt for a lost claim that arrived late: loop re-checks running
        }
      }
    }
  }

  /**
   * Runs one node if a run has one ready, waiting on a run's ready queue meanwhile; false when
   * there is no run to serve, so the caller waits for a wake-up instead.
   */
  private boolean runOneNode() {
    List<ServedRun> runs = new ArrayList<>(source.runs());
    if (runs.isEmpty()) {
      return false;
    }
    if (runs.size() == 1) {
      tryClaim(runs.get(0), idlePollMillis).map(this::execute);
      return true;
    }
    Collections.shuffle(runs); // several runs share the threads fairly
    for (ServedRun served : runs) {
      if (tryClaim(served, 0).map(this::execute).isPresent()) {
        return true;
      }
    }
    long wait = Math.max(10, idlePollMillis / runs.size());
    tryClaim(runs.get(0), wait).map(this::execute);
    return true;
  }

  /**
   * Takes one item of the run's ready queue and claims its node: one {@code poll} and one {@code
   * replace}, whatever the size of the run.
   */
  private Optional<Claim> tryClaim(ServedRun served, long waitMillis) {
    TaskTable table = served.table();
    Optional<TaskTable.Ready> item;
    try {
      item = table.poll(waitMillis);
    } catch (InterruptedException e) {
      return Optional.empty(); // closing: the loop re-checks running
    } catch (DistributedObjectDestroyedException e) {
      pause(); // the run ended while we waited; its listing goes soon
      return Optional.empty();
    }
    if (item.isEmpty()) {
      return Optional.empty();
    }
    TaskTable.Ready ready = item.get();
    if (!running || !served.executor().canRun(ready.node(), ready.localOnly())) {
      // not ours to run (closing, or a node this worker's copy of the pipeline lacks): put back
      table.enqueue(ready.node(), ready.attempt(), ready.localOnly());
      pause();
      return Optional.empty();
    }
    TaskState expected = ready.expected();
    TaskState claimed = expected.claimedBy(workerId, System.currentTimeMillis());
    if (table.transition(ready.node(), expected, claimed)) {
      return Optional.of(new Claim(served, ready.node(), claimed, Thread.currentThread()));
    }
    log.debug(
        "Worker {}: stale ready item {} of run {} (node no longer READY in that attempt)",
        workerId,
        ready,
        table.run().runId());
    return Optional.empty();
  }

  private void pause() {
    try {
      wakeUps.tryAcquire(idlePollMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Gives up the claims of a run that ended (its listing is gone): they stop renewing, their
   * threads are interrupted, and what they staged is discarded when they return.
   */
  void abandon(TaskTable table) {
    for (Claim claim : claims) {
      if (claim.served.table() == table) {
        claim.abandon();
      }
    }
  }

  private boolean execute(Claim claim) {
    claims.add(claim);
    String node = claim.node;
    int attempt = claim.attempt();
    String runId = claim.served.table().run().runId();
    log.debug("Worker {} runs node {} (run {}, attempt {})", workerId, node, runId, attempt);
    Throwable failure = null;
    CURRENT.set(claim);
    try {
      claim.served.executor().execute(node, attempt);
      FaultInjection.beforeCommit(node, attempt); // staged, lease still renewed, not committed
    } catch (Throwable e) { // a node's Error fails the node too, not the worker
      failure = e;
    } finally {
      CURRENT.remove();
      claim.stopInterrupts();
      claims.remove(claim);
      Thread.interrupted(); // the interrupt was for the node; the protocol writes below must run
    }
    if (failure == null) {
      if (!claim.commit()) {
        log.info(
            "Worker {}: node {} attempt {} (run {}) lost its lease; discarding its outputs",
            workerId,
            node,
            attempt,
            runId);
        discard(claim);
      }
    } else if (!running && claim.handBack()) {
      // Closing interrupted the node: not the node's fault, so another worker runs it now.
      log.info("Worker {} closed while running node {}: handed it back", workerId, node);
      discard(claim);
    } else if (recordFailure(claim, failure) && claim.fail(failure)) {
      log.debug("Worker {}: node {} attempt {} failed", workerId, node, attempt, failure);
      discard(claim);
    } else {
      log.info(
          "Worker {}: node {} attempt {} (run {}) failed after losing its lease: {}",
          workerId,
          node,
          attempt,
          runId,
          failure.toString());
      discard(claim);
    }
    return true;
  }

  /** Hands the cause to the executor before the FAILED state is visible to the driver. */
  private static boolean recordFailure(Claim claim, Throwable failure) {
    claim.served.executor().failed(claim.node, claim.attempt(), failure);
    return true;
  }

  private void discard(Claim claim) {
    try {
      claim.served.executor().discard(claim.node, claim.attempt());
    } catch (RuntimeException e) {
      log.warn("Worker {} could not discard attempt {} of node {}", workerId, claim.attempt(), e);
    }
  }

  private void renewDueClaims() {
    long now = System.nanoTime();
    for (Claim claim : claims) {
      try {
        claim.renewIfDue(now);
      } catch (RuntimeException e) {
        log.warn("Worker {} could not renew node {}: {}", workerId, claim.node, e.toString());
      }
    }
  }

  static void stopRenewingCurrentLease() {
    Claim claim = CURRENT.get();
    if (claim == null) {
      throw new IllegalStateException("This thread is not running a node on a worker");
    }
    claim.stopRenewing();
  }

  /** One claimed attempt: its last written state, and the thread running it. */
  private final class Claim {
    private final ServedRun served;
    private final String node;
    private final long heartbeatNanos;
    private TaskState current; // guarded by this
    private Thread runner; // guarded by this; null once the node returned
    private final String runnerName;
    private boolean lost; // guarded by this
    private long lastRenewalNanos; // guarded by this
    private boolean renewing = true; // guarded by this; false only by fault injection

    Claim(ServedRun served, String node, TaskState claimed, Thread runner) {
      this.served = served;
      this.node = node;
      this.current = claimed;
      this.runner = runner;
      this.runnerName = runner.getName();
      this.heartbeatNanos = TimeUnit.MILLISECONDS.toNanos(served.table().run().heartbeatMillis());
      this.lastRenewalNanos = System.nanoTime();
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

    synchronized boolean commit() {
      return !lost && write(current.done(System.currentTimeMillis()));
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
}
