package io.sharedcatalog.cluster.internal.runner;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import io.sharedcatalog.cluster.NodeEvent;
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
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's side of the protocol for one run: publishes the run, offers nodes, watches the task
 * table (woken by an entry listener, and re-reading the in-flight nodes at least every {@code
 * pollMillis}), turns state changes into {@link NodeEvent}s, takes back nodes whose lease expired,
 * and hands DONE and FAILED nodes to the caller.
 *
 * <p>Lease expiry is judged on the driver's own monotonic clock, never by comparing clocks of two
 * JVMs: a CLAIMED entry whose string has not changed (no heartbeat) for {@code leaseTimeoutMillis}
 * is replaced, atomically against that exact string, by {@code READY(attempt + 1)}. If the worker
 * renewed in between, the replace fails and the lease lives on.
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

  private final RunDescriptor run;
  private final RunDirectory directory;
  private final TaskTable table;
  private final Consumer<NodeEvent> events;
  private final long pollMillis;
  private final Semaphore changes = new Semaphore(0);
  private final Map<String, Watch> inFlight = new LinkedHashMap<>();
  private final Map<String, Set<Integer>> abandoned = new HashMap<>();
  private final Set<String> cancelled = new TreeSet<>();
  private UUID listenerId;
  private boolean published;
  private long renewedAtNanos;

  RunCoordinator(
      HazelcastInstance hz, RunDescriptor run, Consumer<NodeEvent> events, long pollMillis) {
    this.run = Objects.requireNonNull(run, "run");
    this.directory = new RunDirectory(hz);
    this.table = new TaskTable(hz, run);
    this.events = Objects.requireNonNull(events, "events");
    this.pollMillis = pollMillis;
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
  }

  /** Offers a node to the workers (local-only nodes only to this JVM's workers). */
  void offer(String node, boolean localOnly) {
    table.offer(node, localOnly);
    inFlight.putIfAbsent(node, new Watch());
  }

  /** Whether some offered node has not reached DONE or FAILED yet. */
  boolean hasInFlight() {
    return !inFlight.isEmpty();
  }

  /**
   * Waits up to {@code pollMillis} for changes, then reads the in-flight nodes: emits events,
   * expires leases, and returns the nodes that reached DONE or FAILED (each once).
   */
  List<Outcome> awaitOutcomes() throws InterruptedException {
    if (changes.tryAcquire(pollMillis, TimeUnit.MILLISECONDS)) {
      changes.drainPermits();
    }
    long now = System.nanoTime();
    if (published
        && now - renewedAtNanos > TimeUnit.MILLISECONDS.toNanos(run.leaseTimeoutMillis())) {
      directory.renew(run);
      renewedAtNanos = now;
    }
    List<Outcome> outcomes = new ArrayList<>();
    if (inFlight.isEmpty()) {
      return outcomes;
    }
    Map<String, TaskState> states = table.getAll(inFlight.keySet());
    for (Map.Entry<String, TaskState> entry : states.entrySet()) {
      String node = entry.getKey();
      TaskState state = entry.getValue();
      Watch watch = inFlight.get(node);
      switch (state.status()) {
        case CLAIMED -> {
          started(node, state, watch);
          if (!state.equals(watch.observed)) {
            watch.observed = state;
            watch.observedAtNanos = now;
          } else if (now - watch.observedAtNanos
              > TimeUnit.MILLISECONDS.toNanos(run.leaseTimeoutMillis())) {
            expire(node, state);
          }
        }
        case DONE -> {
          started(node, state, watch);
          emit(NodeEvent.Kind.FINISHED, node, state, state.finishedAtMillis(), "");
          inFlight.remove(node);
          outcomes.add(new Outcome(node, state));
        }
        case FAILED -> {
          started(node, state, watch);
          emit(NodeEvent.Kind.FAILED, node, state, state.finishedAtMillis(), state.error());
          inFlight.remove(node);
          outcomes.add(new Outcome(node, state));
        }
        case READY -> {
          if (watch.readySinceNanos == 0 || watch.readyAttempt != state.attempt()) {
            watch.readySinceNanos = now;
            watch.readyAttempt = state.attempt();
          } else if (now - watch.readySinceNanos > UNCLAIMED_WARNING_NANOS) {
            watch.readySinceNanos = now;
            log.warn(
                "Run {}: node {} has waited {} s for a worker{}; start a worker (the 'worker'"
                    + " command) on this cluster, or give the ParallelRunner local workers",
                run.runId(),
                node,
                TimeUnit.NANOSECONDS.toSeconds(UNCLAIMED_WARNING_NANOS),
                state.localOnly() ? " of the driver's JVM (it is local-only)" : "");
          }
        }
        default -> {
          // CANCELLED is only written by this coordinator
        }
      }
    }
    return outcomes;
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
    for (Map.Entry<String, TaskState> entry : table.getAll(inFlight.keySet()).entrySet()) {
      TaskState state = entry.getValue();
      if (state.status() == TaskState.Status.READY
          && table.transition(entry.getKey(), state, state.cancelled())) {
        inFlight.remove(entry.getKey());
        cancelled.add(entry.getKey());
      }
    }
  }

  /** The nodes {@link #cancelPending()} cancelled, sorted. */
  Set<String> cancelledNodes() {
    return Set.copyOf(cancelled);
  }

  /** Removes the run from the directory and destroys its task table. */
  @Override
  public void close() {
    if (listenerId != null) {
      table.removeListener(listenerId);
    }
    if (published) {
      directory.remove(run);
    }
    table.destroy();
  }

  private void started(String node, TaskState state, Watch watch) {
    if (watch.startedAttempt < state.attempt()) {
      watch.startedAttempt = state.attempt();
      emit(NodeEvent.Kind.STARTED, node, state, state.startedAtMillis(), "");
    }
  }

  private void expire(String node, TaskState state) {
    TaskState next = state.nextAttempt();
    if (table.transition(node, state, next)) {
      abandoned.computeIfAbsent(node, n -> new TreeSet<>()).add(state.attempt());
      Watch watch = inFlight.get(node);
      watch.observed = null;
      log.warn(
          "Run {}: worker {} stopped renewing its lease on node {} (attempt {}); offering attempt {}",
          run.runId(),
          state.workerId(),
          node,
          state.attempt(),
          next.attempt());
      emit(NodeEvent.Kind.LEASE_EXPIRED, node, state, System.currentTimeMillis(), "");
    }
  }

  private void emit(
      NodeEvent.Kind kind, String node, TaskState state, long atMillis, String error) {
    Duration duration =
        kind == NodeEvent.Kind.FINISHED || kind == NodeEvent.Kind.FAILED
            ? Duration.ofMillis(Math.max(0, state.finishedAtMillis() - state.startedAtMillis()))
            : Duration.ZERO;
    NodeEvent event =
        new NodeEvent(
            kind,
            run.runId(),
            node,
            state.attempt(),
            state.workerId(),
            Instant.ofEpochMilli(atMillis),
            duration,
            error);
    if (kind == NodeEvent.Kind.FAILED) {
      log.warn("Run {}: {}", run.runId(), event);
    } else {
      log.info("Run {}: {}", run.runId(), event);
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
    private int startedAttempt;
    private long readySinceNanos;
    private int readyAttempt;
  }

  private final class Changes
      implements EntryAddedListener<String, String>, EntryUpdatedListener<String, String> {
    @Override
    public void entryAdded(EntryEvent<String, String> event) {
      changes.release();
    }

    @Override
    public void entryUpdated(EntryEvent<String, String> event) {
      changes.release();
    }
  }
}
