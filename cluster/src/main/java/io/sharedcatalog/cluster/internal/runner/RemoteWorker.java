package io.sharedcatalog.cluster.internal.runner;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import io.sharedcatalog.catalog.DataCatalog;
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
import java.util.function.Function;
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
  private static final long PUBLISH_MILLIS = 2_000;

  private final HazelcastInstance hz;
  private final Map<String, Pipeline> pipelines;
  private final RunDirectory directory;
  private final Map<String, Served> served = new ConcurrentHashMap<>();
  private final Set<String> ignored = ConcurrentHashMap.newKeySet();
  private final WorkerLoop loop;
  private final UUID directoryListener;
  private final Map<String, DataCatalog> catalogs = new ConcurrentHashMap<>();
  private final Function<String, DataCatalog> connect;
  private final java.util.Queue<RunDescriptor> expired =
      new java.util.concurrent.ConcurrentLinkedQueue<>();

  /** Directory changes heard so far, and how many of them the last refresh had heard. */
  private final java.util.concurrent.atomic.AtomicLong changes =
      new java.util.concurrent.atomic.AtomicLong(1);

  private volatile long refreshedChanges;
  private volatile long refreshedAtNanos;

  private record Served(WorkerLoop.ServedRun run, Pipeline pipeline) {}

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
      Function<String, DataCatalog> connect,
      String workerId,
      int threads,
      Map<String, Pipeline> pipelines,
      long idlePollMillis) {
    this.hz = Objects.requireNonNull(hz, "hz");
    this.connect = Objects.requireNonNull(connect, "connect");
    this.pipelines = Map.copyOf(pipelines);
    this.directory = new RunDirectory(hz);
    this.loop = new WorkerLoop(workerId, threads, this::runs, idlePollMillis);
    this.directoryListener = directory.addListener(new DirectoryChanges());
    long startedAt = System.currentTimeMillis();
    List<String> known = new ArrayList<>(new java.util.TreeSet<>(this.pipelines.keySet()));
    loop.every(
        PUBLISH_MILLIS,
        () ->
            ClusterActivity.publishWorker(
                hz,
                new WorkerSnapshot(
                    workerId,
                    threads,
                    known,
                    startedAt,
                    System.currentTimeMillis(),
                    loop.running())));
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
    if (refreshDue(changes.get(), System.nanoTime())) {
      refreshIfDue();
    }
    List<WorkerLoop.ServedRun> runs = new ArrayList<>();
    for (Served s : served.values()) {
      runs.add(s.run());
    }
    return runs;
  }

  /**
   * Reads the directory again unless another thread did since the last change: a thread that comes
   * while another reads waits for it, so no thread woken by a change sees the runs from before it.
   */
  private synchronized void refreshIfDue() {
    long seen = changes.get();
    long now = System.nanoTime();
    if (refreshDue(seen, now)) {
      refresh();
      refreshedChanges = seen;
      refreshedAtNanos = now;
    }
  }

  /** Whether a directory change came since the last refresh, or the last one is too old. */
  private boolean refreshDue(long seenChanges, long nowNanos) {
    return seenChanges != refreshedChanges || nowNanos - refreshedAtNanos > DIRECTORY_REFRESH_NANOS;
  }

  private synchronized void refresh() {
    Map<String, RunDescriptor> current = new HashMap<>();
    for (RunDescriptor run : directory.list()) {
      current.put(run.runId(), run);
    }
    for (String runId : List.copyOf(served.keySet())) {
      if (!current.containsKey(runId)) {
        Served gone = served.remove(runId);
        TaskTable table = gone.run().table();
        loop.abandon(table);
        table.destroyQueueOf(workerId()); // if a thread waited on it for a node placed here
        log.info("Worker {}: run {} ended", workerId(), runId);
        // A driver that ended its run recorded it, and had removed the run's table and staged
        // values already; one that died did neither, and this cleans up after it.
        if (!ClusterActivity.recordedFinished(hz, runId)) {
          sweep(table.run());
        }
      }
    }
    for (RunDescriptor run = expired.poll(); run != null; run = expired.poll()) {
      if (!current.containsKey(run.runId()) && ignored.contains(run.runId())) {
        sweep(run); // a run this worker did not serve: only its table and queue can go
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
        DataCatalog catalog = catalog(run.catalogName());
        Map<String, Node> nodes = new HashMap<>();
        for (Node node : pipeline.nodes()) {
          nodes.put(node.name(), node);
        }
        TaskTable table = new TaskTable(hz, run);
        AttemptExecutor executor = new NodeAttempts(nodes, catalog, hz, run, false);
        served.put(run.runId(), new Served(new WorkerLoop.ServedRun(table, executor), pipeline));
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

  /** One connected catalog per name, shared by the runs of that catalog (a bounded cache). */
  private DataCatalog catalog(String name) {
    if (catalogs.size() > 64) {
      catalogs.clear();
    }
    return catalogs.computeIfAbsent(name, connect);
  }

  /**
   * Cleans up after a run whose driver died (its listing expired): deletes what its attempts staged
   * (found from the task entries, which outlive the listing) and destroys its task table and queue.
   * Only runs of pipelines this worker knows can be swept; others expire by TTL, except their
   * staged values.
   */
  private void sweep(RunDescriptor run) {
    Pipeline pipeline = run.registeredPipeline().map(pipelines::get).orElse(null);
    TaskTable table = new TaskTable(hz, run);
    try {
      if (pipeline != null) {
        StagedOutputs staging = new StagedOutputs(hz, run);
        Map<String, TaskState> states = table.snapshot();
        for (Node node : pipeline.nodes()) {
          TaskState state = states.get(node.name());
          if (state == null) {
            continue;
          }
          for (int attempt = 1; attempt <= state.attempt(); attempt++) {
            for (String output : node.outputs()) {
              staging.staged(output, attempt).release();
            }
          }
        }
      }
      log.info(
          "Worker {}: swept run {}, whose driver stopped renewing it", workerId(), run.runId());
    } catch (RuntimeException e) {
      log.warn("Worker {} could not sweep run {}: {}", workerId(), run.runId(), e.toString());
    } finally {
      table.destroy();
    }
  }

  /** Stops the worker; nodes it was running are handed back to the run right away. */
  @Override
  public void close() {
    loop.close();
    ClusterActivity.removeWorker(hz, workerId());
    directory.removeListener(directoryListener);
    served.clear();
  }

  private final class DirectoryChanges
      implements EntryAddedListener<String, HazelcastJsonValue>,
          EntryRemovedListener<String, HazelcastJsonValue>,
          EntryExpiredListener<String, HazelcastJsonValue> {
    @Override
    public void entryAdded(EntryEvent<String, HazelcastJsonValue> event) {
      changed();
    }

    @Override
    public void entryRemoved(EntryEvent<String, HazelcastJsonValue> event) {
      changed();
    }

    @Override
    public void entryExpired(EntryEvent<String, HazelcastJsonValue> event) {
      HazelcastJsonValue old = event.getOldValue();
      if (old != null) {
        try {
          expired.add(RunDescriptor.decode(old.getValue()));
        } catch (RuntimeException e) {
          log.debug("Ignoring an expired run entry that cannot be read: {}", old);
        }
      }
      changed();
    }

    private void changed() {
      changes.incrementAndGet();
      loop.wakeUp();
    }
  }
}
