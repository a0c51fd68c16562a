package io.sharedcatalog.cluster.cli.internal.viz;

import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.cluster.internal.CatalogInspector;
import io.sharedcatalog.cluster.internal.runner.ClusterActivity;
import io.sharedcatalog.cluster.internal.runner.RunSnapshot;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The states of a pipeline's runs on a cluster, for {@code viz --address}: reads the runner's own
 * snapshots ({@link ClusterActivity#runs()}: runs in progress from their listing and task table,
 * runs finished in the last hour from the record each driver leaves) and shows the newest run of
 * the pipeline, in progress first. Read at most once a second, whatever the page's polling.
 *
 * <p>Dataset sizes come from the followed run's shared catalog ({@link CatalogInspector}: the slot
 * entries, never the values), read with the states; a dataset without a stored value (not saved
 * yet, released after its last consumer, or not shared) is absent, shown as unknown.
 *
 * <p>This class is thread-safe.
 */
public final class TaskTableRunStates implements RunStateSource, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TaskTableRunStates.class);
  private static final long READ_EVERY_MILLIS = 1000;

  private final HazelcastInstance hz;
  private final ClusterActivity activity;
  private final String pipelineName;
  private volatile Snapshot last = Snapshot.NONE;
  private volatile long readAtMillis;

  /**
   * Follows the cluster {@code hz}'s runs of the pipeline {@code pipelineName}.
   *
   * @throws NullPointerException if an argument is null
   */
  public TaskTableRunStates(HazelcastInstance hz, String pipelineName) {
    this.hz = Objects.requireNonNull(hz, "hz");
    this.activity = new ClusterActivity(hz);
    this.pipelineName = Objects.requireNonNull(pipelineName, "pipelineName");
  }

  @Override
  public synchronized Snapshot snapshot() {
    long now = System.currentTimeMillis();
    if (now - readAtMillis >= READ_EVERY_MILLIS) {
      readAtMillis = now;
      try {
        last = newestRun().map(this::toSnapshot).orElse(last);
      } catch (RuntimeException e) {
        log.debug("Could not read the runs of pipeline '{}': {}", pipelineName, e.toString());
      }
    }
    return last;
  }

  /** Runs come in progress first, each group newest first: the first of the pipeline wins. */
  private Optional<RunSnapshot> newestRun() {
    return activity.runs().stream().filter(run -> pipelineName.equals(run.pipeline())).findFirst();
  }

  private Snapshot toSnapshot(RunSnapshot run) {
    Map<String, NodeState> nodes = new HashMap<>();
    for (RunSnapshot.NodeSnapshot node : run.nodes()) {
      toState(node).ifPresent(state -> nodes.put(node.node(), state));
    }
    RunStatus status =
        switch (run.status()) {
          case "RUNNING" -> RunStatus.RUNNING;
          case "SUCCEEDED" -> RunStatus.SUCCEEDED;
          default -> RunStatus.FAILED;
        };
    Map<String, Long> sizes = Map.of();
    try {
      sizes = CatalogInspector.of(hz, run.catalog()).storedBytes();
    } catch (RuntimeException e) {
      log.debug("Could not read the dataset sizes of catalog {}: {}", run.catalog(), e.toString());
    }
    return new Snapshot(run.runId(), status, nodes, sizes);
  }

  private static Optional<NodeState> toState(RunSnapshot.NodeSnapshot node) {
    long started = node.startedAtMillis();
    long finished = node.finishedAtMillis();
    long duration = finished > 0 && started > 0 ? finished - started : -1;
    return Optional.ofNullable(
        switch (node.state()) {
          case "READY" -> new NodeState(NodeStatus.PENDING, node.attempt(), "", 0, -1, "");
          case "CLAIMED" ->
              new NodeState(NodeStatus.RUNNING, node.attempt(), node.worker(), started, -1, "");
          case "DONE" ->
              new NodeState(NodeStatus.DONE, node.attempt(), node.worker(), started, duration, "");
          case "FAILED" ->
              new NodeState(
                  NodeStatus.FAILED, node.attempt(), node.worker(), started, duration, "failed");
          case "CANCELLED" ->
              new NodeState(NodeStatus.FAILED, node.attempt(), "", 0, -1, "cancelled");
          default -> null; // a state this version does not know: shown as pending
        });
  }

  @Override
  public void close() {
    // nothing to release: reads go through the caller's client
  }
}
