package io.sharedcatalog.cluster.internal.runner;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.MapListener;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run's task table: node name → {@link TaskState} encoded as a string, in the map {@link
 * RunDescriptor#tasksMapName()}. Every state change is an {@code IMap.replace(node, expected,
 * next)} on the exact previous string, so a heartbeat, a commit and a lease expiry racing on the
 * same node cannot both win: the loser sees {@code false} and re-reads.
 *
 * <p>This class is thread-safe.
 */
final class TaskTable {
  private static final Logger log = LoggerFactory.getLogger(TaskTable.class);

  private final RunDescriptor run;
  private final IMap<String, String> tasks;

  TaskTable(HazelcastInstance hz, RunDescriptor run) {
    this.run = Objects.requireNonNull(run, "run");
    this.tasks = hz.getMap(run.tasksMapName());
  }

  RunDescriptor run() {
    return run;
  }

  /**
   * Offers a node for its first attempt. Offering it again (a retry after the cluster did not
   * answer) leaves the entry as it is.
   */
  void offer(String node, boolean localOnly) {
    String previous = tasks.putIfAbsent(node, TaskState.ready(1, localOnly).encode());
    if (previous != null) {
      log.debug("Node {} of run {} was already offered: {}", node, run.runId(), previous);
    }
  }

  /** The current state of a node, empty if it was never offered (or the run is over). */
  Optional<TaskState> get(String node) {
    String text = tasks.get(node);
    return text == null ? Optional.empty() : Optional.of(TaskState.decode(text));
  }

  /** Every node's state, read entry by entry (not a consistent snapshot of the whole map). */
  Map<String, TaskState> snapshot() {
    Map<String, TaskState> states = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : tasks.entrySet()) {
      try {
        states.put(entry.getKey(), TaskState.decode(entry.getValue()));
      } catch (RuntimeException e) {
        log.warn("Ignoring task {} of run {}: {}", entry.getKey(), run.runId(), e.getMessage());
      }
    }
    return states;
  }

  /** The states of the given nodes (absent ones left out), in one call per partition. */
  Map<String, TaskState> getAll(java.util.Set<String> nodes) {
    Map<String, TaskState> states = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : tasks.getAll(nodes).entrySet()) {
      states.put(entry.getKey(), TaskState.decode(entry.getValue()));
    }
    return states;
  }

  /** Atomically moves a node from {@code expected} to {@code next}; false if it had changed. */
  boolean transition(String node, TaskState expected, TaskState next) {
    return tasks.replace(node, expected.encode(), next.encode());
  }

  UUID addListener(MapListener listener) {
    return tasks.addEntryListener(listener, false);
  }

  void removeListener(UUID id) {
    try {
      tasks.removeEntryListener(id);
    } catch (RuntimeException e) {
      log.debug("Could not remove a listener of run {}: {}", run.runId(), e.toString());
    }
  }

  /** Removes the table from the cluster. A late writer's {@code replace} then finds no entry. */
  void destroy() {
    tasks.destroy();
  }
}
