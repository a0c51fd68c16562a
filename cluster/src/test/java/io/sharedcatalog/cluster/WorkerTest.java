package io.sharedcatalog.cluster;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.DistributedObject;
import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.cluster.testing.TestCluster;
import io.sharedcatalog.pipeline.PipelineRegistry;
import io.sharedcatalog.runner.RunOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
      SharedMemoryDataCatalog catalog = connect(driverClient, "worker");
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

  /**
   * Every thread of a worker learns of a new run at once, with a 60 s idle poll: each run's pair of
   * nodes needs both threads at the same time (they wait for each other), and between runs one
   * thread has waited on the previous run's queue while the other ran {@code join}. Before, a
   * thread woken by the directory change could read the served runs while another thread was still
   * reading the directory, find none, and sleep for its idle poll (this test failed then).
   */
  @Test
  void everyThreadOfAWorkerServesANewRunAtOnce() {
    try (TestCluster cluster = TestCluster.withMembers(1)) {
      HazelcastInstance driverClient = cluster.startClient();
      HazelcastInstance workerClient = cluster.startClient();
      SharedMemoryDataCatalog catalog = connect(driverClient, "wake");
      WorkerOptions options =
          WorkerOptions.builder()
              .workerId("remote-wake")
              .threads(2)
              .idlePoll(java.time.Duration.ofSeconds(60))
              .build();
      try (Worker worker = Worker.start(workerClient, options)) {
        ParallelRunner runner = new ParallelRunner(driverClient, 0);
        for (String seed : List.of("a", "b", "c")) {
          catalog.putData("seed", seed);
          java.util.concurrent.CompletableFuture<Void> run =
              java.util.concurrent.CompletableFuture.runAsync(
                  () ->
                      runner.run(
                          PipelineRegistry.find(WakeTestPipelines.PAIR_THEN_ONE),
                          catalog,
                          RunOptions.defaults()));

          await().atMost(20, SECONDS).until(run::isDone);
          run.join();
          assertEquals(seed + "+" + seed, catalog.load("joined", String.class));
        }
      }
    }
  }

  @Test
  void manyRunsWithAWorkerConnectedLeaveItsThreadsAndTheClustersObjectsFlat() {
    try (TestCluster cluster = TestCluster.withMembers(1)) {
      HazelcastInstance member = cluster.members().get(0);
      HazelcastInstance driverClient = cluster.startClient();
      HazelcastInstance workerClient = cluster.startClient();
      SharedMemoryDataCatalog catalog = connect(driverClient, "flat");
      catalog.putData("params:name", "Ada");
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      try (Worker worker =
          Worker.start(workerClient, WorkerOptions.builder().workerId("remote-flat").build())) {
        ParallelRunner runner = new ParallelRunner(driverClient, 0);
        for (int i = 0; i < 40; i++) { // warm-up: our pools and the members' reach their size
          runner.run(PipelineRegistry.find("greeting"), catalog, RunOptions.defaults());
        }
        // A Hazelcast client's two internal pools (threads "<client>.internal-#") have fixed core
        // sizes, 3 and 10, and the second gains one thread a second of the client's life, load or
        // not (its member-connection task repeats every second, and each repeat may start a core
        // thread): runs faster than that would otherwise count the client's age as a leak.
        await()
            .atMost(40, SECONDS)
            .pollInterval(java.time.Duration.ofMillis(200))
            .until(
                () -> {
                  runner.run(PipelineRegistry.find("greeting"), catalog, RunOptions.defaults());
                  return internalThreads(driverClient) >= CLIENT_INTERNAL_THREADS
                      && internalThreads(workerClient) >= CLIENT_INTERNAL_THREADS;
                });
        int threadsBefore = threads.getThreadCount();
        java.util.Map<String, Long> namesBefore = threadNames();
        int objectsBefore = member.getDistributedObjects().size();

        for (int i = 0; i < 60; i++) {
          runner.run(PipelineRegistry.find("greeting"), catalog, RunOptions.defaults());
        }

        assertEquals("Hello Ada", catalog.load("greeting", String.class));
        await()
            .atMost(10, SECONDS)
            .until(() -> member.getDistributedObjects().size() <= objectsBefore);
        List<String> runObjects =
            member.getDistributedObjects().stream()
                .map(DistributedObject::getName)
                .filter(n -> n.startsWith("sharedcatalog-run."))
                .toList();
        assertEquals(List.of(), runObjects, "no run's table or queue is left");
        int threadsAfter = threads.getThreadCount();
        assertTrue(
            threadsAfter <= threadsBefore + 2,
            "threads grew from "
                + threadsBefore
                + " to "
                + threadsAfter
                + " over 60 runs: "
                + namesBefore
                + " -> "
                + threadNames());
      }
    }
  }

  /** Threads of a Hazelcast 5.7 client's two internal pools once they are full (3 + 10). */
  private static final int CLIENT_INTERNAL_THREADS = 13;

  private static long internalThreads(HazelcastInstance client) {
    String prefix = client.getName() + ".internal-";
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith(prefix))
        .count();
  }

  /** A catalog of its own for each test: {@code prefix} and a random suffix. */
  private static SharedMemoryDataCatalog connect(HazelcastInstance client, String prefix) {
    return SharedMemoryDataCatalog.connect(
        client, prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
  }

  private static java.util.Map<String, Long> threadNames() {
    return new java.util.TreeMap<>(
        Thread.getAllStackTraces().keySet().stream()
            .collect(
                java.util.stream.Collectors.groupingBy(
                    t -> t.getName().replaceAll("[0-9]+", "#"),
                    java.util.stream.Collectors.counting())));
  }
}
