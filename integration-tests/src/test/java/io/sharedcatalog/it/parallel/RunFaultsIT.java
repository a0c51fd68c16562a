package io.sharedcatalog.it.parallel;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.DistributedObject;
import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.cluster.NodeEvent;
import io.sharedcatalog.cluster.ParallelRunner;
import io.sharedcatalog.cluster.SharedMemoryDataCatalog;
import io.sharedcatalog.cluster.testing.TestCluster;
import io.sharedcatalog.pipeline.PipelineRegistry;
import io.sharedcatalog.runner.RunOptions;
import io.sharedcatalog.runner.RunResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Faults between a worker's write and its commit, and a dead driver, with real processes: a member,
 * two workers that pause the first attempt of node {@code slow} for a while after staging its
 * output and before committing, and a driver (a client here, or a forked JVM that is SIGKILLed).
 */
class RunFaultsIT {
  private final List<ForkedJvm> jvms = new ArrayList<>();
  private final Map<String, ForkedJvm> workers = new HashMap<>();
  private String clusterName;
  private String address;
  private HazelcastInstance client;

  @BeforeEach
  void startMemberAndTwoWorkers() {
    clusterName = "it-faults-" + UUID.randomUUID().toString().substring(0, 8);
    int port = TestCluster.freePort();
    address = "127.0.0.1:" + port;
    fork("member", MemberMain.class, clusterName, Integer.toString(port))
        .awaitLogged(MemberMain.READY);
    for (String id : List.of("worker-1", "worker-2")) {
      workers.put(id, fork(id, WorkerMain.class, clusterName, address, id, "slow:20000"));
    }
    workers.values().forEach(w -> w.awaitLogged(WorkerMain.READY));
    ClientConfig config = new ClientConfig();
    config.setClusterName(clusterName);
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.getNetworkConfig().addAddress(address);
    client = HazelcastClient.newHazelcastClient(config);
  }

  @AfterEach
  void stopEverything() {
    if (client != null) {
      client.shutdown();
    }
    jvms.forEach(ForkedJvm::close);
  }

  @Test
  void aWorkerKilledAfterStagingItsOutputButBeforeCommittingHasTheNodeRunAgain() {
    SharedMemoryDataCatalog catalog = catalog();
    ForkedJvm victim = runWithFault(catalog, ForkedJvm::kill).victim;

    assertEquals(51, catalog.load("z", Integer.class), "(4 + 1) * 10 + 1");
    assertEquals(List.of(), stagedKeys(catalog), "the dead attempt's staged output is removed");
    assertEquals(false, victim.isAlive());
  }

  @Test
  void aFrozenWorkerThatWakesAfterItsNodeRanAgainHasItsLateCommitRefused() {
    SharedMemoryDataCatalog catalog = catalog();
    Faulted faulted = runWithFault(catalog, ForkedJvm::freeze);

    faulted.victim.resume();
    faulted.victim.awaitLogged("lost its lease; discarding its outputs");
    assertEquals(51, catalog.load("z", Integer.class));
    assertEquals(List.of("source", "slow", "sink"), faulted.result.completedNodes());
    await().atMost(10, SECONDS).until(() -> stagedKeys(catalog).isEmpty());
  }

  @Test
  void aDeadDriversRunExpiresAndItsWorkersCleanUpAfterIt() {
    String catalogName = "it-dead-" + UUID.randomUUID().toString().substring(0, 8);
    String runId = "dead-driver-run";
    ForkedJvm driver =
        fork("driver", DriverMain.class, clusterName, address, catalogName, runId, "2");
    driver.awaitLogged(DriverMain.STARTED + " slow");
    driver.kill();

    SharedMemoryDataCatalog catalog = SharedMemoryDataCatalog.connect(client, catalogName);
    await()
        .atMost(30, SECONDS)
        .until(() -> !client.getMap("sharedcatalog.runs").containsKey(runId));
    await().atMost(30, SECONDS).until(() -> runObjects(runId).isEmpty());
    await().atMost(30, SECONDS).until(() -> stagedKeys(catalog).isEmpty());

    // The same pipeline runs again on the same catalog (this driver with the cluster's TTL).
    RunResult again;
    System.setProperty("sharedcatalog.runner.runTtlSeconds", "2");
    try {
      again =
          new ParallelRunner(client, 0)
              .run(
                  PipelineRegistry.find(ParallelItPipelines.SLOW),
                  catalog,
                  RunOptions.builder().runId(runId + "-again").build());
    } finally {
      System.clearProperty("sharedcatalog.runner.runTtlSeconds");
    }
    assertEquals(List.of("source", "slow", "sink"), again.completedNodes());
    assertEquals(51, catalog.load("z", Integer.class));
  }

  private record Faulted(ForkedJvm victim, RunResult result) {}

  private Faulted runWithFault(SharedMemoryDataCatalog catalog, Consumer<ForkedJvm> fault) {
    List<NodeEvent> events = new CopyOnWriteArrayList<>();
    ParallelRunner runner = new ParallelRunner(client, 0).onEvent(events::add);
    CompletableFuture<RunResult> run =
        CompletableFuture.supplyAsync(
            () -> runner.run(PipelineRegistry.find(ParallelItPipelines.SLOW), catalog));
    await()
        .atMost(60, SECONDS)
        .until(
            () ->
                workers.values().stream()
                    .anyMatch(w -> w.logged(WorkerMain.BEFORE_COMMIT + " slow attempt 1")));
    ForkedJvm victim =
        workers.values().stream()
            .filter(w -> w.logged(WorkerMain.BEFORE_COMMIT + " slow attempt 1"))
            .findFirst()
            .orElseThrow();
    fault.accept(victim);
    RunResult result = run.join();
    NodeEvent finished =
        events.stream()
            .filter(e -> e.kind() == NodeEvent.Kind.FINISHED && e.nodeName().equals("slow"))
            .findFirst()
            .orElseThrow();
    assertEquals(2, finished.attempt(), "the committed attempt is the re-run");
    assertNotEquals(victim.name(), finished.workerId());
    return new Faulted(victim, result);
  }

  private SharedMemoryDataCatalog catalog() {
    SharedMemoryDataCatalog catalog =
        SharedMemoryDataCatalog.connect(
            client, "it-" + UUID.randomUUID().toString().substring(0, 8));
    catalog.putData("a", 4);
    return catalog;
  }

  private List<String> stagedKeys(SharedMemoryDataCatalog catalog) {
    return client.getMap("sharedcatalog." + catalog.catalogName() + ".values").keySet().stream()
        .map(Object::toString)
        .filter(k -> k.startsWith("__attempt."))
        .toList();
  }

  private List<String> runObjects(String runId) {
    return client.getDistributedObjects().stream()
        .map(DistributedObject::getName)
        .filter(n -> n.startsWith("sharedcatalog-run.") && n.contains(runId))
        .toList();
  }

  private ForkedJvm fork(String name, Class<?> main, String... args) {
    ForkedJvm jvm = ForkedJvm.start(name, main, args);
    jvms.add(jvm);
    return jvm;
  }
}
