package io.sharedcatalog.cluster.internal.runner;

import com.hazelcast.collection.IQueue;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryUpdatedListener;
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
 * each node offered to any worker. The driver offers the nodes that became ready with one {@code
 * addAll} and writes no entry for them: a first attempt's entry is created by its claim ({@code
 * putIfAbsent(CLAIMED(1, me))}), a later attempt's (READY, written by a lease expiry or a
 * hand-back, which also queue it) moves by {@code replace(READY(a), CLAIMED(a, me))}. So a worker
 * finds work with one {@code poll} and claims it with one write, without reading the table. An item
 * is only a hint: a stale one (the node was cancelled, or is queued twice) fails its claim and is
 * dropped, so a node runs at most once per attempt whatever the queues hold. A node may also be
 * placed on one worker's own queue ({@link #enqueueFor}, {@code <ready queue>.<workerId>}), which
 * only that worker polls. Local-only nodes go to a queue in the driver's JVM instead, which only
 * its local workers poll.
 *
 * <p>This class is thread-safe.
 */
final class TaskTable {
  private static final Logger log = LoggerFactory.getLogger(TaskTable.class);

  /**
   * The item a driver queues, once per worker thread that served its run, when the run is over: a
   * thread waiting on the run's queue takes it and turns to other runs at once, instead of waiting
   * out its poll on a queue that is about to go. Real items are {@code attempt:node}.
   */
  static final String RUN_OVER = "over";

  private volatile boolean over;

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
  private final HazelcastInstance hz;
  private final Map<String, IQueue<String>> preferred =
      new java.util.concurrent.ConcurrentHashMap<>();

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
    this.hz = hz;
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
   * Offers nodes for their first attempt: one {@code addAll} of the cluster's ready queue for all
   * of them (and the local queue for local-only ones). No task entry is written: the first
   * attempt's claim creates it ({@link #claim}). Offering a node again (a retry after the cluster
   * did not answer) only queues a duplicate item, which fails its claim.
   *
   * @param nodes node → whether it is local-only
   */
  void offerAll(Map<String, Boolean> nodes) {
    java.util.List<String> shared = new java.util.ArrayList<>();
    nodes.forEach(
        (node, localOnly) -> {
          if (localOnly) {
            enqueue(node, 1, true);
          } else {
            shared.add(1 + ":" + node);
          }
        });
    if (shared.size() == 1) {
      ready.offer(shared.get(0));
    } else if (!shared.isEmpty()) {
      ready.addAll(shared);
    }
  }

  /**
   * Queues a node READY under {@code attempt} for one worker only (it produced the node's largest
   * input); the driver queues it for all workers too if that worker does not claim it soon.
   */
  void enqueueFor(String workerId, String node, int attempt) {
    preferredQueue(workerId).offer(attempt + ":" + node);
  }

  /**
   * Takes the next node queued for {@code workerId} alone ({@link #enqueueFor}), waiting up to
   * {@code timeoutMillis}.
   */
  Optional<Ready> pollFor(String workerId, long timeoutMillis) throws InterruptedException {
    return ready(preferredQueue(workerId).poll(timeoutMillis, TimeUnit.MILLISECONDS));
  }

  /** Whether this process took the driver's {@link #RUN_OVER} item from one of the run's queues. */
  boolean isOver() {
    return over;
  }

  /**
   * Queues {@link #RUN_OVER} for every thread of every worker among {@code states} in the shared
   * queue, and for each thread of a worker whose own queue this driver placed nodes in, so that
   * threads waiting on the run's queues stop at once (a thread waiting on its worker's own queue,
   * which this driver never used, is woken by its worker: {@link #destroyQueueOf}); at most 256 in
   * the shared queue. The driver calls it after removing the run's listing. Never throws.
   */
  void wakeWaiting(java.util.Collection<TaskState> states) {
    Map<String, Integer> threads = new java.util.TreeMap<>();
    for (TaskState state : states) {
      if (!state.workerId().isEmpty()) {
        threads.merge(state.workerId(), Math.max(1, state.threads()), Math::max);
      }
    }
    int total = Math.min(256, threads.values().stream().mapToInt(Integer::intValue).sum());
    try {
      if (total > 0) {
        ready.addAll(java.util.Collections.nCopies(total, RUN_OVER));
      }
      preferred.forEach(
          (worker, queue) ->
              queue.addAll(
                  java.util.Collections.nCopies(
                      Math.min(threads.getOrDefault(worker, 1), 64), RUN_OVER)));
    } catch (RuntimeException e) {
      log.debug("Could not wake the workers of run {}: {}", run.runId(), e.toString());
    }
  }

  /** The queue of nodes placed on one worker, {@code <ready queue>.<workerId>}. */
  private IQueue<String> preferredQueue(String workerId) {
    return preferred.computeIfAbsent(workerId, w -> hz.getQueue(run.readyQueueName() + "." + w));
  }

  /**
   * Removes the queue of nodes placed on {@code workerId} (a worker's own, once the run ended; the
   * driver removes those it placed nodes in), if this process used it: after queuing {@link
   * #RUN_OVER} in it, so that a thread of this process waiting on it stops at once. Never throws.
   */
  void destroyQueueOf(String workerId) {
    try {
      IQueue<String> queue = preferred.remove(workerId);
      if (queue != null) {
        // a thread of this process may wait on it: a poll outlives the queue's destruction
        queue.offer(RUN_OVER);
        queue.destroy();
      }
    } catch (RuntimeException e) {
      log.debug("Could not destroy a worker queue of run {}: {}", run.runId(), e.toString());
    }
  }

  /**
   * Claims a queued node: {@code putIfAbsent(CLAIMED(1, me))} for a first attempt (whose entry does
   * not exist until claimed, or is CANCELLED), {@code replace(READY(a), CLAIMED(a, me))} for a
   * later one. Exactly one of racing claims of an attempt wins.
   */
  boolean claim(Ready ready, TaskState claimed) {
    if (ready.attempt() == 1) {
      return tasks.putIfAbsent(ready.node(), claimed.json()) == null;
    }
    return transition(ready.node(), ready.expected(), claimed);
  }

  /** Cancels a first attempt that nobody claimed yet; false if a worker claimed it first. */
  boolean cancelUnclaimed(String node, boolean localOnly) {
    return tasks.putIfAbsent(node, TaskState.ready(1, localOnly).cancelled().json()) == null;
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
    return ready(
        timeoutMillis <= 0 ? ready.poll() : ready.poll(timeoutMillis, TimeUnit.MILLISECONDS));
  }

  /** Whether the cluster's ready queue is empty (then a node READY for long lost its item). */
  boolean queueEmpty() {
    return !sharedNodes || ready.isEmpty();
  }

  /** An item of a cluster queue: a node to run, or nothing (none, or {@link #RUN_OVER}). */
  private Optional<Ready> ready(String item) {
    if (RUN_OVER.equals(item)) {
      over = true;
      return Optional.empty();
    }
    return item == null ? Optional.empty() : Optional.of(parse(item, false));
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

  /**
   * Calls {@code onChange} with each changed entry's node and new state, except claims and their
   * renewals (the driver reads in-flight entries itself at the lease's pace, so a node costs it one
   * event, its commit). It runs on a Hazelcast event thread; an entry that cannot be read is logged
   * and skipped.
   *
   * <p>The listener hears only updates: a first attempt's entry is created by its claim (the one
   * entry a worker creates) or by the driver's own cancellation, and every later state is a {@code
   * replace}. The members then send no event for a claim at all, and evaluate no predicate for any
   * write: a predicate on the JSON {@code status} cost the members more than all else a fan node
   * does (measured with JFR on the pipeline benchmark). Renewals and later attempts' claims, which
   * are updates, are dropped here; a node that runs for seconds renews once a second.
   */
  UUID listen(java.util.function.BiConsumer<String, TaskState> onChange) {
    return tasks.addEntryListener(new Changes(onChange), true);
  }

  private final class Changes implements EntryUpdatedListener<String, HazelcastJsonValue> {
    private final java.util.function.BiConsumer<String, TaskState> onChange;

    Changes(java.util.function.BiConsumer<String, TaskState> onChange) {
      this.onChange = onChange;
    }

    @Override
    public void entryUpdated(EntryEvent<String, HazelcastJsonValue> event) {
      TaskState state;
      try {
        state = TaskState.decode(event.getValue());
      } catch (RuntimeException e) {
        log.warn("Run {}: ignoring task {}: {}", run.runId(), event.getKey(), e.getMessage());
        return;
      }
      if (state.status() != TaskState.Status.CLAIMED) {
        onChange.accept(event.getKey(), state);
      }
    }
  }

  /**
   * Removes the table and the queues (the per-worker ones this process used) from the cluster (and
   * this process's proxies of them). A late writer's {@code replace} then finds no entry.
   * Idempotent; never throws.
   */
  void destroy() {
    destroy(null);
  }

  /**
   * As {@link #destroy()}, removing the driver's listener ({@link #listen}) first if {@code
   * listener} is not null.
   */
  void destroy(UUID listener) {
    if (listener != null) {
      try {
        tasks.removeEntryListener(listener);
      } catch (RuntimeException e) {
        log.debug("Could not remove a listener of run {}: {}", run.runId(), e.toString());
      }
    }
    destroyQuietly(tasks);
    destroyQuietly(ready);
    preferred.values().forEach(this::destroyQuietly);
  }

  private void destroyQuietly(com.hazelcast.core.DistributedObject object) {
    try {
      object.destroy();
    } catch (RuntimeException e) {
      log.debug("Could not destroy {} of run {}: {}", object.getName(), run.runId(), e.toString());
    }
  }
}
