package io.sharedcatalog.runner.internal;

import io.sharedcatalog.pipeline.Node;
import io.sharedcatalog.pipeline.Pipeline;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Kedro's resume suggestion after a failed run ({@code _find_nodes_to_resume_from}): the nodes from
 * which {@link Pipeline#fromNodes} covers every node that has not completed, moved upstream past
 * every input that is not persisted (its producer has to run again, since its value is gone), and
 * reduced to the first topological group of what has to run.
 *
 * <p>This class is thread-safe (it has no state).
 */
public final class ResumeSuggestion {

  private ResumeSuggestion() {}

  /**
   * Finds the nodes to resume from.
   *
   * @param pipeline the pipeline that ran
   * @param completedNodes the names of the nodes that completed
   * @param isPersisted tells whether a dataset, by name, is persisted (see {@link
   *     DatasetPersistence#isPersisted})
   * @return the node names, sorted; empty when no node completed (Kedro then suggests repeating the
   *     run) or every node completed
   */
  public static List<String> find(
      Pipeline pipeline, Collection<String> completedNodes, Predicate<String> isPersisted) {
    Set<String> completed = Set.copyOf(completedNodes);
    List<Node> unfinished = new ArrayList<>();
    for (Node node : pipeline.nodes()) {
      if (!completed.contains(node.name())) {
        unfinished.add(node);
      }
    }
    if (completed.isEmpty() || unfinished.isEmpty()) {
      return List.of();
    }
    Map<String, Node> producers = new HashMap<>();
    for (Node node : pipeline.nodes()) {
      node.outputs().forEach(output -> producers.put(output, node));
    }

    // Start from the unfinished nodes that read what no unfinished node produces.
    Set<String> unfinishedInputs = Pipeline.of(unfinished).inputs();
    Set<Node> toRun = new LinkedHashSet<>(unfinished);
    Deque<Node> queue = new ArrayDeque<>();
    for (Node node : unfinished) {
      if (node.inputs().stream().anyMatch(unfinishedInputs::contains)) {
        queue.add(node);
      }
    }
    Set<Node> visited = new LinkedHashSet<>(queue);
    while (!queue.isEmpty()) {
      Node current = queue.poll();
      toRun.add(current);
      for (String input : current.inputs()) {
        Node producer = producers.get(input);
        if (producer != null && !isPersisted.test(input) && visited.add(producer)) {
          queue.add(producer);
        }
      }
    }
    Pipeline resumed = pipeline.fromNodes(toRun.stream().map(Node::name).toArray(String[]::new));

    // The first group: the nodes of the resumed pipeline that depend on none of its nodes.
    Set<String> producedInside = new LinkedHashSet<>();
    resumed.nodes().forEach(node -> producedInside.addAll(node.outputs()));
    List<String> initial = new ArrayList<>();
    for (Node node : resumed.nodes()) {
      if (node.inputs().stream().noneMatch(producedInside::contains)) {
        initial.add(node.name());
      }
    }
    initial.sort(null);
    return List.copyOf(initial);
  }
}
