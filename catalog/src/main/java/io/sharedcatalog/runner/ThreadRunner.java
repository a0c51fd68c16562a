package io.sharedcatalog.runner;

import io.sharedcatalog.pipeline.Node;
import io.sharedcatalog.runner.internal.AbstractRunner;
import io.sharedcatalog.runner.internal.NodeExecution;
import io.sharedcatalog.runner.internal.PipelineWidth;
import io.sharedcatalog.runner.internal.RunPlan;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs independent nodes at the same time on up to {@code maxWorkers} threads of this JVM, Kedro's
 * {@code ThreadRunner}; a run starts no more threads than the pipeline's widest set of independent
 * nodes. A node starts as soon as the nodes producing its inputs have completed and a thread is
 * free; no node starts after one has failed, and the run waits for the nodes already running before
 * it throws. See {@link Runner} for the behaviour every runner shares. The catalog's datasets must
 * tolerate being used from several threads.
 *
 * <p>Each run uses its own threads, which end with the run. If the thread calling {@code run} is
 * interrupted, running nodes are interrupted, and {@code run} throws {@link CancellationException}
 * with the thread's interrupt status set.
 *
 * <p>This class is thread-safe.
 */
public final class ThreadRunner extends AbstractRunner {

  private static final AtomicInteger RUNS = new AtomicInteger();

  private final int maxWorkers;

  /**
   * Creates the runner.
   *
   * @param maxWorkers the most nodes that run at once; at least 1
   * @throws IllegalArgumentException if {@code maxWorkers} is less than 1
   */
  public ThreadRunner(int maxWorkers) {
    if (maxWorkers < 1) {
      throw new IllegalArgumentException("maxWorkers must be at least 1, was " + maxWorkers);
    }
    this.maxWorkers = maxWorkers;
  }

  /**
   * Returns the most nodes that run at once.
   *
   * @return the maximum number of worker threads
   */
  public int maxWorkers() {
    return maxWorkers;
  }

  @Override
  protected void execute(RunPlan plan) {
    // As Kedro's _get_required_workers_count: no more threads than nodes can ever run at once.
    int workers = PipelineWidth.workersFor(plan.pipeline(), maxWorkers);
    ExecutorService pool = Executors.newFixedThreadPool(workers, threadFactory());
    CompletionService<Outcome> outcomes = new ExecutorCompletionService<>(pool);
    int running = 0;
    try {
      while (true) {
        // Only as many as there are free threads: a queued node would start after a failure.
        for (Node node : plan.startReadyNodes(workers - running)) {
          outcomes.submit(() -> runNode(node, plan));
          running++;
        }
        if (running == 0) {
          return;
        }
        Outcome outcome = outcomes.take().get();
        running--;
        if (outcome.failure() == null) {
          plan.nodeCompleted(outcome.node().name());
        } else {
          plan.nodeFailed(outcome.node().name(), outcome.failure());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      pool.shutdownNow();
      throw new CancellationException(
          "Run " + plan.runId() + " was interrupted while nodes " + plan.runningNodes() + " ran");
    } catch (java.util.concurrent.ExecutionException e) {
      // runNode catches everything, so this cannot happen; keep the cause if it does.
      throw new IllegalStateException("A ThreadRunner task failed unexpectedly", e.getCause());
    } finally {
      pool.shutdown();
    }
  }

  private static Outcome runNode(Node node, RunPlan plan) {
    try {
      NodeExecution.run(node, plan.catalog());
      return new Outcome(node, null);
    } catch (Exception | Error e) {
      return new Outcome(node, e);
    }
  }

  private static ThreadFactory threadFactory() {
    int run = RUNS.incrementAndGet();
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread =
          new Thread(task, "sharedcatalog-thread-runner-" + run + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  private record Outcome(Node node, Throwable failure) {}

  @Override
  public String toString() {
    return "ThreadRunner(maxWorkers=" + maxWorkers + ")";
  }
}
