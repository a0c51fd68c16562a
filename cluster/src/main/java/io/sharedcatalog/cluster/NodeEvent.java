package io.sharedcatalog.cluster;

import io.sharedcatalog.cluster.internal.runner.RunEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened to one node of a {@link ParallelRunner} run, as the driver learnt it from
 * the run's task table: a worker started an attempt, finished it, failed it, or lost it because its
 * lease expired (the node is then offered again under the next attempt number).
 *
 * <p>{@code time} is when it happened: for {@link Kind#STARTED}, {@link Kind#FINISHED} and {@link
 * Kind#FAILED} the worker's wall clock, for {@link Kind#LEASE_EXPIRED} the driver's. {@code
 * duration} is the attempt's running time for FINISHED and FAILED (worker clock, start to end), and
 * {@link Duration#ZERO} otherwise. {@code error} is the failure ({@code "class: message"}) for
 * FAILED and empty otherwise. A node can have several STARTED events, one per attempt; the run's
 * result comes from the attempt whose FINISHED event is delivered.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param kind what happened
 * @param runId the run's id
 * @param nodeName the node's name
 * @param attempt the attempt number, 1 for the first, incremented on every lease expiry
 * @param workerId the worker that ran (or lost) the attempt
 * @param time when it happened
 * @param duration the attempt's running time for FINISHED and FAILED, zero otherwise
 * @param error the failure for FAILED, empty otherwise
 */
public record NodeEvent(
    Kind kind,
    String runId,
    String nodeName,
    int attempt,
    String workerId,
    Instant time,
    Duration duration,
    String error) {

  /**
   * What happened to the node.
   *
   * <p>This class is thread-safe.
   */
  public enum Kind {
    /** A worker claimed the node and began running it. */
    STARTED,
    /** The attempt completed; its outputs are the node's outputs. */
    FINISHED,
    /** The node's function (or loading its inputs, or saving its outputs) threw. */
    FAILED,
    /**
     * The worker stopped renewing its lease (it died, froze, or lost the cluster); the node is
     * offered again with the next attempt number and the late attempt's outputs are discarded.
     */
    LEASE_EXPIRED
  }

  /**
   * Creates an event.
   *
   * @throws NullPointerException if an argument is null
   */
  public NodeEvent {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(nodeName, "nodeName");
    Objects.requireNonNull(workerId, "workerId");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(error, "error");
  }

  @Override
  public String toString() {
    return RunEvent.describe(nodeName, kind.name(), attempt, workerId, duration, error);
  }
}
