package io.sharedcatalog.cluster.internal.runner;

import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.cluster.SharedMemoryDataCatalog;
import io.sharedcatalog.pipeline.Node;
import io.sharedcatalog.pipeline.Pipeline;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine of {@code io.sharedcatalog.cluster.Worker}: serves every run of the {@link
 * RunDirectory} whose pipeline it knows by name, connecting to each run's shared catalog on first
 * use. Runs that are not registered by name (local-only) and nodes it does not know are left to
 * other workers.
 *
 * <p>This class is thread-safe.
 */
public final class RemoteWorker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RemoteWorker.class);
  private static final long DIRECTORY_REFRESH_NANOS = 1_000_000_000L;

  private final HazelcastInstance hz;
  private final Map<String, Pipeline> pipelines;
  private final RunDirectory directory;
  private final Map<String, Served> served = new ConcurrentHashMap<>();
  private final Set<String> ignored = ConcurrentHashMap.newKeySet();
  private final WorkerLoop loop;
  private final UUID directoryListener;
  private volatile boolean directoryChanged = true;
  private volatile long refreshedAtNanos;

  private record Served(WorkerLoop.ServedRun run, UUID listener) {}

  /**
   * Starts the worker's threads.
   *
   * @param hz the member or client to work through
   * @param workerId the id shown in events
   * @param threads how many nodes to run at once
   * @param pipelines the pipelines this worker knows, by registered name
   * @param idlePollMillis how long an idle thread waits when no notification wakes it
   */
  public RemoteWorker(
      HazelcastInstance hz,
      String workerId,
      int threads,
      Map<String, Pipeline> pipelines,
      long idlePollMillis) {
    this.hz = Objects.requireNonNull(hz, "hz");
    this.pipelines = Map.copyOf(pipelines);
    this.directory = new RunDirectory(hz);
    this.loop = new WorkerLoop(workerId, threads, this::runs, idlePollMillis);
    this.directoryListener =
        directory.addListener(
            new com.hazelcast.map.listener.EntryAddedListener<String, String>() {
              @Override
              public void entryAdded(com.hazelcast.core.EntryEvent<String, String> event) {
                directoryChanged = true;
                loop.wakeUp();
              }
            });
    log.info(
        "Worker {} started with {} thread(s); it knows pipelines {}",
        workerId,
        threads,
        this.pipelines.keySet());
  }

  /** The worker's id. */
  public String workerId() {
    return loop.workerId();
  }

  private List<WorkerLoop.ServedRun> runs() {
    long now = System.nanoTime();
    if (directoryChanged || now - refreshedAtNanos > DIRECTORY_REFRESH_NANOS) {
      directoryChanged = false;
      refreshedAtNanos = now;
      refresh();
    }
    List<WorkerLoop.ServedRun> runs = new ArrayList<>();
    for (Served s : served.values()) {
      runs.add(s.run());
    }
    return runs;
  }

  private synchronized void refresh() {
    Map<String, RunDescriptor> current = new HashMap<>();
    for (RunDescriptor run : directory.list()) {
      current.put(run.runId(), run);
    }
    for (String runId : List.copyOf(served.keySet())) {
      if (!current.containsKey(runId)) {
        Served gone = served.remove(runId);
        gone.run().table().removeListener(gone.listener());
        log.info("Worker {}: run {} ended", workerId(), runId);
      }
    }
    ignored.retainAll(current.keySet());
    for (RunDescriptor run : current.values()) {
      if (served.containsKey(run.runId()) || ignored.contains(run.runId())) {
        continue;
      }
      Pipeline pipeline = run.registeredPipeline().map(pipelines::get).orElse(null);
      if (pipeline == null) {
        ignored.add(run.runId());
        log.info(
            "Worker {}: run {} uses pipeline '{}', which this worker does not know; skipping it",
            workerId(),
            run.runId(),
            run.pipelineName());
        continue;
      }
      try {
        SharedMemoryDataCatalog catalog = SharedMemoryDataCatalog.connect(hz, run.catalogName());
        Map<String, Node> nodes = new HashMap<>();
        for (Node node : pipeline.nodes()) {
          nodes.put(node.name(), node);
        }
        TaskTable table = new TaskTable(hz, run);
        AttemptExecutor executor = new NodeAttempts(nodes, catalog, hz, run, false);
        UUID listener = table.addListener(loop.wakeUpListener());
        served.put(run.runId(), new Served(new WorkerLoop.ServedRun(table, executor), listener));
        log.info(
            "Worker {}: serving run {} (pipeline '{}', catalog '{}')",
            workerId(),
            run.runId(),
            run.pipelineName(),
            run.catalogName());
      } catch (RuntimeException e) {
        log.warn("Worker {} cannot serve run {}: {}", workerId(), run.runId(), e.toString());
      }
    }
  }

  /** Stops the worker; nodes it was running are handed back to the run right away. */
  @Override
  public void close() {
    loop.close();
    directory.removeListener(directoryListener);
    for (Served s : served.values()) {
      s.run().table().removeListener(s.listener());
    }
    served.clear();
  }
}
