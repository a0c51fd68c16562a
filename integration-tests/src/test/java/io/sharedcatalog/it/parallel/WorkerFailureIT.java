package io.sharedcatalog.it.parallel;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.cluster.NodeEvent;
import io.sharedcatalog.cluster.ParallelRunner;
import io.sharedcatalog.cluster.SharedMemoryDataCatalog;
import io.sharedcatalog.cluster.testing.TestCluster;
import io.sharedcatalog.pipeline.PipelineRegistry;
import io.sharedcatalog.runner.RunOptions;
import io.sharedcatalog.runner.RunResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A forked member, two forked {@code Worker} JVMs and the driver (this test, as a client with no
 * local workers). One worker is killed (SIGKILL) or frozen (SIGSTOP) while it runs the pipeline's
 * slow node; the run must still complete correctly, with the node's second attempt on the other
 * worker. Each test logs, and appends to {@code target/parallel-worker-failure.txt}, what the
 * worker's death cost: detection (fault → lease expiry) and recovery (fault → second attempt done).
 */
class WorkerFailureIT {
  private static final Logger log = LoggerFactory.getLogger(WorkerFailureIT.class);

  private final List<ForkedJvm> jvms = new ArrayList<>();
  private final Map<String, ForkedJvm> workers = new java.util.HashMap<>();
  private HazelcastInstance driver;
  private String victim;

  @BeforeEach
  void startMemberAndTwoWorkers() {
    String clusterName = "it-parallel-" + UUID.randomUUID().toString().substring(0, 8);
    int port = TestCluster.freePort();
    String address = "127.0.0.1:" + port;
    fork("member", MemberMain.class, clusterName, Integer.toString(port))
        .awaitLogged(MemberMain.READY);
    for (String id : List.of("worker-1", "worker-2")) {
      workers.put(id, fork(id, WorkerMain.class, clusterName, address, id));
    }
    workers.values().forEach(w -> w.awaitLogged(WorkerMain.READY));
    ClientConfig config = new ClientConfig();
    config.setClusterName(clusterName);
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.getNetworkConfig().addAddress(address);
    driver = HazelcastClient.newHazelcastClient(config);
  }

  @AfterEach
  void stopEverything() {
    if (driver != null) {
      driver.shutdown();
    }
    for (ForkedJvm jvm : jvms) {
      jvm.close(); // resumes a frozen JVM first, then SIGKILL
    }
  }

  @Test
  void aWorkerKilledMidNodeHasTheNodeRunAgainOnTheOtherWorker() throws Exception {
    runLosingTheSlowNodesWorker("SIGKILL", ForkedJvm::kill);
  }

  @Test
  void aFrozenWorkersNodeRunsAgainWithinSeconds() throws Exception {
    SharedMemoryDataCatalog catalog = runLosingTheSlowNodesWorker("SIGSTOP", ForkedJvm::freeze);

    // Wake the frozen worker: it finds its lease gone, drops its late attempt, and z stays. Its
    // heartbeat notices (when the freeze caught the node's function); or its node fails on an
    // input released meanwhile and the failure is refused (when the freeze caught it loading,
    // right after its claim); or its commit is refused (when the freeze caught it after the
    // function, before the commit: the driver sees a start up to a second late, so on a busy
    // machine the signal can land that late): each way it logs that the lease was lost.
    ForkedJvm frozen = workers.get(victim);
    frozen.resume();
    await()
        .atMost(60, SECONDS)
        .until(
            () -> {
              String log = Files.readString(frozen.log(), StandardCharsets.UTF_8);
              return log.contains("was taken back")
                  || log.contains("failed after losing its lease")
                  || log.contains("lost its lease; discarding its outputs");
            });
    assertEquals(51, catalog.load("z", Integer.class));
    assertEquals(
        List.of(),
        driver.getMap("sharedcatalog." + catalog.catalogName() + ".values").keySet().stream()
            .filter(k -> k.toString().startsWith("__attempt."))
            .toList(),
        "no staged output of an attempt is left in the cluster");
  }

  private SharedMemoryDataCatalog runLosingTheSlowNodesWorker(
      String fault, Consumer<ForkedJvm> injectFault) throws Exception {
    SharedMemoryDataCatalog catalog =
        SharedMemoryDataCatalog.connect(
            driver, "it-" + UUID.randomUUID().toString().substring(0, 8));
    catalog.putData("a", 4);
    List<NodeEvent> events = new CopyOnWriteArrayList<>();
    ParallelRunner runner = new ParallelRunner(driver, 0).onEvent(events::add);
    String runId = "run-" + fault;
    CompletableFuture<RunResult> run =
        CompletableFuture.supplyAsync(
            () ->
                runner.run(
                    PipelineRegistry.find(ParallelItPipelines.SLOW),
                    catalog,
                    RunOptions.builder().runId(runId).build()));

    await()
        .atMost(60, SECONDS)
        .until(() -> find(events, NodeEvent.Kind.STARTED, "slow", 1).isPresent());
    victim = find(events, NodeEvent.Kind.STARTED, "slow", 1).get().workerId();
    Instant faultAt = Instant.now();
    injectFault.accept(workers.get(victim));
    log.info("{} sent to {} while it runs node slow", fault, victim);

    RunResult result = run.get(60, SECONDS);

    assertEquals(51, catalog.load("z", Integer.class), "(4 + 1) * 10 + 1");
    assertEquals(List.of("source", "slow", "sink"), result.completedNodes());
    NodeEvent expired = find(events, NodeEvent.Kind.LEASE_EXPIRED, "slow", 1).orElseThrow();
    assertEquals(victim, expired.workerId());
    NodeEvent restarted = find(events, NodeEvent.Kind.STARTED, "slow", 2).orElseThrow();
    NodeEvent finished = find(events, NodeEvent.Kind.FINISHED, "slow", 2).orElseThrow();
    assertNotEquals(victim, finished.workerId(), "the second attempt ran on the other worker");
    assertEquals(
        Optional.empty(), find(events, NodeEvent.Kind.FINISHED, "slow", 1), "attempt 1 never won");

    Duration detection = Duration.between(faultAt, expired.time());
    Duration reassigned = Duration.between(expired.time(), restarted.time());
    Duration recovered = Duration.between(faultAt, finished.time());
    String line =
        String.format(
            "%s of the slow node's worker: lease expiry detected %d ms after the fault, attempt 2"
                + " started %d ms later on %s, and finished %d ms after the fault (node work %d"
                + " ms, lease %d ms, run %d ms)",
            fault,
            detection.toMillis(),
            reassigned.toMillis(),
            finished.workerId(),
            recovered.toMillis(),
            finished.duration().toMillis(),
            runner.leaseTimeout().toMillis(),
            result.duration().toMillis());
    log.info(line);
    Files.writeString(
        Path.of("target", "parallel-worker-failure.txt"),
        Instant.now() + " " + line + System.lineSeparator(),
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    return catalog;
  }

  private static Optional<NodeEvent> find(
      List<NodeEvent> events, NodeEvent.Kind kind, String node, int attempt) {
    return events.stream()
        .filter(e -> e.kind() == kind && e.nodeName().equals(node) && e.attempt() == attempt)
        .findFirst();
  }

  private ForkedJvm fork(String name, Class<?> main, String... args) {
    ForkedJvm jvm = ForkedJvm.start(name, main, args);
    jvms.add(jvm);
    return jvm;
  }
}
