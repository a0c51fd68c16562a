package io.sharedcatalog.runner.internal;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Runs one catalog call per dataset name on a few threads at once, for the runner's bulk steps
 * (materialising a pipeline's datasets before a run, loading a node's many inputs, releasing a
 * node's inputs after it): on a catalog connected to a cluster each call is a round trip, and their
 * latencies then overlap instead of adding up. Few names run on the calling thread. Failures are
 * reported as the same sequence of calls would: the exception of the first failing name in list
 * order, rethrown as it was thrown.
 *
 * <p>This class is thread-safe.
 */
final class Concurrently {
  /** Fewer names than this run on the calling thread. */
  static final int MIN_PARALLEL = 8;

  /**
   * 32: on a connected catalog, lookups that wait for one another share a {@code getAll}, so
   * materialising 200 datasets takes about 14 calls (46 with 8 threads; measured on the pipeline
   * benchmark's fan); idle threads end after 30 s.
   */
  private static final int THREADS = 32;

  private static final ExecutorService POOL = pool();

  private Concurrently() {}

  /** Calls {@code call} with each of {@code names}, returning once every call has ended. */
  static void forEach(List<String> names, Consumer<String> call) {
    forEachIndex(names.size(), i -> call.accept(names.get(i)));
  }

  /** Calls {@code call} with each index below {@code count}, returning once every call ended. */
  static void forEachIndex(int count, IntConsumer call) {
    if (count < MIN_PARALLEL) {
      for (int i = 0; i < count; i++) {
        call.accept(i);
      }
      return;
    }
    CompletableFuture<?>[] calls = new CompletableFuture<?>[count];
    for (int i = 0; i < calls.length; i++) {
      int index = i;
      calls[i] = CompletableFuture.runAsync(() -> call.accept(index), POOL);
    }
    RuntimeException first = null;
    for (CompletableFuture<?> future : calls) {
      try {
        future.get();
      } catch (InterruptedException e) {
        // the caller was interrupted (a node whose lease was lost, a runner closing): calls not
        // started yet are dropped, the running ones end by themselves
        for (CompletableFuture<?> pending : calls) {
          pending.cancel(false);
        }
        Thread.currentThread().interrupt();
        CancellationException stop = new CancellationException("interrupted");
        stop.initCause(e);
        throw stop;
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof Error error) {
          throw error;
        }
        if (first == null) {
          first =
              cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /** Daemon threads, idle ones ending after 30 s, so no pool keeps the JVM alive. */
  private static ExecutorService pool() {
    AtomicLong count = new AtomicLong();
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            THREADS,
            THREADS,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            task -> {
              Thread thread =
                  new Thread(task, "sharedcatalog-runner-catalog-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }
}
