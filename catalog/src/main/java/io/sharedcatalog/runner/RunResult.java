package io.sharedcatalog.runner;

import io.sharedcatalog.catalog.Dataset;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a successful run returns: the pipeline's output datasets (not loaded, Kedro's return value
 * of {@code run}), the nodes in the order they completed, the run's duration and its id.
 *
 * <p>This class is immutable and thread-safe (the datasets it holds are the catalog's own).
 */
public final class RunResult {

  private final String runId;
  private final Map<String, Dataset<?>> outputs;
  private final List<String> completedNodes;
  private final Duration duration;

  /**
   * Creates a result; runners call this.
   *
   * @param runId the run's id
   * @param outputs the pipeline's output datasets keyed by name
   * @param completedNodes the names of the nodes that ran, in completion order
   * @param duration how long the run took
   */
  public RunResult(
      String runId,
      Map<String, Dataset<?>> outputs,
      List<String> completedNodes,
      Duration duration) {
    this.runId = Objects.requireNonNull(runId, "runId");
    this.outputs = Collections.unmodifiableMap(new TreeMap<>(outputs));
    this.completedNodes = List.copyOf(completedNodes);
    this.duration = Objects.requireNonNull(duration, "duration");
  }

  /**
   * Returns the pipeline's outputs, not loaded: load them with {@link Dataset#load()} or through
   * the catalog.
   *
   * @return the output datasets keyed by name, sorted by name; unmodifiable
   */
  public Map<String, Dataset<?>> outputs() {
    return outputs;
  }

  /**
   * Returns the nodes that ran, in the order they completed. Nodes skipped by {@link
   * RunOptions#onlyMissingOutputs()} are not in it.
   *
   * @return the node names; unmodifiable
   */
  public List<String> completedNodes() {
    return completedNodes;
  }

  /**
   * Returns how long the run took, from the input checks to the last node.
   *
   * @return the duration
   */
  public Duration duration() {
    return duration;
  }

  /**
   * Returns the run's id: the one given in {@link RunOptions}, or the generated one.
   *
   * @return the run id
   */
  public String runId() {
    return runId;
  }

  @Override
  public String toString() {
    return "RunResult(runId="
        + runId
        + ", outputs="
        + outputs.keySet()
        + ", completedNodes="
        + completedNodes
        + ", duration="
        + duration
        + ")";
  }
}
