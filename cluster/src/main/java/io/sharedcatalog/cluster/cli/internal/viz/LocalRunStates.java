package io.sharedcatalog.cluster.cli.internal.viz;

import io.sharedcatalog.pipeline.Node;
import io.sharedcatalog.pipeline.Pipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The states of the run this JVM drives, for {@code run --viz}. Fed either by the events of a
 * {@code ParallelRunner} (every worker of the cluster, through {@link #started}, {@link #finished},
 * {@link #failed} and {@link #takenBack}) or, for the in-process runners, which have no events, by
 * {@link #instrument(Pipeline)}, which marks each node as its function starts and ends.
 *
 * <p>This class is thread-safe.
 */
public final class LocalRunStates implements RunStateSource {
  private final Map<String, NodeState> nodes = new ConcurrentHashMap<>();
  private volatile String runId = "";
  private volatile RunStatus status = RunStatus.NONE;

  /** Creates a source that has seen no run yet. */
  public LocalRunStates() {}

  /** Marks the run as started (nodes still pending); {@code runId} may be empty if unknown. */
  public void runStarted(String runId) {
    this.runId = runId == null ? "" : runId;
    nodes.clear();
    status = RunStatus.RUNNING;
  }

  /** Marks the run as ended. */
  public void runEnded(boolean succeeded) {
    status = succeeded ? RunStatus.SUCCEEDED : RunStatus.FAILED;
  }

  /** A worker started an attempt of a node. */
  public void started(String runId, String node, int attempt, String worker, long atMillis) {
    if (this.runId.isEmpty()) {
      this.runId = runId;
    }
    nodes.put(node, new NodeState(NodeStatus.RUNNING, attempt, worker, atMillis, -1, ""));
  }

  /** An attempt of a node finished. */
  public void finished(String node, int attempt, String worker, long durationMillis) {
    NodeState before = nodes.get(node);
    long started = before == null ? 0 : before.startedAtMillis();
    nodes.put(node, new NodeState(NodeStatus.DONE, attempt, worker, started, durationMillis, ""));
  }

  /** An attempt of a node failed. */
  public void failed(String node, int attempt, String worker, long durationMillis, String error) {
    NodeState before = nodes.get(node);
    long started = before == null ? 0 : before.startedAtMillis();
    nodes.put(
        node, new NodeState(NodeStatus.FAILED, attempt, worker, started, durationMillis, error));
  }

  /** A node was taken back from a worker that was lost; it is pending again. */
  public void takenBack(String node, int attempt, String worker) {
    nodes.put(node, new NodeState(NodeStatus.PENDING, attempt, worker, 0, -1, ""));
  }

  /**
   * Returns the pipeline with each node function reporting to this object when it starts and ends
   * (the pipeline keeps its names, inputs and outputs).
   */
  public Pipeline instrument(Pipeline pipeline) {
    List<Node> instrumented = new ArrayList<>();
    String worker = "this JVM";
    for (Node node : pipeline.nodes()) {
      instrumented.add(
          Node.of(
              node.name(),
              node.inputs(),
              node.outputs(),
              inputs -> {
                long start = System.nanoTime();
                started("", node.name(), 1, worker, System.currentTimeMillis());
                try {
                  Map<String, Object> outputs = node.function().apply(inputs);
                  finished(node.name(), 1, worker, (System.nanoTime() - start) / 1_000_000);
                  return outputs;
                } catch (Exception | Error e) {
                  failed(
                      node.name(),
                      1,
                      worker,
                      (System.nanoTime() - start) / 1_000_000,
                      e.toString());
                  throw e;
                }
              }));
    }
    return Pipeline.of(instrumented);
  }

  /** {@inheritDoc} Dataset sizes are not known to this source yet: the map is empty. */
  @Override
  public Snapshot snapshot() {
    return new Snapshot(runId, status, Map.copyOf(nodes), Map.of());
  }
}
