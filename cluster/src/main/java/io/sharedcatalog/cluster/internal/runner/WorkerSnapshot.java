package io.sharedcatalog.cluster.internal.runner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A connected worker, as it last published itself (about every 2 s) and read by {@link
 * ClusterActivity#workers}: its id, threads, the pipelines it knows, when it started, and the node
 * each busy thread runs.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param workerId the worker's id
 * @param threads how many nodes it runs at once
 * @param pipelines the registered pipelines it knows
 * @param startedAtMillis when it started (epoch millis)
 * @param publishedAtMillis when it wrote this record
 * @param running what its busy threads run
 */
public record WorkerSnapshot(
    String workerId,
    int threads,
    List<String> pipelines,
    long startedAtMillis,
    long publishedAtMillis,
    List<Running> running) {

  /**
   * One busy thread.
   *
   * @param thread the thread's name
   * @param runId the run
   * @param node the node
   * @param attempt the attempt
   */
  public record Running(String thread, String runId, String node, int attempt) {
    Map<String, Object> toMap() {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("thread", thread);
      map.put("run", runId);
      map.put("node", node);
      map.put("attempt", attempt);
      return map;
    }
  }

  /** Creates a snapshot; the lists are copied. */
  public WorkerSnapshot {
    Objects.requireNonNull(workerId, "workerId");
    pipelines = List.copyOf(pipelines);
    running = List.copyOf(running);
  }

  /** The snapshot as JSON-ready maps and lists (what {@code workers --json} prints). */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("worker", workerId);
    map.put("threads", threads);
    map.put("pipelines", pipelines);
    map.put("started", startedAtMillis);
    map.put("published", publishedAtMillis);
    List<Object> list = new ArrayList<>();
    running.forEach(r -> list.add(r.toMap()));
    map.put("running", list);
    return map;
  }

  @SuppressWarnings("unchecked")
  static WorkerSnapshot fromMap(Map<String, Object> map) {
    List<String> pipelines = new ArrayList<>();
    RunnerJson.list(map, "pipelines").forEach(p -> pipelines.add(String.valueOf(p)));
    List<Running> running = new ArrayList<>();
    for (Object item : RunnerJson.list(map, "running")) {
      if (item instanceof Map<?, ?> m) {
        Map<String, Object> r = (Map<String, Object>) m;
        running.add(
            new Running(
                RunnerJson.optionalString(r, "thread"),
                RunnerJson.optionalString(r, "run"),
                RunnerJson.optionalString(r, "node"),
                (int) RunnerJson.optionalNumber(r, "attempt")));
      }
    }
    return new WorkerSnapshot(
        RunnerJson.optionalString(map, "worker"),
        (int) RunnerJson.optionalNumber(map, "threads"),
        pipelines,
        RunnerJson.optionalNumber(map, "started"),
        RunnerJson.optionalNumber(map, "published"),
        running);
  }
}
