package io.sharedcatalog.cluster;

import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.cluster.internal.runner.RemoteWorker;
import io.sharedcatalog.pipeline.PipelineRegistry;
import java.util.Objects;

/**
 * A worker of the cluster's {@link ParallelRunner} runs, in any JVM: it watches the cluster for
 * runs whose pipeline it knows by name (through {@link PipelineRegistry}, found with {@code
 * ServiceLoader}, or the pipelines of its {@link WorkerOptions}), claims their ready nodes, runs
 * them against the run's {@link SharedMemoryDataCatalog} (connected by the catalog name the driver
 * published) and reports each result back through the run's task table. The {@code worker} command
 * of the command line is this class on a Hazelcast client.
 *
 * <p><b>What it can run.</b> Only nodes of pipelines registered by name, and only nodes whose name
 * is in its own copy of that pipeline: a worker runs its own code for the node, so the same
 * registry (the same jar) must be on every worker's class path. Nodes of a pipeline the driver did
 * not find in a registry are local-only and never taken by a {@code Worker}.
 *
 * <p><b>Leases.</b> While it runs a node the worker renews the node's lease at the run's heartbeat
 * interval (about a second). If the worker dies, is frozen, or loses the cluster, the driver takes
 * the node back after the run's lease timeout (a few seconds) and offers it again under a new
 * attempt number; a late result of the old attempt is discarded (see {@link ParallelRunner}).
 *
 * <p>{@link #close()} stops the worker: nodes it was running are interrupted and handed back to
 * their runs at once. The Hazelcast instance is not shut down: it belongs to the caller.
 *
 * <p>This class is thread-safe.
 */
public final class Worker implements AutoCloseable {
  private final RemoteWorker engine;

  private Worker(RemoteWorker engine) {
    this.engine = engine;
  }

  /**
   * Starts a worker with {@link WorkerOptions#defaults()}.
   *
   * @param hz a running member or client of the cluster the runs are on
   * @return the running worker; close it to stop it
   * @throws NullPointerException if {@code hz} is null
   */
  public static Worker start(HazelcastInstance hz) {
    return start(hz, WorkerOptions.defaults());
  }

  /**
   * Starts a worker.
   *
   * @param hz a running member or client of the cluster the runs are on
   * @param options the worker's threads, id and pipelines
   * @return the running worker; close it to stop it
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if {@code hz} is not running
   * @throws io.sharedcatalog.pipeline.PipelineException if two registries register the same name
   */
  public static Worker start(HazelcastInstance hz, WorkerOptions options) {
    Objects.requireNonNull(hz, "hz");
    Objects.requireNonNull(options, "options");
    if (!hz.getLifecycleService().isRunning()) {
      throw new IllegalStateException(
          "The Hazelcast instance '" + hz.getName() + "' is not running; start it first");
    }
    return new Worker(
        new RemoteWorker(
            hz,
            catalogName -> SharedMemoryDataCatalog.connect(hz, catalogName),
            options.resolvedWorkerId(),
            options.threads(),
            options.pipelines().orElseGet(PipelineRegistry::all),
            options.idlePoll().toMillis()));
  }

  /**
   * Returns the worker's id, as shown in {@link NodeEvent#workerId()} and logs.
   *
   * @return the id
   */
  public String id() {
    return engine.workerId();
  }

  /** Stops taking nodes and hands the running ones back to their runs; idempotent. */
  @Override
  public void close() {
    engine.close();
  }

  @Override
  public String toString() {
    return "Worker(" + id() + ")";
  }
}
