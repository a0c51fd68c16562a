package io.sharedcatalog.cluster.cli;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.cluster.ParallelRunner;
import io.sharedcatalog.cluster.SharedMemoryDataCatalog;
import io.sharedcatalog.cluster.Worker;
import io.sharedcatalog.cluster.WorkerOptions;
import io.sharedcatalog.cluster.cli.Cli.Execution;
import io.sharedcatalog.cluster.internal.runner.ClusterActivity;
import io.sharedcatalog.cluster.internal.runner.RunSnapshot;
import io.sharedcatalog.cluster.testing.TestCluster;
import io.sharedcatalog.pipeline.Node;
import io.sharedcatalog.pipeline.Pipeline;
import io.sharedcatalog.pipeline.PipelineRegistry;
import io.sharedcatalog.runner.RunOptions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** {@code runs} and {@code workers}, and the snapshots under them, on a real cluster. */
class RunsCommandTest {

  @Test
  void runsShowsARunInProgressWithItsRunningNodeThenFinishedWithEveryNode() throws Exception {
    try (TestCluster cluster = TestCluster.withMembers(1)) {
      HazelcastInstance driver = cluster.startClient();
      SharedMemoryDataCatalog catalog = SharedMemoryDataCatalog.connect(driver, "runs-cmd");
      CountDownLatch release = new CountDownLatch(1);
      Pipeline pipeline =
          Pipeline.of(
              Node.of("first", List.of(), List.of("a"), in -> Map.of("a", 1)),
              Node.of(
                  "waiting",
                  List.of("a"),
                  List.of("b"),
                  in -> {
                    release.await();
                    return Map.of("b", 2);
                  }));
      CompletableFuture<?> run =
          CompletableFuture.runAsync(
              () ->
                  new ParallelRunner(driver, 1)
                      .run(pipeline, catalog, RunOptions.builder().runId("r-cmd").build()));
      ClusterActivity activity = new ClusterActivity(driver);
      await()
          .atMost(20, SECONDS)
          .until(
              () ->
                  activity.runs().stream()
                      .anyMatch(
                          r ->
                              r.runId().equals("r-cmd")
                                  && r.nodes().stream()
                                      .anyMatch(
                                          n ->
                                              n.node().equals("waiting")
                                                  && n.state().equals("CLAIMED"))));
      RunSnapshot running = find(activity, "r-cmd");
      assertEquals("RUNNING", running.status());
      assertEquals(1, running.nodesDone());
      assertEquals(2, running.nodesTotal());

      Execution text =
          Cli.execute(
              "runs",
              "--address",
              cluster.firstMemberAddress(),
              "--cluster-name",
              cluster.clusterName());
      assertEquals(0, text.exitCode(), text::toString);
      assertTrue(text.out().contains("r-cmd"), text::toString);
      assertTrue(text.out().contains("waiting") && text.out().contains("CLAIMED"), text::toString);

      release.countDown();
      run.get(20, SECONDS);
      RunSnapshot finished = find(activity, "r-cmd");
      assertEquals("SUCCEEDED", finished.status());
      assertEquals(2, finished.nodesDone());
      assertTrue(finished.endedAtMillis() >= finished.startedAtMillis());
      assertTrue(finished.nodes().stream().allMatch(n -> n.state().equals("DONE")));

      Execution json =
          Cli.execute(
              "runs",
              "--json",
              "--address",
              cluster.firstMemberAddress(),
              "--cluster-name",
              cluster.clusterName());
      assertEquals(0, json.exitCode(), json::toString);
      assertTrue(json.out().trim().startsWith("["), json::toString);
      assertTrue(json.out().contains("\"status\":\"SUCCEEDED\""), json::toString);
    }
  }

  @Test
  void workersListsAConnectedWorkerWithItsThreadsAndPipelines() {
    try (TestCluster cluster = TestCluster.withMembers(1)) {
      HazelcastInstance workerClient = cluster.startClient();
      HazelcastInstance driver = cluster.startClient();
      try (Worker worker =
          Worker.start(
              workerClient, WorkerOptions.builder().workerId("listed-1").threads(2).build())) {
        SharedMemoryDataCatalog catalog = SharedMemoryDataCatalog.connect(driver, "workers-cmd");
        catalog.putData("params:name", "Ada");
        new ParallelRunner(driver, 0).run(PipelineRegistry.find("greeting"), catalog);
        await()
            .atMost(10, SECONDS)
            .until(
                () ->
                    new ClusterActivity(driver)
                        .workers().stream().anyMatch(w -> w.workerId().equals("listed-1")));

        Execution text =
            Cli.execute(
                "workers",
                "--address",
                cluster.firstMemberAddress(),
                "--cluster-name",
                cluster.clusterName());
        assertEquals(0, text.exitCode(), text::toString);
        assertTrue(text.out().contains("listed-1  2 thread(s)"), text::toString);
        assertTrue(text.out().contains("greeting"), text::toString);
        RunSnapshot run =
            new ClusterActivity(driver)
                .runs().stream()
                    .filter(r -> r.catalog().equals("workers-cmd"))
                    .findFirst()
                    .orElseThrow();
        assertTrue(
            run.nodes().stream().allMatch(n -> n.worker().equals("listed-1")), run::toString);
      }
    }
  }

  private static RunSnapshot find(ClusterActivity activity, String runId) {
    return activity.runs().stream()
        .filter(r -> r.runId().equals(runId))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no run " + runId + " in " + activity.runs()));
  }
}
