package io.sharedcatalog.cluster.internal.runner;

import io.sharedcatalog.catalog.DataCatalog;
import io.sharedcatalog.catalog.DatasetException;
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
 * The one step that makes a committed attempt's output the dataset's value: {@link #promote}. A
 * small output's slot entry travels in the commit and is published with one {@code replace}. For a
 * larger output of a shared dataset of the run's catalog the staged slot entry moves into the
 * dataset's slot (the store's {@code move}: a {@code get}, a {@code replace} of at most the inline
 * limit, or of a chunked value's small manifest, and a {@code delete}): the value's bytes never
 * pass through the driver. The dataset's slot is resolved through the catalog once per catalog and
 * dataset, in the background when the node is offered ({@link #prepare}); a re-binding deletes the
 * old slot, so a move into a slot that is gone resolves the name again. Other datasets (files, a
 * re-bound name) are loaded and saved through the catalog.
 *
 * <p>{@link #promoteAll} promotes the outputs of several committed nodes at once on a small shared
 * pool (at most 4 threads in the JVM, idle ones end after 30 s), so a batch of completions costs
 * the driver about one round trip chain instead of one per node.
 *
 * <p>This class is thread-safe if the catalog is (the shared catalog is).
 */
final class OutputPromotion {
  private static final ExecutorService POOL = pool();

  /** Per catalog (as long as it is reachable): dataset → the slot its value lives in. */
  private static final Map<DataCatalog, Map<String, String>> SLOTS =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  private final StagedOutputs staging;
  private final DataCatalog catalog;
  private final Map<String, String> slots;

  OutputPromotion(StagedOutputs staging, DataCatalog catalog) {
    this.staging = Objects.requireNonNull(staging, "staging");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.slots =
        SLOTS.computeIfAbsent(catalog, c -> new java.util.concurrent.ConcurrentHashMap<>());
  }

  /**
   * Makes the value the committed attempt {@code done} produced for {@code dataset} the dataset's
   * value: the slot entry its commit carries (a small output), or else its staged value.
   */
  void promote(String dataset, TaskState done) {
    byte[] small;
    try {
      small = done.smallOutput(dataset);
    } catch (IllegalArgumentException e) {
      throw new DatasetException(
          "The commit of the output '"
              + dataset
              + "' is corrupt ("
              + e.getMessage()
              + "); all processes of a cluster must run one version of sharedcatalog.",
          e);
    }
    if (small != null) {
      if (!publish(dataset, slot -> staging.publishSmall(slot, small))) {
        catalog.save(dataset, staging.decodeSmall(small)); // another kind of dataset, or re-bound
      }
      return;
    }
    var staged = staging.staged(dataset, done.attempt());
    if (!publish(dataset, staged::publishTo)) {
      catalog.save(dataset, staged.load()); // another kind of dataset, or re-bound meanwhile
      staged.release();
    }
  }

  /**
   * Publishes into the slot of {@code dataset} if it is a shared dataset of the run's catalog: the
   * slot entry as it is, so no byte of the value passes through the driver and the driver needs
   * none of the value's classes. The slot is the one resolved before; a re-binding deletes it, so a
   * publication into it then fails and the name is resolved once more.
   *
   * @param into publishes into a slot; false if the slot is gone
   * @return false if the dataset has no slot of the run's catalog, or it was re-bound again
   */
  private boolean publish(String dataset, java.util.function.Predicate<String> into) {
    for (int tries = 0; tries < 2; tries++) {
      String slot = tries == 0 ? knownSlot(dataset) : resolve(dataset);
      if (slot == null) {
        return false;
      }
      if (into.test(slot)) {
        return true;
      }
      slots.remove(dataset, slot);
    }
    return false;
  }

  /**
   * Resolves, in the background, the slots the outputs of a node just offered will be promoted to,
   * so that the promotion itself reads no registry.
   */
  void prepare(List<String> datasets) {
    for (String dataset : datasets) {
      if (!slots.containsKey(dataset)) {
        try {
          CompletableFuture.runAsync(() -> resolve(dataset), POOL);
        } catch (java.util.concurrent.RejectedExecutionException e) {
          return; // resolved at promotion instead
        }
      }
    }
  }

  private String knownSlot(String dataset) {
    String slot = slots.get(dataset);
    return slot != null ? slot : resolve(dataset);
  }

  /** The slot of a shared dataset of the run's catalog, or null for another kind of dataset. */
  private String resolve(String dataset) {
    try {
      if (catalog.get(dataset, true) instanceof SlotKeyed target
          && target.catalogName().equals(staging.catalogName())) {
        slots.put(dataset, target.slotKey());
        return target.slotKey();
      }
    } catch (RuntimeException e) {
      // not resolvable now: the promotion saves through the catalog, which reports why
    }
    return null;
  }

  /**
   * Promotes every output of every node, nodes in parallel.
   *
   * @param outputs node → (its outputs, the committed attempt's state)
   * @return node → the failure of its promotion, for the nodes whose promotion failed
   */
  Map<String, RuntimeException> promoteAll(
      Map<String, Map.Entry<List<String>, TaskState>> outputs) {
    Map<String, RuntimeException> failures = new LinkedHashMap<>();
    if (outputs.size() == 1) {
      Map.Entry<String, Map.Entry<List<String>, TaskState>> only =
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
      Map.Entry<List<String>, TaskState> spec = outputs.get(node);
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

  private void promoteNode(List<String> datasets, TaskState done) {
    for (String dataset : datasets) {
      promote(dataset, done);
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
