package io.sharedcatalog.cluster.internal.runner;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read-only views of what the cluster's {@code ParallelRunner}s do, for the {@code runs} and {@code
 * workers} commands and the pipeline page: {@link #runs} (runs in progress, read from the run
 * listing and each run's task table, and runs finished in the last hour, from the records their
 * drivers left in {@value #FINISHED_MAP}) and {@link #workers} (the records connected workers renew
 * in {@value #WORKERS_MAP}). Everything read is JSON that the runner writes anyway or writes once
 * per run or every 2 s per worker; nothing here slows a node.
 *
 * <p>Reads are not a consistent snapshot of the cluster: each map is read on its own, so a node may
 * show as DONE in one view and its run as still running in another for an instant.
 *
 * <p>This class is thread-safe.
 */
public final class ClusterActivity {
  static final String FINISHED_MAP = "sharedcatalog.runs.finished";
  static final String WORKERS_MAP = "sharedcatalog.workers";
  static final long FINISHED_KEEP_MILLIS = TimeUnit.HOURS.toMillis(1);
  static final long WORKER_RECORD_TTL_MILLIS = 10_000;
  private static final Logger log = LoggerFactory.getLogger(ClusterActivity.class);

  private final HazelcastInstance hz;

  /**
   * @param hz the member or client to read through
   */
  public ClusterActivity(HazelcastInstance hz) {
    this.hz = Objects.requireNonNull(hz, "hz");
  }

  /** Runs in progress, then runs finished in the last hour, each group newest first. */
  public List<RunSnapshot> runs() {
    List<RunSnapshot> running = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (RunDescriptor run : new RunDirectory(hz).list()) {
      Map<String, TaskState> states;
      try {
        states = new TaskTable(hz, run).snapshot();
      } catch (RuntimeException e) {
        log.debug("Cannot read the table of run {}: {}", run.runId(), e.toString());
        states = Map.of();
      }
      List<RunSnapshot.NodeSnapshot> nodes = new ArrayList<>();
      int done = 0;
      for (Map.Entry<String, TaskState> entry : states.entrySet()) {
        nodes.add(RunSnapshot.NodeSnapshot.of(entry.getKey(), entry.getValue()));
        done += entry.getValue().status() == TaskState.Status.DONE ? 1 : 0;
      }
      nodes.sort(Comparator.comparing(RunSnapshot.NodeSnapshot::node));
      running.add(
          new RunSnapshot(
              run.runId(),
              run.pipelineName(),
              run.catalogName(),
              run.driverId(),
              "RUNNING",
              run.startedAtMillis(),
              0,
              done,
              run.totalNodes(),
              nodes));
      seen.add(run.runId());
    }
    running.sort(Comparator.comparingLong(RunSnapshot::startedAtMillis).reversed());
    List<RunSnapshot> finished = new ArrayList<>();
    IMap<String, HazelcastJsonValue> records = hz.getMap(FINISHED_MAP);
    for (HazelcastJsonValue json : records.values()) {
      try {
        RunSnapshot run = RunSnapshot.fromMap(RunnerJson.read(json.getValue()));
        if (!seen.contains(run.runId())) {
          finished.add(run);
        }
      } catch (RuntimeException e) {
        log.debug("Ignoring a finished-run record that cannot be read: {}", e.getMessage());
      }
    }
    finished.sort(Comparator.comparingLong(RunSnapshot::endedAtMillis).reversed());
    running.addAll(finished);
    return List.copyOf(running);
  }

  /** The workers that published themselves in the last 10 s, by id. */
  public List<WorkerSnapshot> workers() {
    List<WorkerSnapshot> workers = new ArrayList<>();
    IMap<String, HazelcastJsonValue> records = hz.getMap(WORKERS_MAP);
    for (HazelcastJsonValue json : records.values()) {
      try {
        workers.add(WorkerSnapshot.fromMap(RunnerJson.read(json.getValue())));
      } catch (RuntimeException e) {
        log.debug("Ignoring a worker record that cannot be read: {}", e.getMessage());
      }
    }
    workers.sort(Comparator.comparing(WorkerSnapshot::workerId));
    return List.copyOf(workers);
  }

  /** Writes a run's final record, kept {@link #FINISHED_KEEP_MILLIS}; failures are only logged. */
  static void recordFinished(HazelcastInstance hz, RunSnapshot run) {
    try {
      hz.<String, HazelcastJsonValue>getMap(FINISHED_MAP)
          .put(
              run.runId(),
              new HazelcastJsonValue(RunnerJson.write(run.toMap())),
              FINISHED_KEEP_MILLIS,
              TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      log.debug("Could not record the end of run {}: {}", run.runId(), e.toString());
    }
  }

  /**
   * Whether the driver of run {@code runId} recorded its end (in the last hour); if it cannot be
   * read, false, so that a caller cleaning up after a dead driver does so.
   */
  static boolean recordedFinished(HazelcastInstance hz, String runId) {
    try {
      return hz.<String, HazelcastJsonValue>getMap(FINISHED_MAP).containsKey(runId);
    } catch (RuntimeException e) {
      log.debug("Could not read the end record of run {}: {}", runId, e.toString());
      return false;
    }
  }

  /** Writes (renews) a worker's record. */
  static void publishWorker(HazelcastInstance hz, WorkerSnapshot worker) {
    hz.<String, HazelcastJsonValue>getMap(WORKERS_MAP)
        .set(
            worker.workerId(),
            new HazelcastJsonValue(RunnerJson.write(worker.toMap())),
            WORKER_RECORD_TTL_MILLIS,
            TimeUnit.MILLISECONDS);
  }

  static void removeWorker(HazelcastInstance hz, String workerId) {
    try {
      hz.getMap(WORKERS_MAP).delete(workerId);
    } catch (RuntimeException e) {
      log.debug("Could not remove worker record {}: {}", workerId, e.toString());
    }
  }
}
