package io.sharedcatalog.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.cluster.testing.TestCluster;
import io.sharedcatalog.pipeline.PipelineRegistry;
import io.sharedcatalog.runner.RunOptions;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A {@link Worker} on its own client runs every node of a run whose driver has no local workers.
 * The pipeline is the "greeting" pipeline that the catalog module's test registry ({@code
 * PipelineRegistryTest.ExampleRegistry}, on this module's test class path) registers by name, so
 * driver and worker both find it through {@code ServiceLoader}, as separate JVMs would.
 */
class WorkerTest {

  @Test
  void aWorkerRunsTheNodesOfARegisteredPipelineForADriverWithoutLocalWorkers() {
    try (TestCluster cluster = TestCluster.withMembers(1)) {
      HazelcastInstance driverClient = cluster.startClient();
      HazelcastInstance workerClient = cluster.startClient();
      SharedMemoryDataCatalog catalog =
          SharedMemoryDataCatalog.connect(
              driverClient, "worker-" + UUID.randomUUID().toString().substring(0, 8));
      catalog.putData("params:name", "Ada");
      List<NodeEvent> events = new CopyOnWriteArrayList<>();

      try (Worker worker =
          Worker.start(workerClient, WorkerOptions.builder().workerId("remote-1").build())) {
        new ParallelRunner(driverClient, 0)
            .onEvent(events::add)
            .run(PipelineRegistry.find("greeting"), catalog, RunOptions.defaults());

        assertEquals("Hello Ada", catalog.load("greeting", String.class));
        assertEquals("remote-1", worker.id());
        assertTrue(
            events.stream()
                .anyMatch(
                    e -> e.kind() == NodeEvent.Kind.FINISHED && e.workerId().equals("remote-1")),
            events.toString());
      }
    }
  }
}
