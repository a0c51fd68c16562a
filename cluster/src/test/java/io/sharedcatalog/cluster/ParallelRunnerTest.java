package io.sharedcatalog.cluster;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.DistributedObject;
import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.catalog.DataCatalog;
import io.sharedcatalog.catalog.DatasetException;
import io.sharedcatalog.cluster.internal.runner.FaultInjection;
import io.sharedcatalog.cluster.internal.store.ValueStore;
import io.sharedcatalog.cluster.testing.TestCluster;
import io.sharedcatalog.pipeline.Node;
import io.sharedcatalog.pipeline.Pipeline;
import io.sharedcatalog.runner.RunFailedException;
import io.sharedcatalog.runner.RunOptions;
import io.sharedcatalog.runner.RunResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ParallelRunner with local workers on a real two-member cluster, the driver on a client. */
class ParallelRunnerTest {
  private static TestCluster cluster;
  private static HazelcastInstance client;
  private String catalogName;
  private SharedMemoryDataCatalog catalog;

  @BeforeAll
  static void startCluster() {
    cluster = TestCluster.withMembers(2);
    client = cluster.startClient();
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  @BeforeEach
  void connectCatalog() {
    catalogName = "pr-" + UUID.randomUUID().toString().substring(0, 8);
    catalog = SharedMemoryDataCatalog.connect(client, catalogName);
  }

  /** a -> (double, square) -> sum: a diamond with two intermediates. */
  private static Pipeline diamond() {
    return Pipeline.of(
        Node.of(
            "double", List.of("a"), List.of("twice"), in -> Map.of("twice", 2 * (int) in.get("a"))),
        Node.of(
            "square",
            List.of("a"),
            List.of("squared"),
            in -> {
              int a = (int) in.get("a");
              return Map.of("squared", a * a);
            }),
        Node.of(
            "sum",
            List.of("twice", "squared"),
            List.of("total"),
            in -> Map.of("total", (int) in.get("twice") + (int) in.get("squared"))));
  }

  /**
   * The datasets whose slots hold a value: a slot is keyed {@code name#generation} (or by the bare
   * name for staged values), and a released dataset keeps its empty slot while its binding lives.
   */
  private Set<String> valueKeys() {
    Set<String> keys = new TreeSet<>();
    ValueStore store = ValueStore.of(client, catalogName);
    client
        .<String, byte[]>getMap("sharedcatalog." + catalogName + ".values")
        .keySet()
        .forEach(
            slot -> {
              if (store.exists(slot)) {
                keys.add(slot.contains("#") ? slot.substring(0, slot.lastIndexOf('#')) : slot);
              }
            });
    return keys;
  }

  private Set<String> runnerMapsOf(String runId) {
    Set<String> names = new TreeSet<>();
    for (DistributedObject object : client.getDistributedObjects()) {
      if (object.getName().contains(runId)) {
        names.add(object.getName());
      }
    }
    return names;
  }

  @Test
  void runsThePipelineAndLeavesNoIntermediatesInTheCluster() {
    catalog.putData("a", 5);
    List<NodeEvent> events = new CopyOnWriteArrayList<>();
    ParallelRunner runner = new ParallelRunner(client, 2).onEvent(events::add);

    RunResult result =
        runner.run(diamond(), catalog, RunOptions.builder().runId("diamond").build());

    assertEquals(35, catalog.load("total", Integer.class));
    assertEquals(Set.of("total"), result.outputs().keySet());
    assertEquals(3, result.completedNodes().size());
    assertEquals("sum", result.completedNodes().get(2));
    assertEquals(Set.of("a", "total"), valueKeys(), "only the input and the output stay");
    assertFalse(client.getMap("sharedcatalog.runs").containsKey("diamond"));
    assertEquals(Set.of(), runnerMapsOf("diamond"), "the task table is destroyed");
    assertEquals(3, events.stream().filter(e -> e.kind() == NodeEvent.Kind.STARTED).count());
    assertEquals(3, events.stream().filter(e -> e.kind() == NodeEvent.Kind.FINISHED).count());
    assertTrue(events.stream().allMatch(e -> e.attempt() == 1 && e.workerId().contains("local")));
  }

  @Test
  void aFailingNodeFailsTheRunNamingItAndStartsNoNewNode() {
    catalog.putData("a", 5);
    AtomicBoolean sumRan = new AtomicBoolean();
    Pipeline pipeline =
        Pipeline.of(
            Node.of(
                "breaks",
                List.of("a"),
                List.of("b"),
                in -> {
                  throw new IllegalStateException("boom in breaks");
                }),
            Node.of(
                "after",
                List.of("b"),
                List.of("c"),
                in -> {
                  sumRan.set(true);
                  return Map.of("c", 1);
                }));

    RunFailedException failure =
        assertThrows(
            RunFailedException.class, () -> new ParallelRunner(client, 2).run(pipeline, catalog));

    assertEquals("breaks", failure.nodeName());
    assertTrue(failure.getMessage().contains("breaks"), failure.getMessage());
    assertTrue(
        failure.getCause() instanceof IllegalStateException, String.valueOf(failure.getCause()));
    assertFalse(sumRan.get(), "no node starts after a failure");
    assertFalse(catalog.exists("c"));
  }

  @Test
  void aNodeWhoseLeaseExpiresRunsAgainAndItsLateResultIsDiscarded() {
    catalog.putData("a", 5);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    AtomicBoolean lateReturned = new AtomicBoolean();
    Pipeline pipeline =
        Pipeline.of(
            Node.of(
                "stuck",
                List.of("a"),
                List.of("out"),
                in -> {
                  if (calls.incrementAndGet() == 1) {
                    FaultInjection.stopRenewingCurrentLease(); // as if this JVM froze
                    awaitIgnoringInterrupts(release);
                    lateReturned.set(true);
                    return Map.of("out", "late");
                  }
                  return Map.of("out", "fresh");
                }),
            // A second, independent node: runs start no more local workers than the pipeline's
            // width, and the retry of the frozen attempt needs a second local worker in this JVM.
            Node.of("side", List.of("a"), List.of(), in -> Map.of()));
    List<NodeEvent> events = new CopyOnWriteArrayList<>();
    ParallelRunner runner =
        new ParallelRunner(client, 2).leaseTimeout(Duration.ofMillis(600)).onEvent(events::add);

    try {
      // bounded: a lease that never expired would leave the run waiting for the stuck attempt
      assertTimeoutPreemptively(
          Duration.ofSeconds(30),
          () -> runner.run(pipeline, catalog, RunOptions.builder().runId("lease").build()));
    } finally {
      release.countDown(); // the stuck attempt's thread ends even when the run failed
    }
    await().atMost(10, SECONDS).untilTrue(lateReturned);

    assertEquals("fresh", catalog.load("out", String.class));
    assertTrue(
        events.stream().anyMatch(e -> e.kind() == NodeEvent.Kind.LEASE_EXPIRED && e.attempt() == 1),
        events.toString());
    assertTrue(
        events.stream().anyMatch(e -> e.kind() == NodeEvent.Kind.FINISHED && e.attempt() == 2),
        events.toString());
    await()
        .atMost(10, SECONDS)
        .alias("only a and out stay in the values map")
        .until(this::valueKeys, keys -> keys.equals(Set.of("a", "out")));
    assertEquals("fresh", catalog.load("out", String.class), "the late attempt did not overwrite");
  }

  @Test
  void missingInputsAreAllListedBeforeAnyNodeRuns() {
    AtomicBoolean ran = new AtomicBoolean();
    Pipeline pipeline =
        Pipeline.of(
            Node.of(
                "one",
                List.of("x"),
                List.of("o1"),
                in -> {
                  ran.set(true);
                  return Map.of("o1", 1);
                }),
            Node.of("two", List.of("y"), List.of("o2"), in -> Map.of("o2", 2)));

    DatasetException e =
        assertThrows(
            DatasetException.class, () -> new ParallelRunner(client, 1).run(pipeline, catalog));

    assertTrue(e.getMessage().contains("x") && e.getMessage().contains("y"), e.getMessage());
    assertFalse(ran.get());
  }

  @Test
  void aCatalogThatIsNotConnectedIsRefusedWithTheFix() {
    Pipeline pipeline = Pipeline.of(Node.of("n", List.of(), List.of("o"), in -> Map.of("o", 1)));

    DatasetException plain =
        assertThrows(
            DatasetException.class,
            () -> new ParallelRunner(client, 1).run(pipeline, new DataCatalog()));
    DatasetException local =
        assertThrows(
            DatasetException.class,
            () -> new ParallelRunner(client, 1).run(pipeline, new SharedMemoryDataCatalog()));

    assertTrue(plain.getMessage().contains("SharedMemoryDataCatalog.connect"), plain.getMessage());
    assertTrue(local.getMessage().contains("SharedMemoryDataCatalog.connect"), local.getMessage());
  }

  @Test
  void anUnregisteredPipelineNeedsLocalWorkers() {
    Pipeline pipeline = Pipeline.of(Node.of("n", List.of(), List.of("o"), in -> Map.of("o", 1)));

    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> new ParallelRunner(client, 0).run(pipeline, catalog));

    assertTrue(e.getMessage().contains("PipelineRegistry"), e.getMessage());
    assertFalse(catalog.exists("o"));
  }

  @Test
  void onlyMissingOutputsSkipsNodesWhoseOutputsExist() {
    catalog.putData("a", 5);
    Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    Pipeline pipeline =
        Pipeline.of(
            Node.of(
                "first",
                List.of("a"),
                List.of("b"),
                in -> {
                  runs.computeIfAbsent("first", k -> new AtomicInteger()).incrementAndGet();
                  return Map.of("b", 1);
                }),
            Node.of(
                "second",
                List.of("a"),
                List.of("c"),
                in -> {
                  runs.computeIfAbsent("second", k -> new AtomicInteger()).incrementAndGet();
                  return Map.of("c", 2);
                }));
    catalog.putData("b", 0);
    // Kedro 1.x's rule: an output the catalog does not hold is ephemeral, so "c" is registered
    // (empty; in a connected catalog a SharedMemoryDataset is persisted) to make "second" run.
    catalog.put("c", new SharedMemoryDataset<>());

    RunResult result =
        new ParallelRunner(client, 1)
            .run(pipeline, catalog, RunOptions.builder().onlyMissingOutputs(true).build());

    assertEquals(List.of("second"), result.completedNodes());
    assertFalse(runs.containsKey("first"));
    assertEquals(0, catalog.load("b", Integer.class));
    assertEquals(2, catalog.load("c", Integer.class));
  }

  /** Waits like a node that ignores interrupts, so the late attempt really saves and commits. */
  private static void awaitIgnoringInterrupts(CountDownLatch latch) {
    while (latch.getCount() > 0) {
      try {
        latch.await();
      } catch (InterruptedException e) {
        // ignored on purpose: the worker interrupts a node whose lease it lost
      }
    }
  }

  /** How many local worker threads of this JVM run nodes, seen from inside a node. */
  private static int localWorkerThreads() {
    String name = Thread.currentThread().getName();
    String loop = name.substring(0, name.lastIndexOf('-') + 1);
    return (int)
        Thread.getAllStackTraces().keySet().stream()
            .map(Thread::getName)
            .filter(n -> n.startsWith(loop) && n.substring(loop.length()).matches("\\d+"))
            .count();
  }

  @Test
  void localWorkersAreAtMostThePipelinesWidthAndAtMostAsked() {
    Set<Integer> seen = ConcurrentHashMap.newKeySet();
    Pipeline chain =
        Pipeline.of(
            Node.of(
                "one",
                List.of(),
                List.of("x"),
                in -> {
                  seen.add(localWorkerThreads());
                  return Map.of("x", 1);
                }),
            Node.of(
                "two",
                List.of("x"),
                List.of("y"),
                in -> {
                  seen.add(localWorkerThreads());
                  return Map.of("y", 2);
                }));
    new ParallelRunner(client, 8).run(chain, catalog);
    assertEquals(Set.of(1), seen);

    Set<Integer> fanSeen = ConcurrentHashMap.newKeySet();
    List<Node> fan = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String output = "fan" + i;
      fan.add(
          Node.of(
              "fan_" + i,
              List.of(),
              List.of(output),
              in -> {
                fanSeen.add(localWorkerThreads());
                return Map.of(output, 1);
              }));
    }
    new ParallelRunner(client, 8).run(Pipeline.of(fan), catalog);
    assertEquals(Set.of(3), fanSeen);

    Set<Integer> askedSeen = ConcurrentHashMap.newKeySet();
    List<Node> fanAgain = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String output = "again" + i;
      fanAgain.add(
          Node.of(
              "again_" + i,
              List.of(),
              List.of(output),
              in -> {
                askedSeen.add(localWorkerThreads());
                return Map.of(output, 1);
              }));
    }
    new ParallelRunner(client, 2).run(Pipeline.of(fanAgain), catalog);
    assertEquals(Set.of(2), askedSeen);
  }
}
