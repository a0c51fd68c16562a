package io.sharedcatalog.cluster.cli.internal.viz;

import io.sharedcatalog.pipeline.Node;
import io.sharedcatalog.pipeline.Parameters;
import io.sharedcatalog.pipeline.Pipeline;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A pipeline as the viz page draws it, Kedro-Viz's way: a directed graph of task nodes and datasets
 * (each with its type), and the parameters grouped: the {@code params:} inputs a node reads become
 * one "Parameters" box, shared by every node that reads the same set.
 *
 * <p>{@link #json()} gives the JSON form ({@code {"pipeline", "nodes": [{"id", "kind", "name",
 * "type"?, "parameters"?}], "edges": [{"source", "target"}]}}; kind is {@code task}, {@code
 * dataset} or {@code parameters}).
 *
 * <p>This class is immutable and thread-safe.
 */
public final class PipelineGraph {
  private final String json;

  private PipelineGraph(String json) {
    this.json = json;
  }

  /**
   * Builds the graph of a pipeline.
   *
   * @param pipelineName the name shown as the title
   * @param pipeline the pipeline
   * @param datasetTypes each dataset's type by name (from the catalog); missing names get {@code
   *     defaultType}
   * @param defaultType the type of datasets the catalog does not configure
   */
  public static PipelineGraph of(
      String pipelineName,
      Pipeline pipeline,
      Map<String, String> datasetTypes,
      String defaultType) {
    Objects.requireNonNull(pipelineName, "pipelineName");
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(datasetTypes, "datasetTypes");
    List<Map<String, Object>> nodes = new ArrayList<>();
    List<Map<String, Object>> edges = new ArrayList<>();
    Map<List<String>, String> parameterGroups = new LinkedHashMap<>();
    for (Node node : pipeline.nodes()) {
      nodes.add(entry("task:" + node.name(), "task", node.name()));
      List<String> parameters = new ArrayList<>();
      for (String input : node.inputs()) {
        if (Parameters.isParameter(input)) {
          parameters.add(input.startsWith("params:") ? input.substring(7) : input);
        } else {
          edges.add(edge("dataset:" + input, "task:" + node.name()));
        }
      }
      if (!parameters.isEmpty()) {
        List<String> key = List.copyOf(new TreeSet<>(parameters));
        String id =
            parameterGroups.computeIfAbsent(key, k -> "parameters:" + (parameterGroups.size() + 1));
        edges.add(edge(id, "task:" + node.name()));
      }
      for (String output : node.outputs()) {
        edges.add(edge("task:" + node.name(), "dataset:" + output));
      }
    }
    for (String dataset : new TreeSet<>(pipeline.datasets())) {
      if (Parameters.isParameter(dataset)) {
        continue;
      }
      Map<String, Object> entry = entry("dataset:" + dataset, "dataset", dataset);
      entry.put("type", datasetTypes.getOrDefault(dataset, defaultType));
      nodes.add(entry);
    }
    parameterGroups.forEach(
        (names, id) -> {
          Map<String, Object> entry = entry(id, "parameters", "Parameters");
          entry.put("parameters", names);
          nodes.add(entry);
        });
    Map<String, Object> graph = new LinkedHashMap<>();
    graph.put("pipeline", pipelineName);
    graph.put("nodes", nodes);
    graph.put("edges", edges);
    return new PipelineGraph(VizServer.toJson(graph));
  }

  /** The graph as JSON text. */
  public String json() {
    return json;
  }

  private static Map<String, Object> entry(String id, String kind, String name) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("id", id);
    entry.put("kind", kind);
    entry.put("name", name);
    return entry;
  }

  private static Map<String, Object> edge(String source, String target) {
    Map<String, Object> edge = new LinkedHashMap<>();
    edge.put("source", source);
    edge.put("target", target);
    return edge;
  }
}
