package io.sharedcatalog.cluster.internal.runner;

import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.catalog.DataCatalog;
import io.sharedcatalog.pipeline.Node;
import io.sharedcatalog.runner.internal.NodeExecution;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link AttemptExecutor} of a worker: loads the node's inputs from the shared catalog, calls
 * the function and checks the result with the runner base ({@link NodeExecution}), and saves each
 * output to its {@link StagedOutputs staged} dataset for the attempt.
 *
 * <p>This class is thread-safe.
 */
final class NodeAttempts implements AttemptExecutor {
  private static final Logger log = LoggerFactory.getLogger(NodeAttempts.class);

  private final Map<String, Node> nodes;
  private final DataCatalog catalog;
  private final StagedOutputs staging;
  private final Predicate<Boolean> acceptsLocalOnly;
  private final Set<String> dependents;
  private final Map<String, Throwable> failures = new ConcurrentHashMap<>();

  /** node#attempt → the small outputs its commit will carry (see {@link StagedOutputs}). */
  private final Map<String, Map<String, byte[]>> smallOutputs = new ConcurrentHashMap<>();

  /**
   * @param nodes the nodes this worker knows, by name
   * @param catalog the shared catalog to load inputs from
   * @param localWorker whether this worker lives in the driver's JVM (then it also takes local-only
   *     nodes, and keeps each failure's exception for the driver)
   */
  NodeAttempts(
      Map<String, Node> nodes,
      DataCatalog catalog,
      HazelcastInstance hz,
      RunDescriptor run,
      boolean localWorker) {
    this.nodes = Map.copyOf(nodes);
    java.util.Set<String> read = new java.util.HashSet<>();
    nodes.values().forEach(n -> read.addAll(n.inputs()));
    java.util.Set<String> withDependents = new java.util.HashSet<>();
    nodes
        .values()
        .forEach(
            n -> {
              if (n.outputs().stream().anyMatch(read::contains)) {
                withDependents.add(n.name());
              }
            });
    this.dependents = Set.copyOf(withDependents);
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.staging = new StagedOutputs(hz, run);
    this.acceptsLocalOnly = localOnly -> localWorker || !localOnly;
  }

  @Override
  public boolean canRun(String node, boolean localOnly) {
    return nodes.containsKey(node) && acceptsLocalOnly.test(localOnly);
  }

  @Override
  public void execute(String name, int attempt) throws Exception {
    execute(name, attempt, () -> {});
  }

  /** Loads the inputs while the claim travels, then runs the function and stages the outputs. */
  @Override
  public Map<String, Long> execute(String name, int attempt, Claim claim) throws Exception {
    Node node = nodes.get(name);
    Map<String, Object> inputs;
    try {
      inputs = NodeExecution.loadInputs(node, catalog);
    } catch (RuntimeException e) {
      claim.await(); // a stale item's load may fail: only a held claim makes it the node's failure
      throw e;
    }
    claim.await();
    log.debug("Running node: {} (attempt {})", node, attempt);
    Map<String, Object> outputs = node.function().apply(inputs);
    NodeExecution.checkOutputs(node, outputs);
    Map<String, Long> sizes = new java.util.LinkedHashMap<>();
    Map<String, byte[]> small = new java.util.LinkedHashMap<>();
    for (String output : node.outputs()) {
      sizes.put(output, staging.staged(output, attempt).save(outputs.get(output), small));
    }
    if (!small.isEmpty()) {
      smallOutputs.put(name + "#" + attempt, small);
    }
    return sizes;
  }

  @Override
  public Map<String, byte[]> takeSmallOutputs(String node, int attempt) {
    Map<String, byte[]> small = smallOutputs.remove(node + "#" + attempt);
    return small == null ? Map.of() : small;
  }

  @Override
  public boolean hasDependents(String node) {
    return dependents.contains(node);
  }

  @Override
  public void discard(String name, int attempt) {
    smallOutputs.remove(name + "#" + attempt);
    for (String output : nodes.get(name).outputs()) {
      staging.staged(output, attempt).release();
    }
  }

  @Override
  public void failed(String node, int attempt, Throwable cause) {
    failures.put(node + "#" + attempt, cause);
  }

  /** The exception of a failed attempt that ran here, or null. */
  Throwable failure(String node, int attempt) {
    return failures.get(node + "#" + attempt);
  }
}
