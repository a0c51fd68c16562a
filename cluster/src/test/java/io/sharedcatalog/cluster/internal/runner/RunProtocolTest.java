package io.sharedcatalog.cluster.internal.runner;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.sharedcatalog.cluster.testing.TestCluster;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The task table protocol on a real two-member cluster, without catalogs or pipelines. */
class RunProtocolTest {
  private static TestCluster cluster;
  private static HazelcastInstance driverSide;
  private static HazelcastInstance workerSide;

  @BeforeAll
  static void startCluster() {
    cluster = TestCluster.withMembers(2);
    driverSide = cluster.members().get(0);
    workerSide = cluster.startClient();
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  /** Stages "outputs" in a map keyed by node/attempt, as the real executor stages datasets. */
  private static class StagingExecutor implements AttemptExecutor {
    final IMap<String, String> staged;
    final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    final Map<String, CountDownLatch> blockFirstAttempt = new ConcurrentHashMap<>();
    final Set<String> returned = ConcurrentHashMap.newKeySet();

    StagingExecutor(HazelcastInstance hz, String name) {
      staged = hz.getMap(name);
    }

    @Override
    public boolean canRun(String node, boolean localOnly) {
      return true;
    }

    @Override
    public void execute(String node, int attempt) {
      runs.computeIfAbsent(node, n -> new AtomicInteger()).incrementAndGet();
      CountDownLatch block = blockFirstAttempt.get(node);
      if (block != null && attempt == 1) {
        FaultInjection.stopRenewingCurrentLease();
        awaitIgnoringInterrupts(block);
      }
      staged.put(node + "@" + attempt, "value of " + node + " attempt " + attempt);
      returned.add(node + "@" + attempt);
    }

    @Override
    public void discard(String node, int attempt) {
      staged.remove(node + "@" + attempt);
    }
  }

  private static void awaitIgnoringInterrupts(CountDownLatch latch) {
    boolean interrupted = false;
    while (latch.getCount() > 0) {
      try {
        latch.await();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static RunDescriptor run(String id, long leaseMillis, long heartbeatMillis) {
    return new RunDescriptor(
        id, "protocol", "", "driver", leaseMillis, heartbeatMillis, System.currentTimeMillis(), 0);
  }

  private static List<RunCoordinator.Outcome> drive(RunCoordinator coordinator)
      throws InterruptedException {
    List<RunCoordinator.Outcome> outcomes = new ArrayList<>();
    long deadline = System.nanoTime() + SECONDS.toNanos(20);
    while (coordinator.hasInFlight() && System.nanoTime() < deadline) {
      outcomes.addAll(coordinator.awaitOutcomes());
    }
    assertFalse(coordinator.hasInFlight(), "the run did not finish within 20 s");
    return outcomes;
  }

  @Test
  void everyNodeRunsExactlyOnceAcrossTwoWorkers() throws Exception {
    RunDescriptor run = run("once", 3_000, 500);
    StagingExecutor onMember = new StagingExecutor(driverSide, "sharedcatalog.protocol.staged1");
    StagingExecutor onClient = new StagingExecutor(workerSide, "sharedcatalog.protocol.staged1");
    List<RunEvent> events = new CopyOnWriteArrayList<>();
    try (RunCoordinator coordinator =
            new RunCoordinator(driverSide, run, events::add, 50, true, 20);
        WorkerLoop a = loop("a", workerSide, run, onClient);
        WorkerLoop b = loop("b", driverSide, run, onMember)) {
      coordinator.publish();
      for (int i = 0; i < 20; i++) {
        coordinator.offer("n" + i, false);
      }
      List<RunCoordinator.Outcome> outcomes = drive(coordinator);

      assertEquals(20, outcomes.size());
      assertTrue(outcomes.stream().allMatch(RunCoordinator.Outcome::succeeded));
      assertTrue(outcomes.stream().allMatch(o -> o.state().attempt() == 1));
      for (int i = 0; i < 20; i++) {
        int runs =
            onMember.runs.getOrDefault("n" + i, new AtomicInteger()).get()
                + onClient.runs.getOrDefault("n" + i, new AtomicInteger()).get();
        assertEquals(1, runs, "node n" + i + " ran " + runs + " times");
      }
      assertEquals(20, count(events, RunEvent.Kind.STARTED));
      assertEquals(20, count(events, RunEvent.Kind.FINISHED));
    }
    assertFalse(
        driverSide.getMap(RunDirectory.MAP_NAME).containsKey("once"),
        "the run stays in the directory after close");
  }

  @Test
  void aLeaseThatIsNotRenewedIsReofferedAndTheLateCommitIsRefused() throws Exception {
    RunDescriptor run = run("lease", 600, 100);
    StagingExecutor executor = new StagingExecutor(workerSide, "sharedcatalog.protocol.staged2");
    CountDownLatch release = new CountDownLatch(1);
    executor.blockFirstAttempt.put("slow", release);
    List<RunEvent> events = new CopyOnWriteArrayList<>();
    List<RunCoordinator.Outcome> outcomes;
    try (RunCoordinator coordinator =
            new RunCoordinator(driverSide, run, events::add, 50, true, 20);
        WorkerLoop worker = loop("w", workerSide, run, executor, 2)) {
      coordinator.publish();
      coordinator.offer("slow", false);
      outcomes = drive(coordinator);

      assertEquals(1, outcomes.size());
      assertEquals(2, outcomes.get(0).state().attempt(), "the second attempt committed");
      assertEquals(Set.of(1), coordinator.abandonedAttempts("slow"));
      assertEquals(1, count(events, RunEvent.Kind.LEASE_EXPIRED));

      release.countDown();
      await().atMost(10, SECONDS).until(() -> executor.returned.contains("slow@1"));
      // The late attempt tried to commit on the (still existing) table and lost: it discarded.
      await().atMost(10, SECONDS).until(() -> !executor.staged.containsKey("slow@1"));
      assertEquals(TaskState.Status.DONE, coordinator.table().get("slow").get().status());
      assertEquals(2, coordinator.table().get("slow").get().attempt());
      assertTrue(executor.staged.containsKey("slow@2"));
    }
  }

  @Test
  void aWorkerThatClosesHandsItsNodeBackAtOnce() throws Exception {
    RunDescriptor run = run("handback", 60_000, 1_000); // a lease far too long to be what helps
    CountDownLatch started = new CountDownLatch(1);
    AttemptExecutor blocking =
        new StagingExecutor(workerSide, "sharedcatalog.protocol.staged3") {
          @Override
          public void execute(String node, int attempt) {
            if (attempt == 1) {
              started.countDown();
              try {
                new CountDownLatch(1).await(); // until interrupted by close()
              } catch (InterruptedException e) {
                throw new IllegalStateException("interrupted", e);
              }
            }
            super.execute(node, attempt);
          }
        };
    StagingExecutor other = new StagingExecutor(driverSide, "sharedcatalog.protocol.staged3");
    List<RunEvent> events = new CopyOnWriteArrayList<>();
    try (RunCoordinator coordinator =
        new RunCoordinator(driverSide, run, events::add, 50, true, 20)) {
      coordinator.publish();
      coordinator.offer("node", false);
      WorkerLoop closing = loop("closing", workerSide, run, blocking, 1);
      assertTrue(started.await(20, SECONDS));
      closing.close();
      try (WorkerLoop taker = loop("taker", driverSide, run, other, 1)) {
        List<RunCoordinator.Outcome> outcomes = drive(coordinator);

        assertEquals(1, outcomes.size());
        assertTrue(outcomes.get(0).succeeded(), outcomes.toString());
        assertEquals(2, outcomes.get(0).state().attempt());
        assertEquals("taker", outcomes.get(0).state().workerId());
        assertEquals(0, count(events, RunEvent.Kind.LEASE_EXPIRED), "no lease had to expire");
      }
    }
  }

  @Test
  void manyThreadsClaimingFromTheQueueNeverRunANodeTwiceInOneAttempt() throws Exception {
    RunDescriptor run = run("crowd", 5_000, 1_000);
    StagingExecutor onMember = new StagingExecutor(driverSide, "sharedcatalog.protocol.staged4");
    StagingExecutor onClient = new StagingExecutor(workerSide, "sharedcatalog.protocol.staged4");
    List<RunEvent> events = new CopyOnWriteArrayList<>();
    int nodes = 200;
    try (RunCoordinator coordinator =
            new RunCoordinator(driverSide, run, events::add, 50, true, nodes);
        WorkerLoop a = loop("a", workerSide, run, onClient, 6);
        WorkerLoop b = loop("b", driverSide, run, onMember, 6);
        WorkerLoop c = loop("c", workerSide, run, onClient, 6)) {
      coordinator.publish();
      for (int i = 0; i < nodes; i++) {
        coordinator.offer("n" + i, false);
        // a duplicate item for every node, as a re-queue racing a slow claim leaves behind
        coordinator.table().enqueue("n" + i, 1, false);
      }
      List<RunCoordinator.Outcome> outcomes = drive(coordinator);

      assertEquals(nodes, outcomes.size());
      assertTrue(outcomes.stream().allMatch(o -> o.succeeded() && o.state().attempt() == 1));
      for (int i = 0; i < nodes; i++) {
        int runs =
            onMember.runs.getOrDefault("n" + i, new AtomicInteger()).get()
                + onClient.runs.getOrDefault("n" + i, new AtomicInteger()).get();
        assertEquals(1, runs, "node n" + i + " ran " + runs + " times");
      }
      assertEquals(nodes, count(events, RunEvent.Kind.STARTED));
    }
  }

  @Test
  void aNodeWhoseReadyItemWasLostIsQueuedAgain() throws Exception {
    RunDescriptor run = run("lost-item", 400, 100);
    StagingExecutor executor = new StagingExecutor(workerSide, "sharedcatalog.protocol.staged5");
    try (RunCoordinator coordinator = new RunCoordinator(driverSide, run, e -> {}, 50, true, 1)) {
      coordinator.publish();
      coordinator.offer("orphan", false);
      // a worker takes the item and dies before claiming: the item is gone, the node READY
      TaskTable thief = new TaskTable(workerSide, run);
      assertEquals("orphan", thief.poll(5_000).orElseThrow().node());
      try (WorkerLoop worker = loop("w", workerSide, run, executor, 1)) {
        List<RunCoordinator.Outcome> outcomes = drive(coordinator);

        assertEquals(1, outcomes.size());
        assertTrue(outcomes.get(0).succeeded());
        assertEquals(1, outcomes.get(0).state().attempt(), "the same attempt, queued again");
      }
    }
  }

  @Test
  void aNodePlacedOnABusyWorkerIsQueuedForAllWorkersAfterTheGrace() throws Exception {
    RunDescriptor run = run("placed", 3_000, 500);
    // Reports the size of what it staged, but never waits for nodes placed on its worker (as a
    // worker whose threads all took other work): the placed node must still run, and soon.
    StagingExecutor sized =
        new StagingExecutor(workerSide, "sharedcatalog.protocol.staged6") {
          @Override
          public Map<String, Long> execute(String node, int attempt, Claim claim) throws Exception {
            super.execute(node, attempt, claim);
            return Map.of("out-" + node, 1_000L);
          }
        };
    try (RunCoordinator coordinator = new RunCoordinator(driverSide, run, e -> {}, 50, true, 2);
        WorkerLoop worker = loop("placer", workerSide, run, sized, 2)) {
      coordinator.publish();
      coordinator.offer("first", false);
      List<RunCoordinator.Outcome> first = drive(coordinator);
      assertEquals("placer", first.get(0).state().workerId());
      assertEquals(Map.of("out-first", 1_000L), first.get(0).state().sizes());

      long offeredAt = System.nanoTime();
      coordinator.offerAll(
          List.of(new RunCoordinator.Offer("second", false, List.of("out-first"))));
      List<RunCoordinator.Outcome> second = drive(coordinator);
      long tookMillis = (System.nanoTime() - offeredAt) / 1_000_000;

      assertTrue(second.get(0).succeeded());
      assertEquals(1, second.get(0).state().attempt());
      assertEquals(1, sized.runs.get("second").get());
      // it was placed on the worker (the item nobody took is still in the worker's own queue),
      // then queued for every worker once the grace passed
      assertEquals(1, workerSide.getQueue(run.readyQueueName() + ".placer").size(), "placed first");
      assertTrue(
          tookMillis >= NodePlacement.GRACE_NANOS / 1_000_000,
          "ran only after the grace: " + tookMillis + " ms");
    }
  }

  /**
   * A worker's thread waiting on its own queue for a placed node stops as soon as its worker
   * removes that queue at the run's end, not after its poll's timeout (a poll outlives the queue's
   * destruction), and the run counts as over for that process.
   */
  @Test
  void aThreadWaitingOnItsWorkersOwnQueueStopsWhenTheWorkerRemovesIt() throws Exception {
    RunDescriptor run = run("own-queue", 5_000, 1_000);
    TaskTable table = new TaskTable(workerSide, run);
    java.util.concurrent.CompletableFuture<Boolean> took =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> {
              try {
                return table.pollFor("waiter", 60_000).isPresent();
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    // the thread is waiting once the queue exists in the cluster
    await()
        .atMost(10, SECONDS)
        .until(
            () ->
                driverSide.getDistributedObjects().stream()
                    .anyMatch(o -> o.getName().equals(run.readyQueueName() + ".waiter")));

    table.destroyQueueOf("waiter");

    await().atMost(10, SECONDS).until(took::isDone);
    assertFalse(took.join(), "no node was taken");
    assertTrue(table.isOver());
  }

  @Test
  void aNodeWhoseInputsAreOfOneSizeIsPlacedOnTheProducerOfTheLastOneCommitted() {
    NodePlacement placement = new NodePlacement();
    long now = System.nanoTime();
    placement.committed(committed("early", "a", 100), now - 1_000_000);
    placement.committed(committed("late", "b", 100), now);

    assertEquals(
        java.util.Optional.of("late"),
        placement.place("sum", List.of("a", "b"), new java.util.HashMap<>(), now));
  }

  /** A DONE state of {@code worker} (2 threads) whose one output has {@code size} bytes. */
  private static TaskState committed(String worker, String output, long size) {
    return TaskState.ready(1, false)
        .claimedBy(worker, System.currentTimeMillis(), 2)
        .done(System.currentTimeMillis(), Map.of(output, size), Map.of());
  }

  private static long count(List<RunEvent> events, RunEvent.Kind kind) {
    return events.stream().filter(e -> e.kind() == kind).count();
  }

  private static WorkerLoop loop(
      String id, HazelcastInstance hz, RunDescriptor run, AttemptExecutor executor) {
    return loop(id, hz, run, executor, 2);
  }

  private static WorkerLoop loop(
      String id, HazelcastInstance hz, RunDescriptor run, AttemptExecutor executor, int threads) {
    List<WorkerLoop.ServedRun> served =
        Collections.singletonList(new WorkerLoop.ServedRun(new TaskTable(hz, run), executor));
    return new WorkerLoop(id, threads, () -> served, 50);
  }
}
