package io.sharedcatalog.cluster.cli.internal;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows a run's progress: on a terminal, one live line rewritten in place (nodes done/total, the
 * nodes running, elapsed time); otherwise (output redirected, tests) a plain log line whenever the
 * count of finished nodes changes.
 *
 * <p>This class is thread-safe.
 */
public final class Progress implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Progress.class);

  private final NodeTimings timings;
  private final PrintWriter terminal;
  private final long start = System.nanoTime();
  private final ScheduledExecutorService ticker;
  private int lastDone = -1;
  private int lastWidth;

  /**
   * Starts showing progress.
   *
   * @param timings what to show
   * @param terminal where to draw the live line, or null to log plain lines instead
   */
  public Progress(NodeTimings timings, PrintWriter terminal) {
    this.timings = timings;
    this.terminal = terminal;
    this.ticker =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "sharedcatalog-progress");
              thread.setDaemon(true);
              return thread;
            });
    ticker.scheduleAtFixedRate(this::tick, 0, terminal == null ? 500 : 200, TimeUnit.MILLISECONDS);
  }

  /** The console's writer when standard output is a terminal, else null. */
  public static PrintWriter terminalOrNull() {
    return System.console() == null ? null : System.console().writer();
  }

  private synchronized void tick() {
    int done = timings.done();
    List<String> running = timings.running();
    double seconds = (System.nanoTime() - start) / 1e9;
    if (terminal != null) {
      String line =
          String.format(
              Locale.ROOT,
              "[%d/%d nodes] %.1f s  running: %s",
              done,
              timings.total(),
              seconds,
              running.isEmpty() ? "-" : String.join(", ", running));
      terminal.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
      terminal.flush();
      lastWidth = line.length();
    } else if (done != lastDone) {
      log.info(
          "{}/{} nodes done after {} s{}",
          done,
          timings.total(),
          String.format(Locale.ROOT, "%.1f", seconds),
          running.isEmpty() ? "" : "; running: " + String.join(", ", running));
    }
    lastDone = done;
  }

  /** Stops showing progress and clears the live line. */
  @Override
  public synchronized void close() {
    ticker.shutdownNow();
    if (terminal != null && lastWidth > 0) {
      terminal.print("\r" + " ".repeat(lastWidth) + "\r");
      terminal.flush();
    }
  }
}
