package io.sharedcatalog.cluster.cli.internal;

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
 * Times the node functions that run in this JVM and tracks which nodes run and which are done, for
 * the progress line and the per-node timing table. {@link #instrument(Pipeline)} wraps each node's
 * function; the pipeline keeps its names, inputs and outputs, so remote workers that build the same
 * pipeline from the registry run the same nodes (their times are not seen here).
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

  /** Nodes finished in this JVM so far. */
  public int done() {
    return nanos.size();
  }

  /** Nodes running in this JVM now, sorted by name. */
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
    String row = "  %-" + width + "s  %10s  %6s%n";
    out.printf(Locale.ROOT, row, "node", "time", "share");
    out.printf(Locale.ROOT, row, "-".repeat(width), "-".repeat(10), "-".repeat(6));
    List<String> ordered = new ArrayList<>(completedNodes);
    ordered.sort(Comparator.comparingInt(completedNodes::indexOf));
    for (String node : ordered) {
      long time = nanos(node);
      out.printf(
          Locale.ROOT,
          row,
          node,
          time < 0 ? "remote" : millis(time),
          time < 0 || sum == 0 ? "" : String.format(Locale.ROOT, "%.0f%%", 100.0 * time / sum));
    }
    out.printf(Locale.ROOT, row, "-".repeat(width), "-".repeat(10), "-".repeat(6));
    out.printf(Locale.ROOT, row, "sum of node functions", millis(sum), "");
    out.printf(Locale.ROOT, row, "run (wall clock)", millis(wallNanos), "");
  }

  /** Nanoseconds as milliseconds with one decimal. */
  public static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
  }
}
