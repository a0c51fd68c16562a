package io.sharedcatalog.cluster.internal.runner;

import io.sharedcatalog.catalog.DataCatalog;
import io.sharedcatalog.cluster.internal.SlotKeyed;
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
 * The one step that makes a committed attempt's output the dataset's value: {@link #promote}. For a
 * shared dataset of the run's catalog the staged slot entry moves into the dataset's slot (one
 * {@code get} and one {@code replace} of at most the inline limit, or of a chunked value's small
 * manifest): the value's bytes never pass through the driver. Other datasets (files, a re-bound
 * name) are loaded and saved through the catalog.
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
    // A shared dataset of the run's catalog takes the staged entry as it is: no byte of the value
    // passes through the driver, and the driver needs none of the value's classes.
    if (catalog.get(dataset, true) instanceof SlotKeyed target
        && target.catalogName().equals(staging.catalogName())
        && staged.publishTo(target.slotKey())) {
      return;
    }
    catalog.save(dataset, staged.load()); // another kind of dataset, or re-bound meanwhile
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
