package io.sharedcatalog.cluster;

import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.catalog.DataCatalog;
import io.sharedcatalog.catalog.DatasetException;
import io.sharedcatalog.cluster.internal.runner.ParallelDriver;
import io.sharedcatalog.cluster.internal.runner.RunEvent;
import io.sharedcatalog.pipeline.PipelineRegistry;
import io.sharedcatalog.runner.RunFailedException;
import io.sharedcatalog.runner.internal.AbstractRunner;
import io.sharedcatalog.runner.internal.PipelineWidth;
import io.sharedcatalog.runner.internal.RunPlan;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a pipeline's nodes on the workers of a Hazelcast cluster, Kedro's {@code ParallelRunner}
 * with the cluster in place of a process pool: {@code localWorkers} threads in this JVM plus every
 * {@link Worker} of the cluster (other JVMs, usually the {@code worker} command) that knows the
 * pipeline by name through {@link PipelineRegistry}. Every node's inputs and outputs pass through
 * the {@link SharedMemoryDataCatalog} given to {@code run}, which must be connected to the same
 * cluster ({@link SharedMemoryDataCatalog#connect}).
 *
 * <p><b>A run, step by step.</b> As every runner (see {@link io.sharedcatalog.runner.Runner}):
 * missing pipeline inputs are all listed before any node runs; the catalog is bound ({@code
 * setManagerDatasets}) and validated ({@code validateCatalog}) before the first node; intermediate
 * datasets are released after their last reader, so the cluster holds none after the run; {@code
 * onlyMissingOutputs} skips nodes whose outputs exist; a failing node fails the run with {@link
 * RunFailedException} naming it, and no new node starts. Then this runner publishes the run (run
 * id, registered pipeline name, catalog name, lease settings, as JSON) in the map {@code
 * sharedcatalog.runs}, and each node that becomes ready gets an item in the run's ready queue
 * {@code sharedcatalog-run.<catalog>.<runId>.ready} (or a worker's own queue, see Locality) and,
 * once a worker claims it, an entry in the run's task table {@code
 * sharedcatalog-run.<catalog>.<runId>.tasks}. Workers take an item, claim the node, run it and
 * commit; the driver (the thread calling {@code run}) follows the table through an entry listener,
 * promotes the outputs and offers the nodes that became ready. Both are removed when the run ends,
 * and the run's end is recorded for an hour in {@code sharedcatalog.runs.finished}. The listing
 * carries a TTL the driver keeps renewing (the system property {@code
 * sharedcatalog.runner.runTtlSeconds}, default 30 s): a driver that dies stops attracting workers
 * within that time, its workers then delete what its attempts staged and destroy its table and
 * queue, and task entries expire by themselves after twice that time. If the cluster stops
 * answering, the driver retries for up to 60 s before the run fails.
 *
 * <p><b>Tasks, leases, attempts.</b> A task entry is a JSON object, moved between {@code
 * READY(attempt)}, {@code CLAIMED(attempt, worker, heartbeat)}, {@code DONE(attempt)} and {@code
 * FAILED(attempt)} only by atomic writes conditional on the previous state ({@code
 * IMap.replace(node, expected, next)}, or {@code putIfAbsent} for the entry's first write):
 * claiming, renewing, committing and taking back are compare-and-sets, and members need none of our
 * classes (no entry processors, locks or CP structures). The driver offers the nodes that became
 * ready with one {@code addAll} of the ready queue and writes no entry for them: a worker finds a
 * ready node with one {@code poll} and claims its first attempt with one {@code putIfAbsent(node,
 * CLAIMED(1, me))} (a later attempt with {@code replace(READY(a), CLAIMED(a, me))}), whatever the
 * size of the run, loading the node's inputs while the claim is on its way and calling the function
 * only once it is held. A stale queue item fails its claim and is dropped, so a node runs at most
 * once per attempt. A worker renews its lease every {@link #heartbeatInterval()} by incrementing
 * the heartbeat counter. The driver follows the table through an entry listener that carries
 * commits, failures and hand-backs (claims and renewals are filtered out on the members), and reads
 * the in-flight entries every quarter lease (at most once a second); when it sees a claimed entry
 * unchanged for {@link #leaseTimeout()} (measured on the driver's clock), it replaces it by {@code
 * READY(attempt + 1)} and queues it again: a worker killed with SIGKILL, frozen with SIGSTOP, cut
 * off from the cluster, or stuck without heartbeats has its node run again within seconds, well
 * before Hazelcast would notice a hung client (300 s). A node that throws is not retried: the run
 * fails (as in Kedro).
 *
 * <p><b>Locality.</b> A committing worker reports the encoded size of each output. A node whose
 * largest input was produced moments ago by a worker with several threads, none of them taken by
 * other nodes of the run, is placed on that worker's own queue ({@code <ready queue>.<worker>}),
 * where the thread that produced the input waits briefly for it (while the worker's other threads
 * keep serving the shared queue); if the worker does not claim it within 200 ms, it is queued for
 * every worker. So a chain runs on one worker when that worker is free, and a busy worker holds
 * nothing up.
 *
 * <p><b>Why a late result cannot overwrite a newer one.</b> A worker saves its outputs only to
 * values scoped to its attempt ({@code __attempt.<runId>.<attempt>.<dataset>} in the catalog's
 * values map, not registered in the catalog; an output of at most 16 KiB encoded instead travels in
 * the commit itself), then commits with {@code replace(CLAIMED(attempt, me, heartbeat),
 * DONE(attempt))}. That compare-and-set succeeds only if the task is still its own attempt; a
 * reassigned attempt's commit fails and the worker deletes what it staged. Only the driver writes
 * the outputs' real datasets, and only from the attempt whose commit won, so a frozen worker that
 * wakes up later can never replace the newer attempt's outputs. The driver publishes a small output
 * from the commit with one {@code replace} and promotes a larger one by moving the staged slot
 * entry (for a chunked value, its small manifest) into the dataset's slot, resolved once per
 * dataset: it decodes no value, and a large value's bytes never pass through it. It deletes the
 * staged copies of abandoned attempts when the run ends (a worker frozen past the end of the run
 * may still leave a staged value behind, under a name no dataset uses).
 *
 * <p><b>Pipelines that are not registered.</b> A remote worker runs its own copy of a node, found
 * by the pipeline name the driver publishes: the registered pipeline holding the most of the run's
 * nodes with the same name, inputs and outputs. Nodes not found in any registry (a pipeline built
 * in code and never registered) are marked local-only in the task table: only this JVM's workers
 * take them, so such a run needs {@code localWorkers > 0} (checked before the first node).
 *
 * <p><b>Events.</b> {@link #onEvent(Consumer)} receives a {@link NodeEvent} for each node started,
 * finished, failed or taken back, with the worker's id and timings. The driver logs one INFO line
 * per node start (here) and per completion (the runners' common progress line), as Kedro does; the
 * rest of the protocol is logged at DEBUG, on the driver and on the workers.
 *
 * <p>This class is thread-safe; one instance may run several pipelines at once. Configure it
 * ({@link #onEvent}, {@link #leaseTimeout(Duration)}) before the runs it should affect.
 */
public final class ParallelRunner extends AbstractRunner {
  private static final Logger log = LoggerFactory.getLogger(ParallelRunner.class);
  private static final Duration DEFAULT_LEASE_TIMEOUT = Duration.ofSeconds(4);
  private static final Duration MAX_HEARTBEAT = Duration.ofSeconds(1);

  private final HazelcastInstance hz;
  private final int localWorkers;
  private final List<Consumer<NodeEvent>> listeners = new CopyOnWriteArrayList<>();
  private volatile Duration leaseTimeout = DEFAULT_LEASE_TIMEOUT;

  /**
   * Creates a runner on a cluster.
   *
   * @param hz the member or client the driver works through; the catalog given to {@code run} must
   *     be connected to the same cluster
   * @param localWorkers how many nodes this JVM runs at once itself (a run starts no more than the
   *     pipeline's widest set of independent nodes); 0 to leave every node to remote {@link
   *     Worker}s
   * @throws NullPointerException if {@code hz} is null
   * @throws IllegalArgumentException if {@code localWorkers} is negative
   */
  public ParallelRunner(HazelcastInstance hz, int localWorkers) {
    this.hz = Objects.requireNonNull(hz, "hz");
    if (localWorkers < 0) {
      throw new IllegalArgumentException("localWorkers must be 0 or more but was " + localWorkers);
    }
    this.localWorkers = localWorkers;
  }

  /**
   * Adds a listener for the events of every later run of this runner (the command line shows
   * progress with it). It is called on the driver thread, in the order the driver learns of the
   * events, and must return quickly; an exception it throws is logged and ignored.
   *
   * @param listener the listener
   * @return this runner
   * @throws NullPointerException if {@code listener} is null
   */
  public ParallelRunner onEvent(Consumer<NodeEvent> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /**
   * Sets how long a claimed node may go without a heartbeat before it is offered again under a new
   * attempt (default 4 s). Workers renew at a quarter of it, at most every second. Shorter detects
   * dead workers sooner; too short takes nodes from workers that are merely slow to reach the
   * cluster (a long GC pause), which costs a re-run but never a wrong result.
   *
   * @param leaseTimeout at least 200 ms
   * @return this runner
   * @throws IllegalArgumentException if {@code leaseTimeout} is shorter than 200 ms
   */
  public ParallelRunner leaseTimeout(Duration leaseTimeout) {
    Objects.requireNonNull(leaseTimeout, "leaseTimeout");
    if (leaseTimeout.toMillis() < 200) {
      throw new IllegalArgumentException(
          "leaseTimeout must be at least 200 ms but was " + leaseTimeout);
    }
    this.leaseTimeout = leaseTimeout;
    return this;
  }

  /**
   * Returns the lease timeout.
   *
   * @return how long a claimed node may go without a heartbeat
   */
  public Duration leaseTimeout() {
    return leaseTimeout;
  }

  /**
   * Returns how often workers renew their lease during this runner's runs.
   *
   * @return a quarter of the lease timeout, at most one second
   */
  public Duration heartbeatInterval() {
    return heartbeatFor(leaseTimeout);
  }

  private static Duration heartbeatFor(Duration lease) {
    Duration quarter = lease.dividedBy(4);
    return quarter.compareTo(MAX_HEARTBEAT) < 0 ? quarter : MAX_HEARTBEAT;
  }

  /**
   * Returns how many workers this runner starts in its own JVM.
   *
   * @return the number of local workers
   */
  public int localWorkers() {
    return localWorkers;
  }

  /**
   * Checks that the catalog is a {@link SharedMemoryDataCatalog} connected to this runner's
   * cluster, and binds its datasets.
   *
   * @throws DatasetException if it is not, saying how to fix it
   */
  @Override
  protected void prepareCatalog(DataCatalog catalog) {
    sharedCatalog(catalog).setManagerDatasets(hz);
  }

  /** Binds the datasets created from the runtime pattern and validates the catalog. */
  @Override
  protected void beforeExecution(RunPlan plan) {
    SharedMemoryDataCatalog catalog = sharedCatalog(plan.catalog());
    catalog.setManagerDatasets(hz);
    catalog.validateCatalog();
  }

  /**
   * Routes the nodes (registered pipeline or local-only), checks that local-only nodes have local
   * workers, then drives the run on the cluster.
   *
   * @throws IllegalStateException before any node runs, if nodes are local-only and this runner has
   *     no local workers
   */
  @Override
  protected void execute(RunPlan plan) {
    SharedMemoryDataCatalog catalog = sharedCatalog(plan.catalog());
    ParallelDriver.Routing routing = ParallelDriver.route(plan.pipeline());
    Set<String> localOnly = routing.localOnlyNodes();
    if (!localOnly.isEmpty() && localWorkers == 0) {
      throw new IllegalStateException(
          "Nodes "
              + localOnly
              + " are in no pipeline registered by name (PipelineRegistry), so only workers in"
              + " this JVM can run them, but this ParallelRunner has 0 local workers: register"
              + " the pipeline in a PipelineRegistry on the workers' class path, or create the"
              + " runner with localWorkers > 0");
    }
    if (!localOnly.isEmpty()) {
      log.info(
          "Run {}: nodes {} are not in a registered pipeline; only this JVM's {} worker(s) run them",
          plan.runId(),
          localOnly,
          localWorkers);
    }
    Duration lease = leaseTimeout;
    // As Kedro's _get_required_workers_count: no more local workers than nodes can run at once.
    int workers = PipelineWidth.workersFor(plan.pipeline(), localWorkers);
    new ParallelDriver(
            hz,
            workers,
            catalog.catalogName(),
            lease.toMillis(),
            heartbeatFor(lease).toMillis(),
            this::publish)
        .execute(plan, routing);
  }

  private void publish(RunEvent internal) {
    NodeEvent event =
        new NodeEvent(
            NodeEvent.Kind.valueOf(internal.kind().name()),
            internal.runId(),
            internal.nodeName(),
            internal.attempt(),
            internal.workerId(),
            internal.time(),
            internal.duration(),
            internal.error());
    for (Consumer<NodeEvent> listener : listeners) {
      try {
        listener.accept(event);
      } catch (RuntimeException e) {
        log.warn("An event listener threw on {}", event, e);
      }
    }
  }

  private SharedMemoryDataCatalog sharedCatalog(DataCatalog catalog) {
    if (!(catalog instanceof SharedMemoryDataCatalog shared)) {
      throw new DatasetException(
          "ParallelRunner needs a SharedMemoryDataCatalog connected to its cluster, but got a "
              + catalog.getClass().getSimpleName()
              + ": workers in other JVMs cannot see its datasets. Use"
              + " SharedMemoryDataCatalog.connect(hz, catalogName) and register the datasets in it"
              + " (or load it with SharedMemoryDataCatalog.fromYaml and connect it).");
    }
    if (!shared.isConnected()) {
      throw new DatasetException(
          "ParallelRunner needs a SharedMemoryDataCatalog connected to its cluster, but catalog '"
              + shared.catalogName()
              + "' is a local one: workers in other JVMs cannot see its registrations. Create it"
              + " with SharedMemoryDataCatalog.connect(hz, catalogName) (or connect(hz,"
              + " catalogName, config) to share a catalog.yml).");
    }
    HazelcastInstance bound = shared.manager().orElse(null);
    if (bound != null && bound != hz && !sameCluster(bound, hz)) {
      throw new DatasetException(
          "Shared catalog '"
              + shared.catalogName()
              + "' is connected to another cluster than this ParallelRunner's: connect the"
              + " catalog with the HazelcastInstance given to the runner.");
    }
    return shared;
  }

  private static boolean sameCluster(HazelcastInstance a, HazelcastInstance b) {
    try {
      return memberIds(a).equals(memberIds(b));
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static Set<java.util.UUID> memberIds(HazelcastInstance hz) {
    Set<java.util.UUID> ids = new java.util.HashSet<>();
    hz.getCluster().getMembers().forEach(m -> ids.add(m.getUuid()));
    return ids;
  }

  @Override
  public String toString() {
    return "ParallelRunner(localWorkers=" + localWorkers + ", leaseTimeout=" + leaseTimeout + ")";
  }
}
