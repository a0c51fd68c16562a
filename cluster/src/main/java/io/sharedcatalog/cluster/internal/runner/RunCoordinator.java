package io.sharedcatalog.cluster.internal.runner;

import com.hazelcast.core.HazelcastInstance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's side of the protocol for one run: publishes the run, offers nodes (placing a node on
 * the worker that just produced its largest input when that worker has a free thread), follows the
 * task table through an entry listener that carries each commit, failure and hand-back with its new
 * state (so learning of a commit costs the driver no call), turns state changes into {@link
 * RunEvent}s, takes back nodes whose lease expired, and hands DONE and FAILED nodes to the caller.
 * Every {@code reconcile interval} (a quarter of the lease, between 100 ms and 1 s) it reads the
 * in-flight entries: that is how it learns of claims and renewals, and of any event that was lost
 * (a client reconnecting).
 *
 * <p>Lease expiry is judged on the driver's own monotonic clock, never by comparing clocks of two
 * JVMs: a CLAIMED entry whose text has not changed (no heartbeat) for {@code leaseTimeoutMillis} is
 * replaced, atomically against that exact text, by {@code READY(attempt + 1)} and queued again. If
 * the worker renewed in between, the replace fails and the lease lives on. Claims and renewals are
 * not sent to the listener (a filter on the members); the driver sees them in its in-flight reads,
 * which come at least as often as renewals. A node not claimed for longer than the lease while the
 * ready queue is empty lost its queue item (a worker died between taking it and claiming): it is
 * queued again, which is harmless if it was not lost.
 *
 * <p>This class is not thread-safe: one driver thread uses it.
 */
final class RunCoordinator implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RunCoordinator.class);
  private static final long UNCLAIMED_WARNING_NANOS = TimeUnit.SECONDS.toNanos(30);

  /** A node that reached DONE or FAILED. */
  record Outcome(String node, TaskState state) {
    boolean succeeded() {
      return state.status() == TaskState.Status.DONE;
    }
  }

  private record Change(String node, TaskState state) {}

  private final HazelcastInstance hz;
  private final RunDescriptor run;
  private final RunDirectory directory;
  private final TaskTable table;
  private final Consumer<RunEvent> events;
  private final long pollMillis;
  private final long leaseNanos;
  private final long reconcileNanos;
  private final long listingRenewNanos;
  private final long entryRenewNanos;
  private final int totalNodes;
  private final BlockingQueue<Change> changes = new LinkedBlockingQueue<>();
  private final Map<String, Watch> inFlight = new LinkedHashMap<>();
  private final Map<String, Set<Integer>> abandoned = new HashMap<>();
  private final Set<String> cancelled = new TreeSet<>();
  private final Map<String, TaskState> lastStates = new java.util.TreeMap<>();
  private final NodePlacement placement = new NodePlacement();
  private boolean failed;
  private UUID listenerId;
  private boolean published;
  private long renewedAtNanos;
  private long reconciledAtNanos;
  private int completed;

  /**
   * @param sharedNodes whether some node may run on remote workers (else no cluster queue is used)
   * @param totalNodes how many nodes the run has, for the progress log lines
   */
  RunCoordinator(
      HazelcastInstance hz,
      RunDescriptor run,
      Consumer<RunEvent> events,
      long pollMillis,
      boolean sharedNodes,
      int totalNodes) {
    this.hz = Objects.requireNonNull(hz, "hz");
    this.run = Objects.requireNonNull(run, "run");
    this.directory = new RunDirectory(hz);
    this.table = new TaskTable(hz, run, true, sharedNodes);
    this.events = Objects.requireNonNull(events, "events");
    this.pollMillis = pollMillis;
    this.totalNodes = totalNodes;
    this.leaseNanos = TimeUnit.MILLISECONDS.toNanos(run.leaseTimeoutMillis());
    this.reconcileNanos =
        Math.max(
            TimeUnit.MILLISECONDS.toNanos(100),
            Math.min(TimeUnit.SECONDS.toNanos(1), leaseNanos / 4));
    this.listingRenewNanos = TimeUnit.MILLISECONDS.toNanos(RunLifetime.listingTtlMillis()) / 3;
    this.entryRenewNanos = TimeUnit.SECONDS.toNanos(RunLifetime.tableTtlSeconds()) / 3;
  }

  RunDescriptor run() {
    return run;
  }

  TaskTable table() {
    return table;
  }

  /** Makes the run visible to workers. */
  void publish() {
    listenerId = table.listen((node, state) -> changes.offer(new Change(node, state)));
    directory.publish(run);
    published = true;
    renewedAtNanos = System.nanoTime();
    reconciledAtNanos = renewedAtNanos;
  }

  /** Offers one node that reads nothing (see {@link #offerAll}). */
  void offer(String node, boolean localOnly) {
    offerAll(List.of(new Offer(node, localOnly, List.of())));
  }

  /** A node to offer, with the datasets it reads (to place it near its largest input). */
  record Offer(String node, boolean localOnly, List<String> inputs) {}

  /**
   * Offers nodes to the workers (local-only nodes only to this JVM's workers): all at once, with
   * one {@code addAll} of the ready queue. A node whose largest input was just produced by a worker
   * with a free thread is placed on that worker's own queue instead, where the thread that produced
   * the input waits for it; if that worker does not claim it within {@link
   * NodePlacement#GRACE_NANOS}, it is queued for every worker.
   */
  void offerAll(List<Offer> offers) {
    long now = System.nanoTime();
    Map<String, Boolean> toQueue = new LinkedHashMap<>();
    Map<String, Integer> busy = null;
    for (Offer offer : offers) {
      String node = offer.node();
      if (inFlight.containsKey(node)) {
        toQueue.put(node, offer.localOnly()); // a retry: the entry is what the workers say
        continue;
      }
      Watch watch = new Watch(TaskState.ready(1, offer.localOnly()), now);
      inFlight.put(node, watch);
      if (!offer.localOnly()) {
        busy = busy == null ? busyWorkers() : busy;
        Optional<String> near = placement.place(node, offer.inputs(), busy, now);
        if (near.isPresent()) {
          log.debug("Run {}: placing node {} on worker {}", run.runId(), node, near.get());
          table.enqueueFor(near.get(), node, 1);
          continue;
        }
      }
      toQueue.put(node, offer.localOnly());
    }
    table.offerAll(toQueue);
  }

  /** How many nodes of this run each worker holds now, as far as this driver knows. */
  private Map<String, Integer> busyWorkers() {
    Map<String, Integer> busy = new HashMap<>();
    for (Watch watch : inFlight.values()) {
      if (watch.observed.status() == TaskState.Status.CLAIMED) {
        busy.merge(watch.observed.workerId(), 1, Integer::sum);
      }
    }
    return busy;
  }

  /**
   * Nodes placed on a worker that did not claim them in time are queued for every worker. The entry
   * is read first: claims reach this driver only through its reads, and a node its worker claimed
   * must not be queued again (another worker would load its inputs before its claim fails).
   */
  private void releasePlacements(long now) {
    for (String node : placement.overdue(now)) {
      Watch watch = inFlight.get(node);
      if (watch != null
          && watch.observed.status() == TaskState.Status.READY
          && table.get(node).isEmpty()) {
        log.debug("Run {}: node {} waited for its worker; queueing it for all", run.runId(), node);
        table.enqueue(node, watch.observed.attempt(), false);
      }
    }
  }

  /** Whether some offered node has not reached DONE or FAILED yet. */
  boolean hasInFlight() {
    return !inFlight.isEmpty();
  }

  /**
   * Waits up to {@code pollMillis} for changes, applies them, and returns the nodes that reached
   * DONE or FAILED (each once); expires leases and keeps the run alive meanwhile.
   */
  List<Outcome> awaitOutcomes() throws InterruptedException {
    List<Outcome> outcomes = new ArrayList<>();
    Change change = changes.poll(pollMillis, TimeUnit.MILLISECONDS);
    long now = System.nanoTime();
    while (change != null) {
      apply(change.node(), change.state(), now, outcomes);
      change = changes.poll();
    }
    if (published && now - renewedAtNanos > listingRenewNanos) {
      directory.renew(run);
      renewedAtNanos = now;
    }
    if (!inFlight.isEmpty() && now - reconciledAtNanos > reconcileNanos) {
      reconciledAtNanos = now;
      Map<String, TaskState> states = table.getAll(inFlight.keySet());
      Set<String> missing = new TreeSet<>();
      inFlight.forEach(
          (node, watch) -> {
            if (watch.seen && !states.containsKey(node)) {
              missing.add(node); // unclaimed first attempts have no entry yet
            }
          });
      if (!missing.isEmpty()) {
        throw new IllegalStateException(
            "Run "
                + run.runId()
                + ": the task entries of nodes "
                + missing
                + " are gone from the cluster; the run's table was removed (this driver did not"
                + " renew the run within "
                + RunLifetime.listingTtlMillis()
                + " ms, or the cluster lost it). Run the pipeline again.");
      }
      for (Map.Entry<String, TaskState> entry : states.entrySet()) {
        apply(entry.getKey(), entry.getValue(), now, outcomes);
      }
      watchWaiting(now);
    }
    expireLeases(now);
    releasePlacements(now);
    return outcomes;
  }

  private void apply(String node, TaskState state, long now, List<Outcome> outcomes) {
    Watch watch = inFlight.get(node);
    if (watch == null || state.attempt() < watch.observed.attempt()) {
      return; // finished already, or an event older than what a read showed
    }
    lastStates.put(node, state);
    watch.seen = true;
    if (state.status() != TaskState.Status.READY) {
      placement.settled(node);
    }
    switch (state.status()) {
      case CLAIMED -> {
        started(node, state, watch);
        observe(watch, state, now);
      }
      case DONE -> {
        started(node, state, watch);
        inFlight.remove(node);
        completed++;
        placement.committed(state, now);
        emit(RunEvent.Kind.FINISHED, node, state, state.finishedAtMillis(), "");
        outcomes.add(new Outcome(node, state));
      }
      case FAILED -> {
        started(node, state, watch);
        inFlight.remove(node);
        failed = true;
        emit(RunEvent.Kind.FAILED, node, state, state.finishedAtMillis(), state.error());
        outcomes.add(new Outcome(node, state));
      }
      case READY -> observe(watch, state, now);
      default -> {
        // CANCELLED is only written by this coordinator
      }
    }
  }

  private static void observe(Watch watch, TaskState state, long now) {
    if (!state.equals(watch.observed)) {
      watch.observed = state;
      watch.observedAtNanos = now;
    }
  }

  private void expireLeases(long now) {
    List<Map.Entry<String, Watch>> expired = new ArrayList<>();
    for (Map.Entry<String, Watch> entry : inFlight.entrySet()) {
      Watch watch = entry.getValue();
      if (watch.observed.status() == TaskState.Status.CLAIMED
          && now - watch.observedAtNanos > leaseNanos) {
        expired.add(entry);
      }
    }
    for (Map.Entry<String, Watch> entry : expired) {
      expire(entry.getKey(), entry.getValue(), now);
    }
  }

  /**
   * Nodes waiting for a worker: queued again if their item was lost, kept from expiring, and warned
   * about when they wait long.
   */
  private void watchWaiting(long now) {
    Boolean queueEmpty = null;
    for (Map.Entry<String, Watch> entry : inFlight.entrySet()) {
      Watch watch = entry.getValue();
      TaskState state = watch.observed;
      if (watch.seen
          && now - Math.max(watch.observedAtNanos, watch.renewedAtNanos) > entryRenewNanos) {
        table.renew(entry.getKey()); // unchanged for a while: keep it from expiring
        watch.renewedAtNanos = now;
      }
      if (state.status() != TaskState.Status.READY) {
        continue;
      }
      long waited = now - watch.observedAtNanos;
      if (waited > leaseNanos && now - watch.requeuedAtNanos > leaseNanos) {
        if (queueEmpty == null) {
          queueEmpty = state.localOnly() || table.queueEmpty();
        }
        if (queueEmpty && !state.localOnly()) {
          log.debug("Run {}: node {} lost its ready item; queueing it again", run.runId(), entry);
          table.enqueue(entry.getKey(), state.attempt(), false);
        }
        watch.requeuedAtNanos = now;
      }
      if (waited > UNCLAIMED_WARNING_NANOS && now - watch.warnedAtNanos > UNCLAIMED_WARNING_NANOS) {
        watch.warnedAtNanos = now;
        log.warn(
            "Run {}: node {} has waited {} s for a worker{}; start a worker (the 'worker'"
                + " command) on this cluster, or give the ParallelRunner local workers",
            run.runId(),
            entry.getKey(),
            TimeUnit.NANOSECONDS.toSeconds(waited),
            state.localOnly() ? " of the driver's JVM (it is local-only)" : "");
      }
    }
  }

  /** The attempts of a node that lost their lease (their staged outputs are garbage). */
  Set<Integer> abandonedAttempts(String node) {
    return abandoned.getOrDefault(node, Set.of());
  }

  /** All nodes with abandoned attempts. */
  Map<String, Set<Integer>> abandonedAttempts() {
    return Map.copyOf(abandoned);
  }

  /**
   * Ends the run for workers: every READY node becomes CANCELLED, so no new node starts. Nodes that
   * are running finish or lose their lease; their results are no longer read.
   */
  void cancelPending() {
    failed = true;
    Map<String, TaskState> states = table.getAll(inFlight.keySet());
    for (Map.Entry<String, Watch> entry : List.copyOf(inFlight.entrySet())) {
      String node = entry.getKey();
      TaskState state = states.get(node);
      boolean cancelled;
      if (state == null) {
        // never claimed: the first attempt's entry does not exist, so create it cancelled
        TaskState observed = entry.getValue().observed;
        cancelled = observed.attempt() == 1 && table.cancelUnclaimed(node, observed.localOnly());
        state = observed;
      } else {
        cancelled =
            state.status() == TaskState.Status.READY
                && table.transition(node, state, state.cancelled());
      }
      if (cancelled) {
        inFlight.remove(node);
        this.cancelled.add(node);
        lastStates.put(node, state.cancelled());
      }
    }
  }

  /** The nodes {@link #cancelPending()} cancelled, sorted. */
  Set<String> cancelledNodes() {
    return Set.copyOf(cancelled);
  }

  /**
   * Records the run's end (for the {@code runs} command), removes the run from the directory and
   * destroys its task table and queue.
   */
  @Override
  public void close() {
    if (published) {
      List<RunSnapshot.NodeSnapshot> nodes = new ArrayList<>();
      lastStates.forEach((node, state) -> nodes.add(RunSnapshot.NodeSnapshot.of(node, state)));
      ClusterActivity.recordFinished(
          hz,
          new RunSnapshot(
              run.runId(),
              run.pipelineName(),
              run.catalogName(),
              run.driverId(),
              failed || !inFlight.isEmpty() ? "FAILED" : "SUCCEEDED",
              run.startedAtMillis(),
              System.currentTimeMillis(),
              completed,
              run.totalNodes(),
              nodes));
      directory.remove(run);
      table.wakeWaiting(lastStates.values());
    }
    table.destroy(listenerId);
  }

  private void started(String node, TaskState state, Watch watch) {
    if (watch.startedAttempt < state.attempt()) {
      watch.startedAttempt = state.attempt();
      emit(RunEvent.Kind.STARTED, node, state, state.startedAtMillis(), "");
    }
  }

  private void expire(String node, Watch watch, long now) {
    TaskState state = watch.observed;
    TaskState next = state.nextAttempt();
    if (table.transition(node, state, next)) {
      abandoned.computeIfAbsent(node, n -> new TreeSet<>()).add(state.attempt());
      watch.observed = next;
      watch.observedAtNanos = now;
      table.enqueue(node, next.attempt(), next.localOnly());
      log.warn(
          "Run {}: worker {} stopped renewing its lease on node {} (attempt {}); offering attempt {}",
          run.runId(),
          state.workerId(),
          node,
          state.attempt(),
          next.attempt());
      emit(RunEvent.Kind.LEASE_EXPIRED, node, state, System.currentTimeMillis(), "");
    } else {
      watch.observedAtNanos = now; // it changed: its event (or the next read) tells how
    }
  }

  private void emit(RunEvent.Kind kind, String node, TaskState state, long atMillis, String error) {
    Duration duration =
        kind == RunEvent.Kind.FINISHED || kind == RunEvent.Kind.FAILED
            ? Duration.ofMillis(Math.max(0, state.finishedAtMillis() - state.startedAtMillis()))
            : Duration.ZERO;
    RunEvent event =
        new RunEvent(
            kind,
            run.runId(),
            node,
            state.attempt(),
            state.workerId(),
            Instant.ofEpochMilli(atMillis),
            duration,
            error);
    // As Kedro: one INFO line per node start (here) and completion (the run plan's progress line);
    // the rest of the protocol is at DEBUG, what went wrong at WARN.
    switch (kind) {
      case STARTED -> log.info("Run {}: {}", run.runId(), event);
      case FINISHED ->
          log.debug(
              "Run {}: {}; completed {} out of {} tasks",
              run.runId(),
              event,
              completed,
              totalNodes);
      default -> log.warn("Run {}: {}", run.runId(), event);
    }
    try {
      events.accept(event);
    } catch (RuntimeException e) {
      log.warn("Run {}: the event listener threw on {}", run.runId(), event, e);
    }
  }

  private static final class Watch {
    private TaskState observed;
    private long observedAtNanos;
    private long requeuedAtNanos;
    private long renewedAtNanos;
    private long warnedAtNanos;
    private int startedAttempt;
    private boolean seen; // the task table has an entry for the node (a worker claimed it)

    Watch(TaskState observed, long now) {
      this.observed = observed;
      this.observedAtNanos = now;
      this.requeuedAtNanos = now;
      this.renewedAtNanos = now;
    }
  }
}
