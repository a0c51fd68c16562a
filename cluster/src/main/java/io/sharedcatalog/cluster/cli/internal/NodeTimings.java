package io.sharedcatalog.cluster.cli.internal;

import io.sharedcatalog.cluster.NodeEvent;
import io.sharedcatalog.pipeline.Node;
import io.sharedcatalog.pipeline.Pipeline;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tracks which nodes run and which are done, and how long each took, for the progress line and the
 * per-node timing table. Two sources: the {@link NodeEvent}s of a {@code ParallelRunner} ({@link
 * #onEvent}: every worker of the cluster, load and save included, with the worker's id), or, for
 * the in-process runners, {@link #instrument(Pipeline)}, which wraps each node's function (the
 * pipeline keeps its names, inputs and outputs).
 *
 * <p>This class is thread-safe.
 */
public final class NodeTimings {
  private final int total;
  private final Map<String, Long> startedAt = new ConcurrentHashMap<>();
  private final Map<String, Long> nanos = new ConcurrentHashMap<>();
  private final Set<String> running = new ConcurrentSkipListSet<>();
  private final List<String> finishOrder =
      java.util.Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger attempts = new AtomicInteger();
  private final AtomicInteger takenBack = new AtomicInteger();
  private final Map<String, String> workers = new ConcurrentHashMap<>();

  /** Tracks the nodes of a pipeline of {@code total} nodes. */
  public NodeTimings(int total) {
    this.total = total;
  }

  /** The number of nodes of the pipeline. */
  public int total() {
    return total;
  }

  /** Returns the pipeline with every node function timed by this object. */
  public Pipeline instrument(Pipeline pipeline) {
    List<Node> nodes = new ArrayList<>();
    for (Node node : pipeline.nodes()) {
      nodes.add(
          Node.of(
              node.name(),
              node.inputs(),
              node.outputs(),
              inputs -> {
                long start = System.nanoTime();
                attempts.incrementAndGet();
                startedAt.put(node.name(), start);
                running.add(node.name());
                try {
                  return node.function().apply(inputs);
                } finally {
                  running.remove(node.name());
                  nanos.put(node.name(), System.nanoTime() - start);
                  finishOrder.add(node.name());
                }
              }));
    }
    return Pipeline.of(nodes);
  }

  /** Records an event of a parallel run. */
  public void onEvent(NodeEvent event) {
    String node = event.nodeName();
    switch (event.kind()) {
      case STARTED -> {
        attempts.incrementAndGet();
        running.add(node);
        workers.put(node, event.workerId());
      }
      case FINISHED -> {
        running.remove(node);
        workers.put(node, event.workerId());
        nanos.put(node, event.duration().toNanos());
        finishOrder.add(node);
      }
      case FAILED -> running.remove(node);
      case LEASE_EXPIRED -> {
        running.remove(node);
        takenBack.incrementAndGet();
      }
    }
  }

  /** Whether the times came from a parallel run's events (else from timed functions). */
  public boolean fromEvents() {
    return !workers.isEmpty();
  }

  /** Nodes taken back from a worker that stopped renewing its lease (parallel runs). */
  public int takenBack() {
    return takenBack.get();
  }

  /** Nodes finished so far. */
  public int done() {
    return nanos.size();
  }

  /** Nodes running now, sorted by name. */
  public List<String> running() {
    return List.copyOf(running);
  }

  /** The time a node's function took in this JVM, in nanoseconds, or -1 if not seen here. */
  public long nanos(String node) {
    return nanos.getOrDefault(node, -1L);
  }

  /**
   * Prints the per-node timing table: nodes in completion order, their function's time and share,
   * and the run's wall-clock time.
   *
   * @param completedNodes the run's completed nodes in completion order
   * @param wallNanos the run's duration
   */
  public void printTable(PrintWriter out, List<String> completedNodes, long wallNanos) {
    int width = "node".length();
    for (String node : completedNodes) {
      width = Math.max(width, node.length());
    }
    long sum = 0;
    for (String node : completedNodes) {
      sum += Math.max(0, nanos(node));
    }
    int workerWidth = "worker".length();
    for (String worker : workers.values()) {
      workerWidth = Math.max(workerWidth, worker.length());
    }
    boolean withWorkers = !workers.isEmpty();
    String row =
        "  %-" + width + "s  %10s  %6s" + (withWorkers ? "  %-" + workerWidth + "s" : "%s") + "%n";
    String rule = withWorkers ? "-".repeat(workerWidth) : "";
    out.printf(Locale.ROOT, row, "node", "time", "share", withWorkers ? "worker" : "");
    out.printf(Locale.ROOT, row, "-".repeat(width), "-".repeat(10), "-".repeat(6), rule);
    List<String> ordered = new ArrayList<>(completedNodes);
    ordered.sort(Comparator.comparingInt(completedNodes::indexOf));
    for (String node : ordered) {
      long time = nanos(node);
      out.printf(
          Locale.ROOT,
          row,
          node,
          time < 0 ? "-" : millis(time),
          time < 0 || sum == 0 ? "" : String.format(Locale.ROOT, "%.0f%%", 100.0 * time / sum),
          workers.getOrDefault(node, ""));
    }
    out.printf(Locale.ROOT, row, "-".repeat(width), "-".repeat(10), "-".repeat(6), rule);
    out.printf(Locale.ROOT, row, "sum over nodes", millis(sum), "", "");
    out.printf(Locale.ROOT, row, "run (wall clock)", millis(wallNanos), "", "");
  }

  /** Nanoseconds as milliseconds with one decimal. */
  public static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
  }
}
