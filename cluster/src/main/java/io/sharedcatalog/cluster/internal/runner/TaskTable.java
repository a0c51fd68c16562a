package io.sharedcatalog.cluster.internal.runner;

import com.hazelcast.collection.IQueue;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.MapListener;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run's task table and ready queues.
 *
 * <p>The table, {@link RunDescriptor#tasksMapName()}, maps node name → {@link TaskState} as JSON.
 * Every state change is an {@code IMap.replace(node, expected, next)} on the exact previous text,
 * so a heartbeat, a commit and a lease expiry racing on the same node cannot both win: the loser
 * sees {@code false}.
 *
 * <p>The ready queue, {@link RunDescriptor#readyQueueName()}, holds {@code "<attempt>:<node>"} for
 * each node offered to any worker: whoever offers a node READY (the driver, on a first offer or a
 * lease expiry; a closing worker handing a node back) also queues it, and a worker finds work with
 * one {@code poll} and claims it with one {@code replace(READY(attempt), CLAIMED(attempt, me))},
 * without reading the table. An item is only a hint: a stale one (the node was cancelled, or is
 * queued twice) fails its {@code replace} and is dropped, so a node runs at most once per attempt
 * whatever the queue holds. Local-only nodes go to a queue in the driver's JVM instead, which only
 * its local workers poll.
 *
 * <p>This class is thread-safe.
 */
final class TaskTable {
  private static final Logger log = LoggerFactory.getLogger(TaskTable.class);

  /** A node named by a ready queue, with the attempt it was queued for. */
  record Ready(String node, int attempt, boolean localOnly) {
    TaskState expected() {
      return TaskState.ready(attempt, localOnly);
    }
  }

  private final RunDescriptor run;
  private final IMap<String, HazelcastJsonValue> tasks;
  private final IQueue<String> ready;
  private final BlockingQueue<String> localReady;
  private final boolean sharedNodes;

  /** A worker's view of a run: it polls only the cluster's ready queue. */
  TaskTable(HazelcastInstance hz, RunDescriptor run) {
    this(hz, run, false, true);
  }

  /**
   * @param localQueue whether this process keeps the run's local-only queue (the driver's JVM)
   * @param sharedNodes whether any node of the run may go to remote workers; if not, local workers
   *     never poll the cluster's queue
   */
  TaskTable(HazelcastInstance hz, RunDescriptor run, boolean localQueue, boolean sharedNodes) {
    this.run = Objects.requireNonNull(run, "run");
    RunLifetime.configure(hz);
    this.tasks = hz.getMap(run.tasksMapName());
    this.ready = hz.getQueue(run.readyQueueName());
    this.localReady = localQueue ? new LinkedBlockingQueue<>() : null;
    this.sharedNodes = sharedNodes;
  }

  RunDescriptor run() {
    return run;
  }

  /**
   * Offers a node for its first attempt. Offering it again (a retry after the cluster did not
   * answer) leaves the entry as it is.
   */
  void offer(String node, boolean localOnly) {
    HazelcastJsonValue previous = tasks.putIfAbsent(node, TaskState.ready(1, localOnly).json());
    if (previous != null) {
      log.debug("Node {} of run {} was already offered: {}", node, run.runId(), previous);
      return;
    }
    enqueue(node, 1, localOnly);
  }

  /** Queues a node that is READY under {@code attempt} for the workers that may take it. */
  void enqueue(String node, int attempt, boolean localOnly) {
    String item = attempt + ":" + node;
    if (localOnly) {
      if (localReady == null) {
        throw new IllegalStateException("Only the driver's JVM queues local-only node " + node);
      }
      localReady.offer(item);
    } else {
      ready.offer(item);
    }
  }

  /**
   * Takes the next ready node, waiting up to {@code timeoutMillis}: local-only ones first (the
   * driver's JVM only), then the cluster's queue.
   */
  Optional<Ready> poll(long timeoutMillis) throws InterruptedException {
    if (localReady != null) {
      String local = localReady.poll();
      if (local != null) {
        return Optional.of(parse(local, true));
      }
      if (!sharedNodes) {
        local = localReady.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        return local == null ? Optional.empty() : Optional.of(parse(local, true));
      }
      // a local-only node queued meanwhile waits at most this long for a local worker
      timeoutMillis = Math.min(timeoutMillis, 20);
    }
    String item =
        timeoutMillis <= 0 ? ready.poll() : ready.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    return item == null ? Optional.empty() : Optional.of(parse(item, false));
  }

  /** Whether the cluster's ready queue is empty (then a node READY for long lost its item). */
  boolean queueEmpty() {
    return !sharedNodes || ready.isEmpty();
  }

  private Ready parse(String item, boolean localOnly) {
    int colon = item.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException(
          "Ready queue of run " + run.runId() + " holds a malformed item '" + item + "'");
    }
    return new Ready(
        item.substring(colon + 1), Integer.parseInt(item.substring(0, colon)), localOnly);
  }

  /** The current state of a node, empty if it was never offered (or the run is over). */
  Optional<TaskState> get(String node) {
    HazelcastJsonValue json = tasks.get(node);
    return json == null ? Optional.empty() : Optional.of(TaskState.decode(json));
  }

  /** Every node's state, read entry by entry (not a consistent snapshot of the whole map). */
  Map<String, TaskState> snapshot() {
    Map<String, TaskState> states = new LinkedHashMap<>();
    for (Map.Entry<String, HazelcastJsonValue> entry : tasks.entrySet()) {
      try {
        states.put(entry.getKey(), TaskState.decode(entry.getValue()));
      } catch (RuntimeException e) {
        log.warn("Ignoring task {} of run {}: {}", entry.getKey(), run.runId(), e.getMessage());
      }
    }
    return states;
  }

  /** The states of the given nodes (absent ones left out), in one call per partition. */
  Map<String, TaskState> getAll(Set<String> nodes) {
    Map<String, TaskState> states = new LinkedHashMap<>();
    for (Map.Entry<String, HazelcastJsonValue> entry : tasks.getAll(nodes).entrySet()) {
      states.put(entry.getKey(), TaskState.decode(entry.getValue()));
    }
    return states;
  }

  /** Atomically moves a node from {@code expected} to {@code next}; false if it had changed. */
  boolean transition(String node, TaskState expected, TaskState next) {
    return tasks.replace(node, expected.json(), next.json());
  }

  /** Keeps an entry that has not changed for a while from expiring (its driver is alive). */
  void renew(String node) {
    tasks.setTtl(node, RunLifetime.tableTtlSeconds(), TimeUnit.SECONDS);
  }

  /** Listens to the table's changes, with the entries' new values. */
  UUID addListener(MapListener listener) {
    return tasks.addEntryListener(listener, true);
  }

  void removeListener(UUID id) {
    try {
      tasks.removeEntryListener(id);
    } catch (RuntimeException e) {
      log.debug("Could not remove a listener of run {}: {}", run.runId(), e.toString());
    }
  }

  /**
   * Removes the table and the queue from the cluster (and this process's proxies of them). A late
   * writer's {@code replace} then finds no entry. Idempotent; never throws.
   */
  void destroy() {
    try {
      tasks.destroy();
      ready.destroy();
    } catch (RuntimeException e) {
      log.debug("Could not destroy the table of run {}: {}", run.runId(), e.toString());
    }
  }
}
