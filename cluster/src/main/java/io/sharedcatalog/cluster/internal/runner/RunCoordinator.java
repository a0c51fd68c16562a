package io.sharedcatalog.cluster.internal.runner;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * The driver's side of the protocol for one run: publishes the run, offers nodes, follows the task
 * table through an entry listener that carries each entry's new state (so learning of a claim or a
 * commit costs the driver no call), turns state changes into {@link RunEvent}s, takes back nodes
 * whose lease expired, and hands DONE and FAILED nodes to the caller. Every {@code reconcile
 * interval} (a quarter of the lease, between 100 ms and 1 s) it also reads the in-flight entries,
 * in case an event was lost (a client reconnecting).
 *
 * <p>Lease expiry is judged on the driver's own monotonic clock, never by comparing clocks of two
 * JVMs: a CLAIMED entry whose text has not changed (no heartbeat) for {@code leaseTimeoutMillis} is
 * replaced, atomically against that exact text, by {@code READY(attempt + 1)} and queued again. If
 * the worker renewed in between, the replace fails and the lease lives on. A node READY for longer
 * than the lease while the ready queue is empty lost its queue item (a worker died between taking
 * it and claiming): it is queued again, which is harmless if it was not lost.
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
    listenerId = table.addListener(new Changes());
    directory.publish(run);
    published = true;
    renewedAtNanos = System.nanoTime();
    reconciledAtNanos = renewedAtNanos;
  }

  /** Offers a node to the workers (local-only nodes only to this JVM's workers). */
  void offer(String node, boolean localOnly) {
    if (!inFlight.containsKey(node)) {
      inFlight.put(node, new Watch(TaskState.ready(1, localOnly), System.nanoTime()));
    }
    table.offer(node, localOnly);
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
      if (states.size() < inFlight.size()) {
        Set<String> missing = new TreeSet<>(inFlight.keySet());
        missing.removeAll(states.keySet());
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
    return outcomes;
  }

  private void apply(String node, TaskState state, long now, List<Outcome> outcomes) {
    Watch watch = inFlight.get(node);
    if (watch == null || state.attempt() < watch.observed.attempt()) {
      return; // finished already, or an event older than what a read showed
    }
    lastStates.put(node, state);
    switch (state.status()) {
      case CLAIMED -> {
        started(node, state, watch);
        observe(watch, state, now);
      }
      case DONE -> {
        started(node, state, watch);
        inFlight.remove(node);
        completed++;
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
      if (now - Math.max(watch.observedAtNanos, watch.renewedAtNanos) > entryRenewNanos) {
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
    for (Map.Entry<String, TaskState> entry : table.getAll(inFlight.keySet()).entrySet()) {
      TaskState state = entry.getValue();
      if (state.status() == TaskState.Status.READY
          && table.transition(entry.getKey(), state, state.cancelled())) {
        inFlight.remove(entry.getKey());
        cancelled.add(entry.getKey());
        lastStates.put(entry.getKey(), state.cancelled());
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
    if (listenerId != null) {
      table.removeListener(listenerId);
    }
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
    }
    if (published) {
      directory.remove(run);
    }
    table.destroy();
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
    switch (kind) {
      case STARTED -> log.info("Run {}: {}", run.runId(), event);
      case FINISHED ->
          log.info(
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

    Watch(TaskState observed, long now) {
      this.observed = observed;
      this.observedAtNanos = now;
      this.requeuedAtNanos = now;
      this.renewedAtNanos = now;
    }
  }

  private final class Changes
      implements EntryAddedListener<String, HazelcastJsonValue>,
          EntryUpdatedListener<String, HazelcastJsonValue> {
    @Override
    public void entryAdded(EntryEvent<String, HazelcastJsonValue> event) {
      changed(event);
    }

    @Override
    public void entryUpdated(EntryEvent<String, HazelcastJsonValue> event) {
      changed(event);
    }

    private void changed(EntryEvent<String, HazelcastJsonValue> event) {
      try {
        changes.offer(new Change(event.getKey(), TaskState.decode(event.getValue())));
      } catch (RuntimeException e) {
        log.warn("Run {}: ignoring task {}: {}", run.runId(), event.getKey(), e.getMessage());
      }
    }
  }
}
