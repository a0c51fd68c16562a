package io.sharedcatalog.cluster.cli.internal.viz;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import io.sharedcatalog.cluster.internal.CatalogInspector;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The states of a pipeline's runs on a cluster, for {@code viz --address}: the adapter over what
 * the parallel runner keeps in the cluster today. It watches the run directory ({@code
 * sharedcatalog.runs}, run id → run descriptor) for runs of the pipeline, then follows the newest
 * one's task table ({@code sharedcatalog.<catalog>.tasks.<runId>}, node → task state) through an
 * entry listener, so it sees every state change, the last ones too, although the runner destroys
 * the table when the run ends. Both hold the runner's text records ({@code key=value&…}); nothing
 * read is trusted: a record that cannot be read is skipped with a debug line.
 *
 * <p>This is the one class to re-point when the runner offers a snapshot API of its own. Dataset
 * sizes come from the followed run's shared catalog ({@link CatalogInspector}: the slot entries,
 * never the values), read again at most once a second; a dataset without a stored value (not saved
 * yet, released after its last consumer, or not shared) is absent, shown as unknown.
 *
 * <p>It sees runs published after it started and those still in progress then; a run that had ended
 * before is gone from the cluster. This class is thread-safe.
 */
public final class TaskTableRunStates implements RunStateSource, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TaskTableRunStates.class);
  private static final String RUNS_MAP = "sharedcatalog.runs";
  private static final long SIZES_EVERY_MILLIS = 1000;

  private final HazelcastInstance hz;
  private final String pipelineName;
  private final IMap<String, String> runs;
  private final UUID runsListener;
  private final ExecutorService follower;
  private final Map<String, NodeState> nodes = new ConcurrentHashMap<>();
  private volatile String runId = "";
  private volatile boolean ended;
  private volatile CatalogInspector inspector;
  private volatile Map<String, Long> sizes = Map.of();
  private volatile long sizesReadAtMillis;
  private final AtomicBoolean readingSizes = new AtomicBoolean();
  private IMap<String, String> tasks; // guarded by this
  private UUID tasksListener; // guarded by this

  /**
   * Watches the cluster {@code hz} for runs of the pipeline {@code pipelineName}.
   *
   * @throws NullPointerException if an argument is null
   */
  public TaskTableRunStates(HazelcastInstance hz, String pipelineName) {
    this.hz = Objects.requireNonNull(hz, "hz");
    this.pipelineName = Objects.requireNonNull(pipelineName, "pipelineName");
    this.follower =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread thread = new Thread(task, "sharedcatalog-viz-follower");
              thread.setDaemon(true);
              return thread;
            });
    this.runs = hz.getMap(RUNS_MAP);
    this.runsListener = runs.addEntryListener(new RunsListener(), true);
    runs.forEach((id, text) -> follower.execute(() -> maybeFollow(id, text)));
  }

  @Override
  public Snapshot snapshot() {
    Map<String, NodeState> seen = Map.copyOf(nodes);
    RunStatus status;
    if (runId.isEmpty()) {
      status = RunStatus.NONE;
    } else if (!ended) {
      status = RunStatus.RUNNING;
    } else {
      boolean allDone =
          !seen.isEmpty()
              && seen.values().stream().allMatch(node -> node.status() == NodeStatus.DONE);
      status = allDone ? RunStatus.SUCCEEDED : RunStatus.FAILED;
    }
    return new Snapshot(runId, status, seen, datasetBytes());
  }

  /** The stored sizes of the followed run's datasets, read at most once a second. */
  private Map<String, Long> datasetBytes() {
    CatalogInspector current = inspector;
    long now = System.currentTimeMillis();
    if (current != null
        && now - sizesReadAtMillis >= SIZES_EVERY_MILLIS
        && readingSizes.compareAndSet(false, true)) {
      try {
        Map<String, Long> read = current.storedBytes();
        if (current == inspector) { // not a size of the previous run's catalog
          sizes = read;
        }
      } catch (RuntimeException e) {
        log.debug("Could not read the dataset sizes of catalog {}: {}", current, e.toString());
      } finally {
        sizesReadAtMillis = now;
        readingSizes.set(false);
      }
    }
    return sizes;
  }

  @Override
  public synchronized void close() {
    follower.shutdownNow();
    unfollow();
    try {
      runs.removeEntryListener(runsListener);
    } catch (RuntimeException e) { // the client is already down: its listeners went with it
      log.debug("Could not remove the run directory listener: {}", e.toString());
    }
  }

  private synchronized void maybeFollow(String id, String text) {
    Map<String, String> run = decode(text);
    if (run == null || !pipelineName.equals(run.get("pipeline")) || id.equals(runId)) {
      return;
    }
    String catalog = run.get("catalog");
    if (catalog == null) {
      return;
    }
    unfollow();
    log.info("Following run {} of pipeline '{}' (catalog '{}')", id, pipelineName, catalog);
    nodes.clear();
    sizes = Map.of();
    sizesReadAtMillis = 0;
    inspector = CatalogInspector.of(hz, catalog);
    runId = id;
    ended = false;
    tasks = hz.getMap("sharedcatalog." + catalog + ".tasks." + id);
    tasksListener = tasks.addEntryListener(new TasksListener(id), true);
    // Entries written before the listener: the listener's (newer) states win.
    tasks.forEach((node, state) -> record(id, node, state, false));
  }

  /**
   * The run left the directory. The task listener stays until the next run is followed: the last
   * state changes may be delivered after the directory's removal event.
   */
  private synchronized void runEnded(String id) {
    if (id.equals(runId)) {
      ended = true;
    }
  }

  private void unfollow() {
    if (tasks != null && tasksListener != null) {
      try {
        tasks.removeEntryListener(tasksListener);
      } catch (RuntimeException e) {
        log.debug("Could not remove the task listener of run {}: {}", runId, e.toString());
      }
    }
    tasks = null;
    tasksListener = null;
  }

  private void record(String id, String node, String text, boolean replace) {
    if (!id.equals(runId) || node == null) {
      return;
    }
    Map<String, String> task = decode(text);
    if (task == null) {
      return;
    }
    try {
      NodeState state = toState(task);
      if (replace) {
        nodes.put(node, state);
      } else {
        nodes.putIfAbsent(node, state);
      }
    } catch (RuntimeException e) {
      log.debug("Ignoring task '{}' of run {}: {} ({})", node, id, text, e.toString());
    }
  }

  private static NodeState toState(Map<String, String> task) {
    int attempt = Integer.parseInt(task.getOrDefault("attempt", "0"));
    String worker = task.getOrDefault("worker", "");
    long started = Long.parseLong(task.getOrDefault("started", "0"));
    long finished = Long.parseLong(task.getOrDefault("finished", "0"));
    long duration = finished > 0 && started > 0 ? finished - started : -1;
    String error = task.getOrDefault("error", "");
    return switch (task.getOrDefault("status", "")) {
      case "READY" -> new NodeState(NodeStatus.PENDING, attempt, "", 0, -1, "");
      case "CLAIMED" -> new NodeState(NodeStatus.RUNNING, attempt, worker, started, -1, "");
      case "DONE" -> new NodeState(NodeStatus.DONE, attempt, worker, started, duration, "");
      case "FAILED" -> new NodeState(NodeStatus.FAILED, attempt, worker, started, duration, error);
      case "CANCELLED" -> new NodeState(NodeStatus.FAILED, attempt, "", 0, -1, "cancelled");
      default -> throw new IllegalArgumentException("unknown status");
    };
  }

  /** The runner's record text, or null (logged) if it cannot be read. */
  private static Map<String, String> decode(String text) {
    if (text == null) {
      return null;
    }
    Map<String, String> fields = new HashMap<>();
    try {
      for (String pair : text.split("&", -1)) {
        int eq = pair.indexOf('=');
        if (eq < 0) {
          throw new IllegalArgumentException("no '=' in '" + pair + "'");
        }
        fields.put(
            pair.substring(0, eq),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    } catch (IllegalArgumentException e) {
      log.debug("Ignoring a runner record that cannot be read: {} ({})", text, e.getMessage());
      return null;
    }
    return fields;
  }

  private final class RunsListener
      implements EntryAddedListener<String, String>,
          EntryUpdatedListener<String, String>,
          EntryRemovedListener<String, String>,
          EntryExpiredListener<String, String> {
    @Override
    public void entryAdded(EntryEvent<String, String> event) {
      String id = event.getKey();
      String text = event.getValue();
      follower.execute(() -> maybeFollow(id, text));
    }

    @Override
    public void entryUpdated(EntryEvent<String, String> event) {
      entryAdded(event);
    }

    @Override
    public void entryRemoved(EntryEvent<String, String> event) {
      String id = event.getKey();
      follower.execute(() -> runEnded(id));
    }

    @Override
    public void entryExpired(EntryEvent<String, String> event) {
      entryRemoved(event);
    }
  }

  private final class TasksListener
      implements EntryAddedListener<String, String>, EntryUpdatedListener<String, String> {
    private final String id;

    TasksListener(String id) {
      this.id = id;
    }

    @Override
    public void entryAdded(EntryEvent<String, String> event) {
      record(id, event.getKey(), event.getValue(), true);
    }

    @Override
    public void entryUpdated(EntryEvent<String, String> event) {
      record(id, event.getKey(), event.getValue(), true);
    }
  }
}
