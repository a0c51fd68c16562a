package io.sharedcatalog.pipeline;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * An acyclic graph of {@link Node}s connected by the datasets they read and write, Kedro's {@code
 * Pipeline}.
 *
 * <p>A node depends on the nodes that produce its inputs. {@link #nodes()} lists the nodes in
 * topological order, by groups as Kedro does: first every node that depends on no other node, then
 * every node whose dependencies are all in earlier groups, and so on, each group sorted by node
 * name. Construction checks that node names are unique, that no dataset is produced by two nodes,
 * and that there is no cycle, and throws {@link PipelineException} naming the nodes and datasets
 * otherwise. The filters ({@link #onlyNodes}, {@link #fromNodes}, {@link #toNodes}) and {@link
 * #plus} return new pipelines.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class Pipeline {

  private static final Comparator<Node> BY_NAME = Comparator.comparing(Node::name);

  private final List<Node> nodes;
  private final Map<String, Node> byName;
  private final Map<String, Node> producers;
  private final Map<String, List<Node>> consumers;
  private final Set<String> inputs;
  private final Set<String> outputs;
  private final Set<String> datasets;

  private Pipeline(Collection<Node> given) {
    Map<String, Node> named = new TreeMap<>();
    Map<String, Set<Node>> duplicates = new TreeMap<>();
    for (Node node : given) {
      Objects.requireNonNull(node, "a node of the pipeline");
      Node previous = named.putIfAbsent(node.name(), node);
      if (previous != null) {
        duplicates
            .computeIfAbsent(node.name(), k -> new LinkedHashSet<>(List.of(previous)))
            .add(node);
      }
    }
    if (!duplicates.isEmpty()) {
      throw new PipelineException(
          "Pipeline nodes must have unique names. These names are used by more than one node: "
              + describeGroups(duplicates)
              + ". Rename the nodes.");
    }
    Map<String, Node> producedBy = new HashMap<>();
    Map<String, Set<String>> producedTwice = new TreeMap<>();
    for (Node node : named.values()) {
      for (String output : node.outputs()) {
        Node previous = producedBy.putIfAbsent(output, node);
        if (previous != null) {
          producedTwice
              .computeIfAbsent(output, k -> new TreeSet<>(List.of(previous.name())))
              .add(node.name());
        }
      }
    }
    if (!producedTwice.isEmpty()) {
      StringBuilder text = new StringBuilder();
      producedTwice.forEach(
          (dataset, nodeNames) ->
              text.append(text.length() == 0 ? "" : "; ")
                  .append("'")
                  .append(dataset)
                  .append("' by nodes ")
                  .append(Node.quoted(nodeNames)));
      throw new PipelineException(
          "A dataset may be produced by only one node, but "
              + text
              + ". Give each node's output its own name.");
    }
    Map<String, List<Node>> consumedBy = new HashMap<>();
    for (Node node : named.values()) {
      for (String input : node.inputs()) {
        consumedBy.computeIfAbsent(input, k -> new ArrayList<>()).add(node);
      }
    }
    this.byName = Collections.unmodifiableMap(named);
    this.producers = Collections.unmodifiableMap(producedBy);
    this.consumers = Collections.unmodifiableMap(consumedBy);
    this.nodes = List.copyOf(sortTopologically(named.values()));

    Set<String> in = new TreeSet<>();
    Set<String> out = new TreeSet<>();
    Set<String> all = new TreeSet<>();
    for (Node node : nodes) {
      for (String input : node.inputs()) {
        all.add(input);
        if (!producers.containsKey(input)) {
          in.add(input);
        }
      }
      for (String output : node.outputs()) {
        all.add(output);
        if (!consumers.containsKey(output)) {
          out.add(output);
        }
      }
    }
    this.inputs = Collections.unmodifiableSet(in);
    this.outputs = Collections.unmodifiableSet(out);
    this.datasets = Collections.unmodifiableSet(all);
  }

  private static String describeGroups(Map<String, Set<Node>> groups) {
    StringBuilder text = new StringBuilder();
    groups.forEach(
        (name, group) -> text.append(text.length() == 0 ? "" : ", ").append(name + " " + group));
    return text.toString();
  }

  /** Groups of nodes, each depending only on earlier groups, each sorted by name (Kedro's). */
  private List<Node> sortTopologically(Collection<Node> all) {
    Map<Node, Set<Node>> waitingOn = new LinkedHashMap<>();
    for (Node node : all) {
      waitingOn.put(node, new LinkedHashSet<>(dependencies(node)));
    }
    List<Node> sorted = new ArrayList<>(all.size());
    while (!waitingOn.isEmpty()) {
      List<Node> group = new ArrayList<>();
      waitingOn.forEach(
          (node, deps) -> {
            if (deps.isEmpty()) {
              group.add(node);
            }
          });
      if (group.isEmpty()) {
        throw cycleAmong(waitingOn.keySet());
      }
      group.sort(BY_NAME);
      for (Node node : group) {
        waitingOn.remove(node);
      }
      for (Set<Node> deps : waitingOn.values()) {
        group.forEach(deps::remove);
      }
      sorted.addAll(group);
    }
    return sorted;
  }

  private Set<Node> dependencies(Node node) {
    Set<Node> deps = new LinkedHashSet<>();
    for (String input : node.inputs()) {
      Node producer = producers.get(input);
      if (producer != null) {
        deps.add(producer);
      }
    }
    return deps;
  }

  private PipelineException cycleAmong(Set<Node> unsorted) {
    // Nodes that only sit downstream of a cycle are not part of it: peel them off.
    Set<Node> cyclic = new TreeSet<>(BY_NAME);
    cyclic.addAll(unsorted);
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Node node : List.copyOf(cyclic)) {
        boolean feedsCycle = false;
        for (String output : node.outputs()) {
          for (Node consumer : consumers.getOrDefault(output, List.of())) {
            feedsCycle |= cyclic.contains(consumer);
          }
        }
        if (!feedsCycle) {
          cyclic.remove(node);
          changed = true;
        }
      }
    }
    Set<String> links = new TreeSet<>();
    for (Node node : cyclic) {
      for (String output : node.outputs()) {
        for (Node consumer : consumers.getOrDefault(output, List.of())) {
          if (cyclic.contains(consumer)) {
            links.add(output);
          }
        }
      }
    }
    List<String> names = new ArrayList<>();
    cyclic.forEach(node -> names.add(node.name()));
    return new PipelineException(
        "Circular dependencies exist among nodes "
            + Node.quoted(names)
            + " through datasets "
            + Node.quoted(links)
            + ". A pipeline must be acyclic: break the cycle by renaming one of these datasets.");
  }

  /**
   * Creates a pipeline of the given nodes.
   *
   * @param nodes the nodes, in any order
   * @return the pipeline
   * @throws NullPointerException if a node is null
   * @throws PipelineException if two nodes share a name, two nodes produce the same dataset, or the
   *     nodes form a cycle
   */
  public static Pipeline of(Node... nodes) {
    Objects.requireNonNull(nodes, "nodes");
    return new Pipeline(Arrays.asList(nodes));
  }

  /**
   * Creates a pipeline of the given nodes.
   *
   * @param nodes the nodes, in any order
   * @return the pipeline
   * @throws NullPointerException if the collection or a node is null
   * @throws PipelineException if two nodes share a name, two nodes produce the same dataset, or the
   *     nodes form a cycle
   */
  public static Pipeline of(Collection<Node> nodes) {
    Objects.requireNonNull(nodes, "nodes");
    return new Pipeline(new ArrayList<>(nodes));
  }

  /**
   * Returns the nodes in topological order: grouped so that each node comes after the nodes it
   * depends on, each group sorted by node name.
   *
   * @return the nodes; unmodifiable
   */
  public List<Node> nodes() {
    return nodes;
  }

  /**
   * Returns the pipeline's free inputs: the datasets some node reads and no node produces,
   * parameters included.
   *
   * @return the input dataset names, sorted; unmodifiable
   */
  public Set<String> inputs() {
    return inputs;
  }

  /**
   * Returns the pipeline's outputs: the datasets some node produces and no node reads.
   *
   * @return the output dataset names, sorted; unmodifiable
   */
  public Set<String> outputs() {
    return outputs;
  }

  /**
   * Returns every dataset a node reads or writes.
   *
   * @return the dataset names, sorted; unmodifiable
   */
  public Set<String> datasets() {
    return datasets;
  }

  /**
   * Returns the node with the given name.
   *
   * @param name the node's name
   * @return the node
   * @throws PipelineException if no node has that name; the message lists the known names
   */
  public Node node(String name) {
    Objects.requireNonNull(name, "name");
    requireKnown(List.of(name));
    return byName.get(name);
  }

  /**
   * Returns a pipeline of this pipeline's nodes and the other's. Equal nodes appear once.
   *
   * @param other the pipeline to add
   * @return the combined pipeline
   * @throws PipelineException if different nodes share a name, two nodes produce the same dataset,
   *     or the combination has a cycle
   */
  public Pipeline plus(Pipeline other) {
    Objects.requireNonNull(other, "other");
    Set<Node> union = new LinkedHashSet<>(nodes);
    union.addAll(other.nodes);
    return new Pipeline(union);
  }

  /**
   * Returns a pipeline of only the named nodes.
   *
   * @param nodeNames the names of the nodes to keep
   * @return the sub-pipeline
   * @throws PipelineException if a name is not a node of this pipeline; the message lists all
   *     unknown names
   */
  public Pipeline onlyNodes(String... nodeNames) {
    return new Pipeline(resolve(nodeNames));
  }

  /**
   * Returns a pipeline of the named nodes and every node downstream of them (that reads, directly
   * or not, what they produce), Kedro's {@code from_nodes}.
   *
   * @param nodeNames the names of the nodes to start from
   * @return the sub-pipeline
   * @throws PipelineException if a name is not a node of this pipeline; the message lists all
   *     unknown names
   */
  public Pipeline fromNodes(String... nodeNames) {
    return new Pipeline(reachable(resolve(nodeNames), this::consumersOf));
  }

  /**
   * Returns a pipeline of the named nodes and every node upstream of them (that produces, directly
   * or not, what they read), Kedro's {@code to_nodes}.
   *
   * @param nodeNames the names of the nodes to end with
   * @return the sub-pipeline
   * @throws PipelineException if a name is not a node of this pipeline; the message lists all
   *     unknown names
   */
  public Pipeline toNodes(String... nodeNames) {
    return new Pipeline(reachable(resolve(nodeNames), this::dependencies));
  }

  private Set<Node> consumersOf(Node node) {
    Set<Node> consumersOfNode = new LinkedHashSet<>();
    for (String output : node.outputs()) {
      consumersOfNode.addAll(consumers.getOrDefault(output, List.of()));
    }
    return consumersOfNode;
  }

  private static Set<Node> reachable(
      Collection<Node> start, Function<Node, Collection<Node>> neighbours) {
    Set<Node> seen = new LinkedHashSet<>(start);
    Deque<Node> queue = new ArrayDeque<>(start);
    while (!queue.isEmpty()) {
      for (Node next : neighbours.apply(queue.poll())) {
        if (seen.add(next)) {
          queue.add(next);
        }
      }
    }
    return seen;
  }

  private List<Node> resolve(String... nodeNames) {
    Objects.requireNonNull(nodeNames, "nodeNames");
    List<String> names = Arrays.asList(nodeNames);
    names.forEach(name -> Objects.requireNonNull(name, "a node name"));
    requireKnown(names);
    List<Node> found = new ArrayList<>();
    for (String name : new LinkedHashSet<>(names)) {
      found.add(byName.get(name));
    }
    return found;
  }

  private void requireKnown(List<String> names) {
    Set<String> unknown = new TreeSet<>(names);
    unknown.removeAll(byName.keySet());
    if (!unknown.isEmpty()) {
      throw new PipelineException(
          "Pipeline does not contain nodes named "
              + Node.quoted(unknown)
              + ". Its nodes are: "
              + (byName.isEmpty() ? "(none)" : Node.quoted(byName.keySet()))
              + ".");
    }
  }

  /** Returns {@code Pipeline([node, ...])} with the nodes in topological order. */
  @Override
  public String toString() {
    List<String> names = new ArrayList<>();
    nodes.forEach(node -> names.add(node.name()));
    return "Pipeline(" + names + ")";
  }
}
