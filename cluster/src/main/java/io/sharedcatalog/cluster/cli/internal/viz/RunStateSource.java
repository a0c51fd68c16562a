package io.sharedcatalog.cluster.cli.internal.viz;

import java.util.Map;
import java.util.Objects;

/**
 * Where the viz page reads what a run is doing: the state, attempt, worker and time of each node,
 * and the stored size of each dataset. One small interface so that the page does not care whether
 * the states come from the events of a run in this JVM ({@link LocalRunStates}) or from the cluster
 * ({@link TaskTableRunStates}).
 *
 * <p>Implementations are thread-safe: the server calls {@link #snapshot()} from its own threads.
 */
public interface RunStateSource {
  /** What the source knows now; never null ({@link Snapshot#NONE} before any run is seen). */
  Snapshot snapshot();

  /** A source that never sees a run: the page draws the pipeline only. */
  static RunStateSource none() {
    return () -> Snapshot.NONE;
  }

  /**
   * How far a run is.
   *
   * <p>This class is thread-safe.
   */
  enum RunStatus {
    /** No run seen yet. */
    NONE,
    /** Nodes are still to run. */
    RUNNING,
    /** The run ended with every node done. */
    SUCCEEDED,
    /** The run ended with a failed or cancelled node, or was lost before every node was done. */
    FAILED
  }

  /**
   * What a node is doing.
   *
   * <p>This class is thread-safe.
   */
  enum NodeStatus {
    /** Not started (or offered again after its worker was lost). */
    PENDING,
    /** A worker runs it. */
    RUNNING,
    /** Finished; its outputs are saved. */
    DONE,
    /** It threw, or the run ended before it ran. */
    FAILED
  }

  /**
   * One node's state.
   *
   * <p>This class is immutable and thread-safe.
   *
   * @param status what it is doing
   * @param attempt the attempt number, 1 for the first, 0 if never started
   * @param worker the worker that runs or ran it, empty if none
   * @param startedAtMillis when the attempt started (epoch milliseconds), 0 if unknown
   * @param durationMillis how long the finished attempt took, -1 if not finished
   * @param error the failure, empty unless FAILED
   */
  record NodeState(
      NodeStatus status,
      int attempt,
      String worker,
      long startedAtMillis,
      long durationMillis,
      String error) {
    /** Checks the arguments; null strings become empty. */
    public NodeState {
      Objects.requireNonNull(status, "status");
      worker = worker == null ? "" : worker;
      error = error == null ? "" : error;
    }
  }

  /**
   * A run as the page shows it.
   *
   * <p>This class is immutable and thread-safe.
   *
   * @param runId the run's id, empty if none seen
   * @param status how far it is
   * @param nodes the state of each node seen so far, by node name (nodes absent are pending)
   * @param datasetBytes the stored size of each dataset whose size is known, by name (absent:
   *     unknown)
   */
  record Snapshot(
      String runId,
      RunStatus status,
      Map<String, NodeState> nodes,
      Map<String, Long> datasetBytes) {
    /** Before any run. */
    public static final Snapshot NONE = new Snapshot("", RunStatus.NONE, Map.of(), Map.of());

    /** Copies the maps. */
    public Snapshot {
      Objects.requireNonNull(runId, "runId");
      Objects.requireNonNull(status, "status");
      nodes = Map.copyOf(nodes);
      datasetBytes = Map.copyOf(datasetBytes);
    }
  }
}
