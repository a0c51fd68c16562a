package io.sharedcatalog.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A named step of a {@link Pipeline}: a {@link NodeFunction} with the names of the datasets it
 * reads ({@link #inputs()}) and writes ({@link #outputs()}), Kedro's {@code node}.
 *
 * <p>Inputs named {@code params:NAME} and {@code parameters} are the run's parameters, which runs
 * put into the catalog (see {@link Parameters}). A node without inputs is a source. Two nodes are
 * equal when their names, inputs, outputs and functions are equal ({@link Pipeline#plus} merges
 * equal nodes).
 *
 * <p>This class is immutable and thread-safe.
 */
public final class Node {

  private final String name;
  private final List<String> inputs;
  private final List<String> outputs;
  private final NodeFunction function;

  private Node(String name, List<String> inputs, List<String> outputs, NodeFunction function) {
    this.name = name;
    this.inputs = inputs;
    this.outputs = outputs;
    this.function = function;
  }

  /**
   * Creates a node.
   *
   * @param name the node's name, unique within a pipeline; not blank
   * @param inputs the names of the datasets the node reads, possibly empty; no duplicates
   * @param outputs the names of the datasets the node writes, possibly empty; no duplicates, and
   *     none of them also an input
   * @param function the work, called with the inputs and returning exactly the outputs
   * @return the node
   * @throws NullPointerException if an argument or a dataset name is null
   * @throws PipelineException if the name or a dataset name is blank, a dataset name repeats, or a
   *     dataset is both an input and an output of the node
   */
  public static Node of(
      String name, List<String> inputs, List<String> outputs, NodeFunction function) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(inputs, "inputs");
    Objects.requireNonNull(outputs, "outputs");
    Objects.requireNonNull(function, "function");
    if (name.isBlank()) {
      throw new PipelineException("A node needs a name that is not blank; got '" + name + "'.");
    }
    List<String> in = checkedNames(name, "input", inputs);
    List<String> out = checkedNames(name, "output", outputs);
    Set<String> both = new LinkedHashSet<>(in);
    both.retainAll(out);
    if (!both.isEmpty()) {
      throw new PipelineException(
          "Node '"
              + name
              + "' has dataset(s) "
              + quoted(both)
              + " both as input and as output; a node cannot read and write the same dataset."
              + " Give the output another name.");
    }
    return new Node(name, in, out, function);
  }

  private static List<String> checkedNames(String node, String kind, List<String> names) {
    Set<String> seen = new LinkedHashSet<>();
    Set<String> duplicates = new LinkedHashSet<>();
    for (String dataset : names) {
      Objects.requireNonNull(dataset, () -> "an " + kind + " name of node '" + node + "'");
      if (dataset.isBlank()) {
        throw new PipelineException(
            "Node '" + node + "' has a blank " + kind + " name; dataset names must not be blank.");
      }
      if (!seen.add(dataset)) {
        duplicates.add(dataset);
      }
    }
    if (!duplicates.isEmpty()) {
      throw new PipelineException(
          "Node '"
              + node
              + "' lists "
              + kind
              + "(s) "
              + quoted(duplicates)
              + " more than once; list each dataset once.");
    }
    return List.copyOf(new ArrayList<>(seen));
  }

  static String quoted(Iterable<String> names) {
    StringBuilder text = new StringBuilder();
    for (String name : names) {
      if (text.length() > 0) {
        text.append(", ");
      }
      text.append('\'').append(name).append('\'');
    }
    return text.toString();
  }

  /**
   * Returns the node's name.
   *
   * @return the name, unique within a pipeline
   */
  public String name() {
    return name;
  }

  /**
   * Returns the datasets the node reads.
   *
   * @return the input dataset names in declaration order; unmodifiable, possibly empty
   */
  public List<String> inputs() {
    return inputs;
  }

  /**
   * Returns the datasets the node writes.
   *
   * @return the output dataset names in declaration order; unmodifiable, possibly empty
   */
  public List<String> outputs() {
    return outputs;
  }

  /**
   * Returns the node's function.
   *
   * @return the function given to {@link #of}
   */
  public NodeFunction function() {
    return function;
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof Node)) {
      return false;
    }
    Node that = (Node) other;
    return name.equals(that.name)
        && inputs.equals(that.inputs)
        && outputs.equals(that.outputs)
        && function.equals(that.function);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, inputs, outputs);
  }

  /** Returns {@code Node(name: [inputs] -> [outputs])}. */
  @Override
  public String toString() {
    return "Node(" + name + ": " + inputs + " -> " + outputs + ")";
  }
}
