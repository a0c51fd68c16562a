package io.sharedcatalog.cluster.internal.runner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one run of a {@code ParallelRunner} is doing or did, as read from the cluster by {@link
 * ClusterActivity#runs}: its pipeline, driver, catalog, start and end, how many nodes are done, and
 * every node offered so far with its state, attempt, worker and times.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param runId the run's id
 * @param pipeline the registered pipeline name, empty if the run's nodes are local-only
 * @param catalog the shared catalog the run reads and writes
 * @param driver the driver's id ({@code driver-<pid>-<random>})
 * @param status {@code RUNNING}, {@code SUCCEEDED} or {@code FAILED}
 * @param startedAtMillis when the driver published the run (epoch millis)
 * @param endedAtMillis when it ended, 0 while it runs
 * @param nodesDone how many nodes are DONE
 * @param nodesTotal how many nodes the run has (nodes not offered yet are not in {@code nodes})
 * @param nodes the nodes offered so far, by name
 */
public record RunSnapshot(
    String runId,
    String pipeline,
    String catalog,
    String driver,
    String status,
    long startedAtMillis,
    long endedAtMillis,
    int nodesDone,
    int nodesTotal,
    List<NodeSnapshot> nodes) {

  /**
   * One node of a run.
   *
   * @param node the node's name
   * @param state {@code READY}, {@code CLAIMED} (running), {@code DONE}, {@code FAILED} or {@code
   *     CANCELLED}
   * @param attempt the attempt number (1, then one more per lease lost)
   * @param worker the worker that runs or ran it, empty while READY
   * @param startedAtMillis when the attempt was claimed, 0 if not yet
   * @param finishedAtMillis when it ended, 0 if not yet
   */
  public record NodeSnapshot(
      String node,
      String state,
      int attempt,
      String worker,
      long startedAtMillis,
      long finishedAtMillis) {
    static NodeSnapshot of(String node, TaskState state) {
      return new NodeSnapshot(
          node,
          state.status().name(),
          state.attempt(),
          state.workerId(),
          state.startedAtMillis(),
          state.finishedAtMillis());
    }

    Map<String, Object> toMap() {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("node", node);
      map.put("state", state);
      map.put("attempt", attempt);
      map.put("worker", worker);
      map.put("started", startedAtMillis);
      map.put("finished", finishedAtMillis);
      return map;
    }

    static NodeSnapshot fromMap(Map<String, Object> map) {
      return new NodeSnapshot(
          RunnerJson.optionalString(map, "node"),
          RunnerJson.optionalString(map, "state"),
          (int) RunnerJson.optionalNumber(map, "attempt"),
          RunnerJson.optionalString(map, "worker"),
          RunnerJson.optionalNumber(map, "started"),
          RunnerJson.optionalNumber(map, "finished"));
    }
  }

  /** Creates a snapshot; {@code nodes} is copied. */
  public RunSnapshot {
    Objects.requireNonNull(runId, "runId");
    nodes = List.copyOf(nodes);
  }

  /** The snapshot as JSON-ready maps and lists (what {@code runs --json} prints). */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("run", runId);
    map.put("pipeline", pipeline);
    map.put("catalog", catalog);
    map.put("driver", driver);
    map.put("status", status);
    map.put("started", startedAtMillis);
    map.put("ended", endedAtMillis);
    map.put("done", nodesDone);
    map.put("total", nodesTotal);
    List<Object> list = new ArrayList<>();
    nodes.forEach(n -> list.add(n.toMap()));
    map.put("nodes", list);
    return map;
  }

  @SuppressWarnings("unchecked")
  static RunSnapshot fromMap(Map<String, Object> map) {
    List<NodeSnapshot> nodes = new ArrayList<>();
    for (Object node : RunnerJson.list(map, "nodes")) {
      if (node instanceof Map<?, ?> m) {
        nodes.add(NodeSnapshot.fromMap((Map<String, Object>) m));
      }
    }
    return new RunSnapshot(
        RunnerJson.optionalString(map, "run"),
        RunnerJson.optionalString(map, "pipeline"),
        RunnerJson.optionalString(map, "catalog"),
        RunnerJson.optionalString(map, "driver"),
        RunnerJson.optionalString(map, "status"),
        RunnerJson.optionalNumber(map, "started"),
        RunnerJson.optionalNumber(map, "ended"),
        (int) RunnerJson.optionalNumber(map, "done"),
        (int) RunnerJson.optionalNumber(map, "total"),
        nodes);
  }
}
