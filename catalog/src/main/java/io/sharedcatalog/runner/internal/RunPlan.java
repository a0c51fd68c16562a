package io.sharedcatalog.runner.internal;

import io.sharedcatalog.catalog.DataCatalog;
import io.sharedcatalog.pipeline.Node;
import io.sharedcatalog.pipeline.Pipeline;
import io.sharedcatalog.runner.RunOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of one run, shared by the runner's scheduling code and whatever reports node
 * completions: which nodes may start, which run, which completed (in order), the first failure, and
 * the release of intermediate datasets.
 *
 * <p>A scheduler uses it like this (see {@code SequentialRunner}, {@code ThreadRunner}):
 *
 * <pre>{@code
 * while (true) {
 *   for (Node node : plan.startReadyNodes(freeWorkers)) { submit node }    // empty after a failure
 *   if (nothing is running) break;
 *   wait for one node to end, then plan.nodeCompleted(name) or plan.nodeFailed(name, cause)
 * }
 * }</pre>
 *
 * <p>{@link #nodeCompleted} decrements the load count of the node's inputs and releases, through
 * the catalog, each dataset that is neither a pipeline input nor a pipeline output once its last
 * reader has completed (Kedro's {@code _release_datasets}). After {@link #nodeFailed}, {@link
 * #startReadyNodes} returns nothing, so no new node starts; nodes already running may still
 * complete. The run is over when {@link #isFinished()}.
 *
 * <p>This class is thread-safe: every method may be called from any thread (they synchronise on the
 * plan; releases happen while holding the lock).
 */
public final class RunPlan {

  private static final Logger log = LoggerFactory.getLogger(RunPlan.class);

  private final Pipeline pipeline;
  private final DataCatalog catalog;
  private final RunOptions options;
  private final String runId;
  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private final Map<String, Set<String>> waitingOn = new HashMap<>();
  // what a completion changes, so that it costs its own node's edges, not a scan of the run
  private final Map<String, List<String>> dependents = new HashMap<>();
  private final Map<String, Integer> position = new HashMap<>(); // index in Pipeline#nodes()
  private final java.util.TreeMap<Integer, String> ready = new java.util.TreeMap<>();
  private final Map<String, Integer> loadCounts = new HashMap<>();
  private final Set<String> notStarted = new LinkedHashSet<>();
  private final Set<String> running = new LinkedHashSet<>();
  private final Set<String> completed = new LinkedHashSet<>();
  private String failedNode;
  private Throwable failure;

  /**
   * Creates the plan of a run. {@link AbstractRunner} creates it after the input checks; every
   * dataset of the pipeline must be in the catalog by then.
   *
   * @param pipeline the pipeline to run (already filtered by {@code onlyMissingOutputs})
   * @param catalog the catalog of the run
   * @param options the run's options
   * @param runId the run's id
   */
  public RunPlan(Pipeline pipeline, DataCatalog catalog, RunOptions options, String runId) {
    this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.options = Objects.requireNonNull(options, "options");
    this.runId = Objects.requireNonNull(runId, "runId");
    Map<String, String> producers = new HashMap<>();
    for (Node node : pipeline.nodes()) {
      nodes.put(node.name(), node);
      notStarted.add(node.name());
      node.outputs().forEach(output -> producers.put(output, node.name()));
    }
    for (Node node : pipeline.nodes()) {
      Set<String> dependencies = new LinkedHashSet<>();
      for (String input : node.inputs()) {
        loadCounts.merge(input, 1, Integer::sum);
        String producer = producers.get(input);
        if (producer != null) {
          dependencies.add(producer);
        }
      }
      waitingOn.put(node.name(), dependencies);
      dependencies.forEach(
          producer ->
              dependents.computeIfAbsent(producer, p -> new ArrayList<>()).add(node.name()));
      position.put(node.name(), position.size());
      if (dependencies.isEmpty()) {
        ready.put(position.get(node.name()), node.name());
      }
    }
  }

  /**
   * Returns the pipeline being run.
   *
   * @return the pipeline, after the {@code onlyMissingOutputs} filter
   */
  public Pipeline pipeline() {
    return pipeline;
  }

  /**
   * Returns the run's catalog.
   *
   * @return the catalog
   */
  public DataCatalog catalog() {
    return catalog;
  }

  /**
   * Returns the run's options.
   *
   * @return the options
   */
  public RunOptions options() {
    return options;
  }

  /**
   * Returns the run's id (given in the options or generated).
   *
   * @return the run id
   */
  public String runId() {
    return runId;
  }

  /**
   * Returns a node of the run by name.
   *
   * @param nodeName the node's name
   * @return the node
   * @throws IllegalArgumentException if the run has no such node
   */
  public Node node(String nodeName) {
    Node node = nodes.get(nodeName);
    if (node == null) {
      throw new IllegalArgumentException(
          "Run " + runId + " has no node '" + nodeName + "'; its nodes are " + nodes.keySet());
    }
    return node;
  }

  /**
   * Starts every node whose dependencies have completed; same as {@code
   * startReadyNodes(Integer.MAX_VALUE)}.
   *
   * @return the nodes now marked running, in topological order; empty after a failure
   */
  public synchronized List<Node> startReadyNodes() {
    return startReadyNodes(Integer.MAX_VALUE);
  }

  /**
   * Starts at most {@code limit} nodes whose dependencies have completed, the first in topological
   * order ({@link Pipeline#nodes()}), and marks them running. Starting one node at a time follows
   * {@link Pipeline#nodes()} exactly.
   *
   * @param limit the most nodes to start, for instance the number of idle workers; 0 or more
   * @return the nodes now marked running; empty after a failure or when none is ready
   */
  public synchronized List<Node> startReadyNodes(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be 0 or more, was " + limit);
    }
    List<Node> started = new ArrayList<>();
    if (failure != null) {
      return started;
    }
    while (started.size() < limit && !ready.isEmpty()) {
      String name = ready.pollFirstEntry().getValue(); // ready: not started, nothing to wait for
      started.add(nodes.get(name));
      notStarted.remove(name);
      running.add(name);
    }
    return started;
  }

  /**
   * Records that a running node completed: its outputs are saved. Nodes waiting on it become ready,
   * and datasets whose last reader this was are released (unless they are pipeline inputs or
   * outputs). A release that fails is recorded as this node's failure.
   *
   * @param nodeName the node's name
   * @return true if recorded; false if the node had already completed (a repeated report, ignored)
   * @throws IllegalArgumentException if the run has no such node
   * @throws IllegalStateException if the node was not started
   */
  public synchronized boolean nodeCompleted(String nodeName) {
    Node node = node(nodeName);
    if (completed.contains(nodeName)) {
      log.debug("Run {}: node '{}' was already reported complete", runId, nodeName);
      return false;
    }
    if (!running.remove(nodeName)) {
      throw new IllegalStateException(
          "Run " + runId + ": node '" + nodeName + "' completed but was never started");
    }
    completed.add(nodeName);
    for (String waiting : dependents.getOrDefault(nodeName, List.of())) {
      Set<String> left = waitingOn.get(waiting);
      if (left.remove(nodeName) && left.isEmpty() && notStarted.contains(waiting)) {
        ready.put(position.get(waiting), waiting);
      }
    }
    log.debug("Completed node: {}", nodeName);
    log.info("Completed {} out of {} tasks", completed.size(), nodes.size());
    try {
      releaseDatasets(node);
    } catch (RuntimeException e) {
      log.error("Run {}: releasing the datasets of node '{}' failed", runId, nodeName, e);
      recordFailure(nodeName, e);
    }
    return true;
  }

  private void releaseDatasets(Node node) {
    List<String> released = new ArrayList<>();
    for (String input : node.inputs()) {
      int remaining = loadCounts.merge(input, -1, Integer::sum);
      if (remaining < 1 && !pipeline.inputs().contains(input)) {
        log.debug("Run {}: releasing {} after its last reader {}", runId, input, node.name());
        released.add(input);
      }
    }
    for (String output : node.outputs()) {
      if (loadCounts.getOrDefault(output, 0) < 1 && !pipeline.outputs().contains(output)) {
        released.add(output);
      }
    }
    Concurrently.forEach(released, catalog::release);
  }

  /**
   * Records that a running node failed. The first failure is the run's failure; later ones are
   * added to it as suppressed exceptions. No node starts afterwards.
   *
   * @param nodeName the node's name
   * @param cause what the node threw
   * @throws IllegalArgumentException if the run has no such node
   */
  public synchronized void nodeFailed(String nodeName, Throwable cause) {
    node(nodeName);
    Objects.requireNonNull(cause, "cause");
    running.remove(nodeName);
    notStarted.remove(nodeName);
    ready.remove(position.get(nodeName));
    recordFailure(nodeName, cause);
  }

  private void recordFailure(String nodeName, Throwable cause) {
    if (failure == null) {
      failedNode = nodeName;
      failure = cause;
    } else if (failure != cause) {
      failure.addSuppressed(cause);
    }
  }

  /**
   * Tells whether a node has failed.
   *
   * @return true after the first {@link #nodeFailed}
   */
  public synchronized boolean hasFailed() {
    return failure != null;
  }

  /**
   * Returns the node that failed first.
   *
   * @return its name, or empty if none failed
   */
  public synchronized Optional<String> failedNode() {
    return Optional.ofNullable(failedNode);
  }

  /**
   * Returns the first failure.
   *
   * @return what the failed node threw, or empty if none failed
   */
  public synchronized Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }

  /**
   * Tells whether every node completed.
   *
   * @return true when all nodes completed
   */
  public synchronized boolean isComplete() {
    return completed.size() == nodes.size();
  }

  /**
   * Tells whether the run is over: every node completed, or a node failed and none is running.
   *
   * @return true when the scheduler can stop
   */
  public synchronized boolean isFinished() {
    return isComplete() || (failure != null && running.isEmpty());
  }

  /**
   * Returns the nodes started and not yet completed or failed.
   *
   * @return their names, in start order; a copy
   */
  public synchronized List<String> runningNodes() {
    return List.copyOf(running);
  }

  /**
   * Returns the completed nodes in completion order.
   *
   * @return their names; a copy
   */
  public synchronized List<String> completedNodes() {
    return List.copyOf(completed);
  }

  /**
   * Returns Kedro's resume suggestion for the run as it stands ({@link ResumeSuggestion}), with
   * datasets judged by {@link DatasetPersistence#isPersisted}.
   *
   * @return the node names to resume from, sorted; empty when no node completed
   */
  public synchronized List<String> resumeFromNodes() {
    return ResumeSuggestion.find(
        pipeline, completed, name -> DatasetPersistence.isPersisted(catalog, name));
  }

  @Override
  public synchronized String toString() {
    return "RunPlan(runId="
        + runId
        + ", notStarted="
        + notStarted
        + ", running="
        + running
        + ", completed="
        + completed
        + ", failedNode="
        + failedNode
        + ")";
  }
}
