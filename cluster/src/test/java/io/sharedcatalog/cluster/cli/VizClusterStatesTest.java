package io.sharedcatalog.cluster.cli;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.cluster.cli.PipelineExecution.RunnerKind;
import io.sharedcatalog.cluster.cli.internal.Params;
import io.sharedcatalog.cluster.cli.internal.viz.RunStateSource.NodeState;
import io.sharedcatalog.cluster.cli.internal.viz.RunStateSource.NodeStatus;
import io.sharedcatalog.cluster.cli.internal.viz.RunStateSource.RunStatus;
import io.sharedcatalog.cluster.cli.internal.viz.RunStateSource.Snapshot;
import io.sharedcatalog.cluster.cli.internal.viz.TaskTableRunStates;
import io.sharedcatalog.cluster.cli.internal.viz.VizServer;
import io.sharedcatalog.cluster.demo.DemoPipelines;
import io.sharedcatalog.cluster.testing.TestCluster;
import io.sharedcatalog.pipeline.Node;
import io.sharedcatalog.pipeline.Pipeline;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code viz --address}'s view of a cluster: a client that follows the demo's parallel run through
 * the runner's maps sees every node done, with its worker and time, also after the run ended.
 */
class VizClusterStatesTest {
  @TempDir Path dir;

  @Test
  void aClientFollowsTheRunOfThePipelineOnTheClusterToTheEnd() throws Exception {
    Path catalog = Cli.writeDemoConfig(dir.resolve("conf"));
    Pipeline pipeline = DemoPipelines.pipeline();
    try (TestCluster cluster = new TestCluster()) {
      HazelcastInstance member = cluster.startMember();
      HazelcastInstance client = cluster.startClient();
      try (TaskTableRunStates states = new TaskTableRunStates(client, DemoPipelines.NAME);
          VizServer server =
              VizServer.start(VizCommand.graph("demo", pipeline, catalog), states, 0)) {
        assertEquals(RunStatus.NONE, states.snapshot().status());

        runDemo(member, catalog);

        await().atMost(10, SECONDS).until(() -> states.snapshot().status() == RunStatus.SUCCEEDED);
        Snapshot snapshot = states.snapshot();
        assertFalse(snapshot.runId().isEmpty(), snapshot::toString);
        for (Node node : pipeline.nodes()) {
          NodeState state = snapshot.nodes().get(node.name());
          assertEquals(NodeStatus.DONE, state == null ? null : state.status(), node.name());
          assertFalse(state.worker().isEmpty(), node.name() + " names its worker");
          assertTrue(state.durationMillis() >= 0, node.name() + " has a time");
          assertEquals(1, state.attempt(), node.name());
        }
        // The run's outputs stay in the catalog with their sizes; intermediates were released.
        await()
            .atMost(10, SECONDS)
            .until(() -> states.snapshot().datasetBytes().getOrDefault("metrics", 0L) > 0);
        assertFalse(
            states.snapshot().datasetBytes().containsKey("model_input_table"),
            "a released intermediate has no size");

        String json = get(server.address().resolve("api/state"));
        assertTrue(json.contains("\"status\":\"succeeded\""), json);
        assertTrue(json.contains("\"train_model\":{\"state\":\"done\""), json);
        assertTrue(json.contains("\"metrics\":"), json);
        String graph = get(server.address().resolve("api/pipeline"));
        assertTrue(graph.contains("\"id\":\"task:train_model\""), graph);
      }
    }
  }

  @Test
  void theServerAnswersOnLoopbackOnlyAndRefusesUnknownPaths() throws Exception {
    try (VizServer server =
        VizServer.start(
            VizCommand.graph("demo", DemoPipelines.pipeline(), null),
            io.sharedcatalog.cluster.cli.internal.viz.RunStateSource.none(),
            0)) {
      assertEquals("127.0.0.1", server.address().getHost());
      HttpResponse<String> missing =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(server.address().resolve("nothing-here")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(404, missing.statusCode());
      assertTrue(get(server.address().resolve("webjars/dagre/dagre.min.js")).contains("dagre"));
      assertTrue(get(server.address()).contains("viz.js"));
      assertTrue(get(server.address().resolve("api/state")).contains("\"status\":\"none\""));
    }
  }

  private void runDemo(HazelcastInstance member, Path catalog) {
    Map<String, Object> catalogConfig = RunCommand.readYaml(catalog, "catalog");
    catalogConfig.keySet().removeIf(key -> key.startsWith("_"));
    Map<String, Object> parameters =
        Params.merge(
            RunCommand.readYaml(dir.resolve("conf/parameters.yml"), "parameters"),
            List.of(Params.parse("rows=300")));
    new PipelineExecution(
            member,
            "viz-cluster-" + UUID.randomUUID().toString().substring(0, 8),
            catalogConfig,
            Map.of(),
            parameters)
        .run(DemoPipelines.pipeline(), RunnerKind.PARALLEL, 2, false, null);
  }

  private static String get(URI uri) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), uri::toString);
    return response.body();
  }
}
