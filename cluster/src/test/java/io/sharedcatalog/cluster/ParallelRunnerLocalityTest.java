package io.sharedcatalog.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.cluster.testing.TestCluster;
import io.sharedcatalog.pipeline.PipelineRegistry;
import io.sharedcatalog.runner.RunOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Where {@link ParallelRunner} places the nodes of a chain on two remote {@link Worker}s (each on a
 * client of its own, two threads each, the driver without local workers): each node reads the
 * output of the node before it, and the worker that produced that output has a free thread, so
 * every node after the first runs on the worker that ran the first.
 */
class ParallelRunnerLocalityTest {

  @Test
  void consecutiveNodesOfAChainRunOnTheWorkerThatProducedTheirInput() {
    try (TestCluster cluster = TestCluster.withMembers(1)) {
      HazelcastInstance driver = cluster.startClient();
      SharedMemoryDataCatalog catalog =
          SharedMemoryDataCatalog.connect(
              driver, "locality-" + UUID.randomUUID().toString().substring(0, 8));
      catalog.putData("loc0", "start");
      List<NodeEvent> events = new CopyOnWriteArrayList<>();
      try (Worker one =
              Worker.start(
                  cluster.startClient(),
                  WorkerOptions.builder().workerId("near-1").threads(2).build());
          Worker two =
              Worker.start(
                  cluster.startClient(),
                  WorkerOptions.builder().workerId("near-2").threads(2).build())) {
        ParallelRunner runner = new ParallelRunner(driver, 0).onEvent(events::add);
        List<Map<String, String>> placements = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
          events.clear();
          runner.run(
              PipelineRegistry.find(LocalityTestPipelines.CHAIN),
              catalog,
              RunOptions.builder().runId("locality-" + run).build());
          Map<String, String> ranOn = new LinkedHashMap<>();
          for (NodeEvent e : events) {
            if (e.kind() == NodeEvent.Kind.FINISHED) {
              ranOn.put(e.nodeName(), e.workerId());
            }
          }
          placements.add(ranOn);
        }

        assertEquals("start,1,2,3,4,5,6", catalog.load("loc6", String.class));
        for (Map<String, String> ranOn : placements) {
          assertEquals(LocalityTestPipelines.LENGTH, ranOn.size(), ranOn.toString());
          Set<String> workers = new TreeSet<>(ranOn.values());
          assertEquals(1, workers.size(), "every node on the first node's worker: " + placements);
        }
      }
    }
  }
}
