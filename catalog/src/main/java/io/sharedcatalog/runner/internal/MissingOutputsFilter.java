package io.sharedcatalog.runner.internal;

import io.sharedcatalog.catalog.DataCatalog;
import io.sharedcatalog.pipeline.Node;
import io.sharedcatalog.pipeline.Pipeline;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code onlyMissingOutputs} filter, Kedro's {@code _filter_pipeline_for_missing_outputs}:
 * walking the nodes in reverse topological order, a node runs if
 *
 * <ol>
 *   <li>it has no outputs, or
 *   <li>one of its outputs does not exist (a name the catalog does not know counts as missing), or
 *   <li>a node that runs reads one of its outputs that is ephemeral or missing.
 * </ol>
 *
 * Every other node is skipped. Unlike Kedro, rule 2 also applies to ephemeral outputs: a node whose
 * memory output holds no value runs, as the API states ("nodes whose outputs all exist ... are
 * skipped").
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
   * @param catalog the catalog whose datasets are checked (with {@code contains}, {@code exists})
   * @return the nodes to run, as a pipeline (possibly empty)
   */
  public static Pipeline filter(Pipeline pipeline, DataCatalog catalog) {
    Map<String, List<Node>> consumers = new HashMap<>();
    for (Node node : pipeline.nodes()) {
      node.inputs()
          .forEach(input -> consumers.computeIfAbsent(input, k -> new ArrayList<>()).add(node));
    }
    List<Node> reversed = new ArrayList<>(pipeline.nodes());
    java.util.Collections.reverse(reversed);
    Set<Node> toRun = new LinkedHashSet<>();
    for (Node node : reversed) {
      if (mustRun(node, catalog, consumers, toRun)) {
        toRun.add(node);
      }
    }
    Set<String> skipped = new TreeSet<>();
    pipeline.nodes().stream().filter(n -> !toRun.contains(n)).forEach(n -> skipped.add(n.name()));
    if (!skipped.isEmpty()) {
      log.info("Skipping {} nodes with existing outputs: {}", skipped.size(), skipped);
    }
    log.info("Running {} out of {} nodes", toRun.size(), pipeline.nodes().size());
    return skipped.isEmpty() ? pipeline : Pipeline.of(toRun);
  }

  private static boolean mustRun(
      Node node, DataCatalog catalog, Map<String, List<Node>> consumers, Set<Node> toRun) {
    if (node.outputs().isEmpty()) {
      log.debug("Node '{}' must run: it has no outputs", node.name());
      return true;
    }
    for (String output : node.outputs()) {
      if (!exists(catalog, output)) {
        log.debug("Node '{}' must run: its output '{}' is missing", node.name(), output);
        return true;
      }
    }
    for (String output : node.outputs()) {
      for (Node consumer : consumers.getOrDefault(output, List.of())) {
        if (toRun.contains(consumer) && !DatasetPersistence.isPersisted(catalog, output)) {
          log.debug(
              "Node '{}' must run: node '{}' reads its ephemeral output '{}'",
              node.name(),
              consumer.name(),
              output);
          return true;
        }
      }
    }
    return false;
  }

  private static boolean exists(DataCatalog catalog, String dataset) {
    return catalog.contains(dataset) && catalog.exists(dataset);
  }
}
