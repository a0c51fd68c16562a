package io.sharedcatalog.cluster.internal.runner;

import io.sharedcatalog.catalog.DataCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one step that makes a committed attempt's output the dataset's value: {@link #promote}. Today
 * it loads the staged value, saves it through the catalog under the dataset's name and releases the
 * staged copy, so the bytes pass through the driver; with a store operation that publishes a staged
 * value under another key without moving its bytes (a manifest or slot pointer swap) it becomes one
 * call, and nothing else of the runner changes.
 *
 * <p>{@link #promoteAll} promotes the outputs of several committed nodes at once on a small shared
 * pool (at most 4 threads in the JVM, idle ones end after 30 s), so a batch of completions costs
 * the driver about one round trip chain instead of one per node.
 *
 * <p>This class is thread-safe if the catalog is (the shared catalog is).
 */
final class OutputPromotion {
  private static final ExecutorService POOL = pool();

  private final StagedOutputs staging;
  private final DataCatalog catalog;

  OutputPromotion(StagedOutputs staging, DataCatalog catalog) {
    this.staging = Objects.requireNonNull(staging, "staging");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
  }

  /** Makes the value {@code attempt} staged for {@code dataset} the dataset's value. */
  void promote(String dataset, int attempt) {
    var staged = staging.staged(dataset, attempt);
    catalog.save(dataset, staged.load());
    staged.release();
  }

  /**
   * Promotes every output of every node, nodes in parallel.
   *
   * @param outputs node → (its outputs, the committed attempt)
   * @return node → the failure of its promotion, for the nodes whose promotion failed
   */
  Map<String, RuntimeException> promoteAll(Map<String, Map.Entry<List<String>, Integer>> outputs) {
    Map<String, RuntimeException> failures = new LinkedHashMap<>();
    if (outputs.size() == 1) {
      Map.Entry<String, Map.Entry<List<String>, Integer>> only =
          outputs.entrySet().iterator().next();
      try {
        promoteNode(only.getValue().getKey(), only.getValue().getValue());
      } catch (RuntimeException e) {
        failures.put(only.getKey(), e);
      }
      return failures;
    }
    List<String> nodes = new ArrayList<>(outputs.keySet());
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    for (String node : nodes) {
      Map.Entry<List<String>, Integer> spec = outputs.get(node);
      futures.add(
          CompletableFuture.runAsync(() -> promoteNode(spec.getKey(), spec.getValue()), POOL));
    }
    for (int i = 0; i < nodes.size(); i++) {
      try {
        futures.get(i).join();
      } catch (java.util.concurrent.CompletionException e) {
        failures.put(
            nodes.get(i),
            e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e));
      }
    }
    return failures;
  }

  private void promoteNode(List<String> datasets, int attempt) {
    for (String dataset : datasets) {
      promote(dataset, attempt);
    }
  }

  private static ExecutorService pool() {
    AtomicLong count = new AtomicLong();
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            4,
            4,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            task -> {
              Thread thread = new Thread(task, "sharedcatalog-promote-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }
}
