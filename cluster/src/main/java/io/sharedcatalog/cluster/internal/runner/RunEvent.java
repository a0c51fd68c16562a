package io.sharedcatalog.cluster.internal.runner;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What the runner's internals report about a node; {@code ParallelRunner} hands it to its listeners
 * as the public {@code NodeEvent}, field for field.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param kind what happened
 * @param runId the run
 * @param nodeName the node
 * @param attempt the attempt number
 * @param workerId the worker that claimed the attempt
 * @param time when it happened
 * @param duration how long the attempt took (zero unless it finished or failed)
 * @param error the failure, empty unless FAILED
 */
public record RunEvent(
    Kind kind,
    String runId,
    String nodeName,
    int attempt,
    String workerId,
    Instant time,
    Duration duration,
    String error) {

  /** What happened to the node; the names are those of {@code NodeEvent.Kind}. */
  public enum Kind {
    STARTED,
    FINISHED,
    FAILED,
    LEASE_EXPIRED
  }

  /** Checks the arguments. */
  public RunEvent {
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
    return describe(nodeName, kind.name(), attempt, workerId, duration, error);
  }

  /** The one-line form of an event, {@code node N KIND (attempt A, worker W[, D ms][, error])}. */
  public static String describe(
      String nodeName, String kind, int attempt, String workerId, Duration duration, String error) {
    StringBuilder text =
        new StringBuilder()
            .append("node ")
            .append(nodeName)
            .append(' ')
            .append(kind)
            .append(" (attempt ")
            .append(attempt)
            .append(", worker ")
            .append(workerId);
    if (!duration.isZero()) {
      text.append(", ").append(duration.toMillis()).append(" ms");
    }
    if (!error.isEmpty()) {
      text.append(", ").append(error);
    }
    return text.append(')').toString();
  }
}
