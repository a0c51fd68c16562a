package io.sharedcatalog.runner.internal;

import io.sharedcatalog.catalog.DataCatalog;
import io.sharedcatalog.catalog.Dataset;
import io.sharedcatalog.pipeline.Node;
import io.sharedcatalog.pipeline.Pipeline;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code onlyMissingOutputs} filter, Kedro 1.x's {@code _filter_pipeline_for_missing_outputs}
 * ({@code _determine_nodes_to_run}, {@code _should_node_run}): walking the nodes in reverse
 * topological order, a node runs if
 *
 * <ol>
 *   <li>it has no outputs, or
 *   <li>one of its <em>persistent</em> outputs does not exist, or
 *   <li>a node that runs reads one of its outputs that is ephemeral or does not exist.
 * </ol>
 *
 * Every other node is skipped. An output the catalog does not {@link DataCatalog#contains contain}
 * counts as ephemeral (a run creates it from the runtime pattern), and so does a dataset whose
 * {@link Dataset#isEphemeral()} is true. So a node whose only outputs are ephemeral and read by no
 * node that runs is skipped even when those outputs hold nothing (Kedro's "wasteful node").
 *
 * <p>This class is thread-safe (it has no state).
 */
public final class MissingOutputsFilter {

  private static final Logger log = LoggerFactory.getLogger(MissingOutputsFilter.class);

  private MissingOutputsFilter() {}

  /**
   * Returns the part of the pipeline that has to run.
   *
   * @param pipeline the pipeline
   * @param catalog the catalog whose datasets are checked (with {@code contains}, {@code get},
   *     {@code exists})
   * @return the nodes to run, as a pipeline (possibly empty)
   */
  public static Pipeline filter(Pipeline pipeline, DataCatalog catalog) {
    List<Node> reversed = new ArrayList<>(pipeline.nodes());
    Collections.reverse(reversed);
    Set<Node> toRun = new LinkedHashSet<>();
    for (Node node : reversed) {
      if (mustRun(node, catalog, toRun)) {
        toRun.add(node);
      }
    }
    int total = pipeline.nodes().size();
    if (toRun.isEmpty() && total > 0) {
      log.info("Skipping all {} nodes (all persistent outputs exist)", total);
      return Pipeline.of(List.of());
    }
    Set<String> skipped = new TreeSet<>();
    pipeline.nodes().stream().filter(n -> !toRun.contains(n)).forEach(n -> skipped.add(n.name()));
    if (!skipped.isEmpty()) {
      log.info(
          "Skipping {} nodes with existing outputs: {}",
          skipped.size(),
          String.join(", ", skipped));
    }
    log.info("Running {} out of {} nodes", toRun.size(), total);
    return skipped.isEmpty() ? pipeline : Pipeline.of(toRun);
  }

  private static boolean mustRun(Node node, DataCatalog catalog, Set<Node> toRun) {
    if (node.outputs().isEmpty()) {
      log.debug("Node '{}' must run: it has no outputs", node.name());
      return true;
    }
    for (String output : node.outputs()) {
      if (isPersistentAndMissing(catalog, output)) {
        log.debug("Node '{}' must run: its output '{}' is missing", node.name(), output);
        return true;
      }
    }
    Set<String> outputs = new HashSet<>(node.outputs());
    for (Node child : toRun) {
      for (String input : child.inputs()) {
        if (outputs.contains(input) && isEphemeralOrMissing(catalog, input)) {
          log.debug(
              "Node '{}' must run: produces '{}' needed by running child '{}'",
              node.name(),
              input,
              child.name());
          return true;
        }
      }
    }
    return false;
  }

  /** Kedro's {@code _is_persistent_dataset_missing}. */
  private static boolean isPersistentAndMissing(DataCatalog catalog, String name) {
    if (!catalog.contains(name)) {
      return false; // becomes a runtime dataset: ephemeral
    }
    return !catalog.get(name).isEphemeral() && !catalog.exists(name);
  }

  /** Kedro's {@code _is_dataset_ephemeral_or_missing}. */
  private static boolean isEphemeralOrMissing(DataCatalog catalog, String name) {
    if (!catalog.contains(name)) {
      return true;
    }
    return catalog.get(name).isEphemeral() || !catalog.exists(name);
  }
}
