package io.sharedcatalog.cluster.internal.runner;

import com.hazelcast.core.HazelcastException;
import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.catalog.DataCatalog;
import io.sharedcatalog.pipeline.Node;
import io.sharedcatalog.pipeline.Pipeline;
import io.sharedcatalog.pipeline.PipelineException;
import io.sharedcatalog.pipeline.PipelineRegistry;
import io.sharedcatalog.runner.internal.RunPlan;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver of one {@code ParallelRunner} run: publishes the run, offers the plan's ready nodes,
 * starts the local workers, promotes the outputs of each committed attempt into the shared catalog
 * and reports completions and failures to the {@link RunPlan}, which releases intermediates and
 * decides what starts next.
 *
 * <p>This class is not thread-safe: one driver thread runs it, once.
 */
public final class ParallelDriver {
  private static final Logger log = LoggerFactory.getLogger(ParallelDriver.class);
  private static final long CLUSTER_TROUBLE_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(60);
  private static final long RETRY_BACKOFF_MILLIS = 200;

  private final HazelcastInstance hz;
  private final int localWorkers;
  private final String catalogName;
  private final long leaseTimeoutMillis;
  private final long heartbeatMillis;
  private final Consumer<RunEvent> events;

  /**
   * @param hz the driver's member or client
   * @param localWorkers worker threads to start in this JVM for the run
   * @param catalogName the shared catalog's name (workers connect to it)
   * @param leaseTimeoutMillis how long a claimed node may go without a heartbeat
   * @param heartbeatMillis how often workers renew their leases
   * @param events receives every node event
   */
  public ParallelDriver(
      HazelcastInstance hz,
      int localWorkers,
      String catalogName,
      long leaseTimeoutMillis,
      long heartbeatMillis,
      Consumer<RunEvent> events) {
    this.hz = Objects.requireNonNull(hz, "hz");
    this.localWorkers = localWorkers;
    this.catalogName = Objects.requireNonNull(catalogName, "catalogName");
    this.leaseTimeoutMillis = leaseTimeoutMillis;
    this.heartbeatMillis = heartbeatMillis;
    this.events = Objects.requireNonNull(events, "events");
  }

  /**
   * Where a run's nodes may go: the registered pipeline name remote workers look the nodes up by
   * (the {@link PipelineRegistry} pipeline holding the most of the run's nodes with the same name,
   * inputs and outputs; ties broken by name), and the nodes that only the driver's JVM can run
   * because that pipeline does not hold them.
   *
   * <p>This class is immutable and thread-safe.
   *
   * @param registeredPipeline the name to publish, empty if no registered pipeline holds any node
   * @param localOnlyNodes the nodes only local workers may take, sorted
   */
  public record Routing(Optional<String> registeredPipeline, Set<String> localOnlyNodes) {}

  /** Finds the {@link Routing} of a pipeline among the registries on the class path. */
  public static Routing route(Pipeline pipeline) {
    Map<String, Pipeline> registries = registeredPipelines();
    String best = null;
    long bestCount = 0;
    Map<String, Node> bestNodes = Map.of();
    for (Map.Entry<String, Pipeline> entry : registries.entrySet()) {
      Map<String, Node> byName = new HashMap<>();
      entry.getValue().nodes().forEach(n -> byName.put(n.name(), n));
      long count = pipeline.nodes().stream().filter(n -> sameNode(byName, n)).count();
      if (count > bestCount) {
        best = entry.getKey();
        bestCount = count;
        bestNodes = byName;
      }
    }
    Set<String> localOnly = new TreeSet<>();
    for (Node node : pipeline.nodes()) {
      if (!sameNode(bestNodes, node)) {
        localOnly.add(node.name());
      }
    }
    return new Routing(Optional.ofNullable(best), Set.copyOf(localOnly));
  }

  private static Map<String, Pipeline> registeredPipelines() {
    try {
      return PipelineRegistry.all();
    } catch (PipelineException e) {
      log.warn(
          "Pipeline registries cannot be read ({}); nodes run on local workers only", e.toString());
      return Map.of();
    }
  }

  /** Whether the registered nodes (by name) hold one with the node's name, inputs and outputs. */
  private static boolean sameNode(Map<String, Node> registered, Node node) {
    Node r = registered.get(node.name());
    return r != null && r.inputs().equals(node.inputs()) && r.outputs().equals(node.outputs());
  }

  /**
   * Runs the plan's nodes on the cluster's workers. Returns when no node is running any more: after
   * the last node completed, or after a failure once the nodes still running ended.
   */
  public void execute(RunPlan plan, Routing routing) {
    Optional<String> registered = routing.registeredPipeline();
    Set<String> localOnly = new TreeSet<>(routing.localOnlyNodes());
    String driverId =
        "driver-"
            + ManagementFactory.getRuntimeMXBean().getPid()
            + "-"
            + UUID.randomUUID().toString().substring(0, 6);
    RunDescriptor run =
        new RunDescriptor(
            plan.runId(),
            catalogName,
            registered.orElse(""),
            driverId,
            leaseTimeoutMillis,
            heartbeatMillis,
            System.currentTimeMillis(),
            plan.pipeline().nodes().size());
    DataCatalog catalog = plan.catalog();
    Map<String, Node> nodes = new HashMap<>();
    plan.pipeline().nodes().forEach(node -> nodes.put(node.name(), node));
    NodeAttempts localAttempts = new NodeAttempts(nodes, catalog, hz, run, true);
    StagedOutputs staging = new StagedOutputs(hz, run);
    OutputPromotion promotion = new OutputPromotion(staging, catalog);
    boolean sharedNodes = localOnly.size() < nodes.size();
    RunCoordinator coordinator =
        new RunCoordinator(
            hz, run, events, Math.min(100, heartbeatMillis), sharedNodes, nodes.size());
    WorkerLoop local = null;
    try {
      coordinator.publish();
      if (localWorkers > 0) {
        List<WorkerLoop.ServedRun> served =
            List.of(new WorkerLoop.ServedRun(coordinator.table(), localAttempts));
        local = new WorkerLoop(driverId + "-local", localWorkers, () -> served, 100);
      }
      List<Node> toOffer = new ArrayList<>(plan.startReadyNodes());
      long troubleSince = 0;
      while (!toOffer.isEmpty() || coordinator.hasInFlight()) {
        try {
          offer(toOffer, coordinator, localOnly, promotion);
          complete(plan, coordinator.awaitOutcomes(), promotion, localAttempts);
          if (plan.hasFailed()) {
            toOffer.clear();
            coordinator.cancelPending(); // also catches nodes re-offered after a lease expiry
          } else {
            toOffer.addAll(plan.startReadyNodes());
          }
          troubleSince = 0;
        } catch (HazelcastException e) {
          // The client reconnects by itself; the task table keeps the run's state meanwhile.
          long now = System.nanoTime();
          troubleSince = troubleSince == 0 ? now : troubleSince;
          if (now - troubleSince > CLUSTER_TROUBLE_LIMIT_NANOS) {
            throw e;
          }
          log.warn("Run {}: the cluster did not answer ({}); retrying", run.runId(), e.toString());
          TimeUnit.MILLISECONDS.sleep(RETRY_BACKOFF_MILLIS);
        }
      }
      if (plan.hasFailed() && !coordinator.cancelledNodes().isEmpty()) {
        log.info(
            "Run {}: nodes {} were not started because node '{}' failed",
            run.runId(),
            coordinator.cancelledNodes(),
            plan.failedNode().orElse("?"));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.util.concurrent.CancellationException(
          "Run " + run.runId() + " was interrupted while nodes " + plan.runningNodes() + " ran");
    } finally {
      if (local != null) {
        local.close(1_000);
      }
      try {
        coordinator.close();
        discardAbandoned(coordinator, staging, nodes);
      } catch (RuntimeException e) {
        // Do not hide the run's own outcome; the run's maps are left for a later clean-up.
        log.warn("Run {}: could not remove the run's task table: {}", run.runId(), e.toString());
      }
    }
  }

  /**
   * Offers the nodes (one call for all of them), clearing {@code ready} once they are queued, and
   * starts resolving where their outputs will be promoted to.
   */
  private static void offer(
      List<Node> ready,
      RunCoordinator coordinator,
      Set<String> localOnly,
      OutputPromotion promotion) {
    if (ready.isEmpty()) {
      return;
    }
    List<RunCoordinator.Offer> offers = new ArrayList<>();
    for (Node node : ready) {
      offers.add(
          new RunCoordinator.Offer(node.name(), localOnly.contains(node.name()), node.inputs()));
    }
    coordinator.offerAll(offers);
    for (Node node : ready) {
      promotion.prepare(node.outputs());
    }
    ready.clear();
  }

  /**
   * Promotes the committed attempts' staged outputs to the outputs' real datasets ({@link
   * OutputPromotion}, the nodes of one batch in parallel), then tells the plan, in the order the
   * outcomes arrived. Never throws: failures go to the plan.
   */
  private void complete(
      RunPlan plan,
      List<RunCoordinator.Outcome> outcomes,
      OutputPromotion promotion,
      NodeAttempts local) {
    if (outcomes.isEmpty()) {
      return;
    }
    Map<String, Map.Entry<List<String>, TaskState>> toPromote = new java.util.LinkedHashMap<>();
    for (RunCoordinator.Outcome outcome : outcomes) {
      if (outcome.succeeded()) {
        toPromote.put(
            outcome.node(), Map.entry(plan.node(outcome.node()).outputs(), outcome.state()));
      }
    }
    Map<String, RuntimeException> failures =
        toPromote.isEmpty() ? Map.of() : promotion.promoteAll(toPromote);
    for (RunCoordinator.Outcome outcome : outcomes) {
      String name = outcome.node();
      TaskState state = outcome.state();
      if (!outcome.succeeded()) {
        Throwable cause = local.failure(name, state.attempt());
        plan.nodeFailed(
            name,
            cause != null ? cause : new RemoteNodeException(name, state.workerId(), state.error()));
      } else if (failures.containsKey(name)) {
        plan.nodeFailed(name, failures.get(name));
      } else {
        plan.nodeCompleted(name);
      }
    }
  }

  private static void discardAbandoned(
      RunCoordinator coordinator, StagedOutputs staging, Map<String, Node> nodes) {
    for (Map.Entry<String, Set<Integer>> entry : coordinator.abandonedAttempts().entrySet()) {
      for (int attempt : entry.getValue()) {
        for (String output : nodes.get(entry.getKey()).outputs()) {
          try {
            staging.staged(output, attempt).release();
          } catch (RuntimeException e) {
            log.debug(
                "Could not release staged {} of attempt {}: {}", output, attempt, e.toString());
          }
        }
      }
    }
  }
}
