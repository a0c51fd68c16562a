package io.sharedcatalog.runner.internal;

import io.sharedcatalog.catalog.DataCatalog;
import io.sharedcatalog.catalog.DatasetException;
import io.sharedcatalog.pipeline.Node;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one node against a catalog, Kedro's {@code Task.execute}: loads the node's inputs, calls its
 * function, checks that the result holds exactly the node's outputs, and saves them.
 *
 * <p>Every runner runs its nodes through {@link #run(Node, DataCatalog)}; a worker of the parallel
 * runner does the same against its own connection to the shared catalog. The steps are public too,
 * for a caller that has to do something between them.
 *
 * <p>This class is thread-safe (it has no state); whether nodes may run at once against one catalog
 * depends on the catalog.
 */
public final class NodeExecution {

  private static final Logger log = LoggerFactory.getLogger(NodeExecution.class);

  private NodeExecution() {}

  /**
   * Runs the node: {@link #loadInputs}, the node's function, {@link #checkOutputs}, {@link
   * #saveOutputs}.
   *
   * @param node the node to run
   * @param catalog the catalog holding its inputs and receiving its outputs; every dataset must
   *     already be in it (runners create them from the runtime pattern before the first node)
   * @throws DatasetException if an input cannot be loaded, the result misses or adds an output (the
   *     message names the dataset and the node), or an output cannot be saved
   * @throws Exception whatever the node's function throws, unchanged
   */
  public static void run(Node node, DataCatalog catalog) throws Exception {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(catalog, "catalog");
    Map<String, Object> inputs = loadInputs(node, catalog);
    log.info("Running node: {}", node);
    Map<String, Object> outputs;
    try {
      outputs = node.function().apply(inputs);
    } catch (Exception | Error e) {
      log.error("Node '{}' failed with error: {}", node.name(), e.toString());
      throw e;
    }
    checkOutputs(node, outputs);
    saveOutputs(node, outputs, catalog);
  }

  /**
   * Loads the node's inputs from the catalog. A node with many inputs (8 or more) loads up to 8 of
   * them at once: on a connected catalog each load is a round trip, and their latencies then
   * overlap. The failure reported is that of the first failing input in the node's order.
   *
   * @param node the node
   * @param catalog the catalog
   * @return the inputs keyed by dataset name, in the node's order; unmodifiable
   * @throws DatasetException if an input cannot be loaded
   */
  public static Map<String, Object> loadInputs(Node node, DataCatalog catalog) {
    List<String> names = node.inputs();
    Object[] values = new Object[names.size()];
    Concurrently.forEachIndex(
        names.size(),
        i -> {
          log.debug("Loading {} for node {}", names.get(i), node.name());
          values[i] = catalog.load(names.get(i));
        });
    Map<String, Object> inputs = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      inputs.put(names.get(i), values[i]);
    }
    return Collections.unmodifiableMap(inputs);
  }

  /**
   * Checks that a node's result holds exactly its outputs.
   *
   * @param node the node
   * @param outputs what its function returned
   * @throws DatasetException if the result is null, misses an output or holds a dataset that is not
   *     an output; the message names the node and the datasets
   */
  public static void checkOutputs(Node node, Map<String, Object> outputs) {
    if (outputs == null) {
      throw new DatasetException(
          "Node '"
              + node.name()
              + "' returned null; its function must return a map holding exactly its outputs "
              + node.outputs()
              + ".");
    }
    Set<String> missing = new LinkedHashSet<>(node.outputs());
    missing.removeAll(outputs.keySet());
    Set<String> extra = new LinkedHashSet<>(outputs.keySet());
    node.outputs().forEach(extra::remove);
    if (!missing.isEmpty() || !extra.isEmpty()) {
      StringBuilder text = new StringBuilder("Node '").append(node.name()).append("' ");
      if (!missing.isEmpty()) {
        text.append("did not return output(s) ").append(missing);
      }
      if (!extra.isEmpty()) {
        text.append(missing.isEmpty() ? "" : " and ")
            .append("returned dataset(s) ")
            .append(extra)
            .append(" that are not among its outputs");
      }
      text.append("; its function must return exactly its outputs ")
          .append(node.outputs())
          .append(".");
      throw new DatasetException(text.toString());
    }
  }

  /**
   * Saves a node's checked outputs to the catalog, in the node's order.
   *
   * @param node the node
   * @param outputs the outputs, as {@link #checkOutputs} accepted them
   * @param catalog the catalog
   * @throws DatasetException if an output cannot be saved (a null value included)
   */
  public static void saveOutputs(Node node, Map<String, Object> outputs, DataCatalog catalog) {
    for (String output : node.outputs()) {
      log.debug("Saving {} for node {}", output, node.name());
      catalog.save(output, outputs.get(output));
    }
  }
}
