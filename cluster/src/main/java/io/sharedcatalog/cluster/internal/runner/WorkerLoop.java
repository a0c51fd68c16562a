package io.sharedcatalog.cluster.internal.runner;

import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.spi.exception.DistributedObjectDestroyedException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
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
 * call that waits on the cluster when there is none), sends its claim ({@link TaskTable#claim}) on
 * a claim thread while it loads the node's inputs, runs the node through the run's {@link
 * AttemptExecutor} once the claim is held, and commits with {@code replace(CLAIMED(a, me, hb),
 * DONE(a))}. A heartbeat thread renews every claim (increments its heartbeat counter with the same
 * atomic replace) at the run's heartbeat interval. After committing a node that other nodes read,
 * one thread at a time (on a worker with several) takes a node queued for any worker if there is
 * one, and otherwise waits up to {@value #LOCALITY_WAIT_MILLIS} ms for a node the driver places on
 * this worker ({@link TaskTable#pollFor}), as its input is here.
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
  private final Set<WorkerClaim> claims = ConcurrentHashMap.newKeySet();
  private final Semaphore wakeUps = new Semaphore(0);
  private final ScheduledExecutorService heartbeats;
  private final java.util.concurrent.ExecutorService claimer;
  private final java.util.concurrent.atomic.AtomicBoolean localityWaiter =
      new java.util.concurrent.atomic.AtomicBoolean();
  private volatile boolean running = true;
  private static final ThreadLocal<WorkerClaim> CURRENT = new ThreadLocal<>();
  private static final ThreadLocal<ServedRun> JUST_COMMITTED = new ThreadLocal<>();

  /**
   * How long a thread that just committed a node waits for a node placed on this worker ({@link
   * TaskTable#enqueueFor}) when no other node is ready: about the driver's promotion time.
   */
  static final long LOCALITY_WAIT_MILLIS = 250;

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
    AtomicInteger claimThreads = new AtomicInteger();
    this.claimer =
        Executors.newFixedThreadPool(
            threadCount,
            r -> {
              Thread t = new Thread(r, workerId + "-claim-" + claimThreads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
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
    for (WorkerClaim claim : claims) {
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

  /**
   * Wakes idle threads to look for work now: one permit per thread, each waiting thread takes one
   * (a thread that takes them all would leave the others asleep for their idle poll); permits for
   * threads that were not waiting are kept, at most one per thread, and cost one extra look.
   */
  void wakeUp() {
    int missing = threads.size() - wakeUps.availablePermits();
    if (missing > 0) {
      wakeUps.release(missing);
    }
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
    for (WorkerClaim claim : claims) {
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
    claimer.shutdownNow();
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
    runs.removeIf(run -> run.table().isOver()); // until the listing shows it gone
    ServedRun committed = JUST_COMMITTED.get();
    JUST_COMMITTED.remove();
    if (runs.isEmpty()) {
      return false;
    }
    if (committed != null && runs.contains(committed) && takeLocalityTurn()) {
      try {
        Optional<WorkerClaim> claim = tryClaimAfterCommit(committed);
        if (claim.isPresent()) {
          execute(claim.get());
          return true;
        }
        if (committed.table().isOver()) {
          return true; // woken by the run's end: look at the runs again
        }
      } finally {
        localityWaiter.set(false);
      }
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
   * Whether this thread may wait for a node placed on this worker: one thread at a time, and only
   * on a worker with more threads (the others keep serving the shared queue meanwhile).
   */
  private boolean takeLocalityTurn() {
    return threads.size() > 1 && localityWaiter.compareAndSet(false, true);
  }

  /**
   * For a thread whose node has dependents: a node any worker may run if one is queued now, else
   * the node the driver places here (its input is this worker's output), waiting up to {@link
   * #LOCALITY_WAIT_MILLIS} for the driver to promote the output and place the node.
   */
  private Optional<WorkerClaim> tryClaimAfterCommit(ServedRun served) {
    Optional<WorkerClaim> shared = tryClaim(served, 0);
    if (shared.isPresent()) {
      return shared;
    }
    Optional<TaskTable.Ready> item;
    try {
      item = served.table().pollFor(workerId, LOCALITY_WAIT_MILLIS);
    } catch (InterruptedException e) {
      return Optional.empty();
    } catch (DistributedObjectDestroyedException e) {
      return Optional.empty(); // the run ended
    }
    return item.flatMap(ready -> claim(served, ready));
  }

  /**
   * Takes one item of the run's ready queue and claims its node: one {@code poll}, and one {@code
   * putIfAbsent} or {@code replace} sent on the claim thread, whatever the size of the run. The
   * claim's answer is awaited only before the node's function runs: the node's inputs load
   * meanwhile.
   */
  private Optional<WorkerClaim> tryClaim(ServedRun served, long waitMillis) {
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
    return item.flatMap(ready -> claim(served, ready));
  }

  private Optional<WorkerClaim> claim(ServedRun served, TaskTable.Ready ready) {
    TaskTable table = served.table();
    if (!running || !served.executor().canRun(ready.node(), ready.localOnly())) {
      // not ours to run (closing, or a node this worker's copy of the pipeline lacks): put back
      table.enqueue(ready.node(), ready.attempt(), ready.localOnly());
      pause();
      return Optional.empty();
    }
    TaskState claimed =
        ready.expected().claimedBy(workerId, System.currentTimeMillis(), threads.size());
    java.util.concurrent.CompletableFuture<Boolean> answer;
    try {
      answer =
          java.util.concurrent.CompletableFuture.supplyAsync(
              () -> table.claim(ready, claimed), claimer);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      return Optional.empty(); // closing
    }
    return Optional.of(
        new WorkerClaim(
            workerId, claims::add, served, ready.node(), claimed, Thread.currentThread(), answer));
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
    for (WorkerClaim claim : claims) {
      if (claim.served.table() == table) {
        claim.abandon();
      }
    }
  }

  private boolean execute(WorkerClaim claim) {
    String node = claim.node;
    int attempt = claim.attempt();
    String runId = claim.served.table().run().runId();
    Throwable failure = null;
    Map<String, Long> sizes = Map.of();
    CURRENT.set(claim);
    try {
      sizes = claim.served.executor().execute(node, attempt, claim::confirm);
      FaultInjection.beforeCommit(node, attempt); // staged, lease still renewed, not committed
    } catch (AttemptExecutor.ClaimRefused e) {
      log.debug(
          "Worker {}: stale ready item {}@{} of run {} (node no longer READY in that attempt)",
          workerId,
          node,
          attempt,
          runId);
      return true; // nothing ran, nothing staged
    } catch (Throwable e) { // a node's Error fails the node too, not the worker
      failure = e;
    } finally {
      CURRENT.remove();
      claim.stopInterrupts();
      claims.remove(claim);
      Thread.interrupted(); // the interrupt was for the node; the protocol writes below must run
    }
    if (!claim.held()) {
      // the claim's answer never came (the call failed): another worker may hold the attempt
      log.debug("Worker {}: the claim of node {} attempt {} failed", workerId, node, attempt);
      discard(claim);
      return true;
    }
    if (failure == null) {
      if (claim.commit(sizes, claim.served.executor().takeSmallOutputs(node, attempt))) {
        if (claim.served.executor().hasDependents(node)) {
          JUST_COMMITTED.set(claim.served);
        }
      } else {
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
  private static boolean recordFailure(WorkerClaim claim, Throwable failure) {
    claim.served.executor().failed(claim.node, claim.attempt(), failure);
    return true;
  }

  private void discard(WorkerClaim claim) {
    try {
      claim.served.executor().discard(claim.node, claim.attempt());
    } catch (RuntimeException e) {
      log.warn("Worker {} could not discard attempt {} of node {}", workerId, claim.attempt(), e);
    }
  }

  private void renewDueClaims() {
    long now = System.nanoTime();
    for (WorkerClaim claim : claims) {
      try {
        claim.renewIfDue(now);
      } catch (RuntimeException e) {
        log.warn("Worker {} could not renew node {}: {}", workerId, claim.node, e.toString());
      }
    }
  }

  static void stopRenewingCurrentLease() {
    WorkerClaim claim = CURRENT.get();
    if (claim == null) {
      throw new IllegalStateException("This thread is not running a node on a worker");
    }
    claim.stopRenewing();
  }
}
