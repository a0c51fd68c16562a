package io.sharedcatalog.cluster.internal.runner;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The driver's choice of where a node runs best: on the worker that produced the node's largest
 * input (of inputs of one size, the one committed last), if that worker committed it moments ago
 * (its thread still waits for a node placed on it, see {@code WorkerLoop}), runs several threads,
 * and none of them is taken by another node of the run as far as the driver knows. One node at a
 * time is placed on a worker; a placed node that the worker has not claimed within {@link
 * #GRACE_NANOS} is handed back for every worker to take, so a worker that turned to other work
 * holds nothing up.
 *
 * <p>This class is not thread-safe: the driver thread uses it.
 */
final class NodePlacement {
  /** How long a node placed on a worker waits for it before every worker may take it. */
  static final long GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

  /** A worker whose commit is older than this has stopped waiting for a node placed on it. */
  private static final long RECENT_COMMIT_NANOS =
      TimeUnit.MILLISECONDS.toNanos(WorkerLoop.LOCALITY_WAIT_MILLIS - 50);

  /** Who produced an output, how large it is and when its producer committed. */
  private record Produced(String worker, long size, int threads, long doneAtNanos) {}

  private record Placed(String worker, long atNanos) {}

  private final Map<String, Produced> produced = new HashMap<>();
  private final Map<String, Placed> placed = new LinkedHashMap<>();

  /** Records a commit: its worker produced these outputs of these encoded sizes. */
  void committed(TaskState done, long nowNanos) {
    done.sizes()
        .forEach(
            (output, size) ->
                produced.put(
                    output, new Produced(done.workerId(), size, done.threads(), nowNanos)));
  }

  /**
   * The worker to place a node reading {@code inputs} on, if any.
   *
   * @param busy how many nodes of the run each worker holds now; a placement counts as one
   */
  Optional<String> place(String node, List<String> inputs, Map<String, Integer> busy, long now) {
    Produced best = null;
    for (String input : inputs) {
      Produced p = produced.get(input);
      // among inputs of one size, the latest committed: its worker's thread is the one waiting
      if (p != null
          && (best == null
              || p.size() > best.size()
              || (p.size() == best.size() && p.doneAtNanos() > best.doneAtNanos()))) {
        best = p;
      }
    }
    if (best == null
        || best.threads() < 2
        || now - best.doneAtNanos() > RECENT_COMMIT_NANOS
        || busy.getOrDefault(best.worker(), 0) >= best.threads()
        || placedOn(best.worker())) {
      return Optional.empty();
    }
    busy.merge(best.worker(), 1, Integer::sum);
    placed.put(node, new Placed(best.worker(), now));
    return Optional.of(best.worker());
  }

  private boolean placedOn(String worker) {
    for (Placed p : placed.values()) {
      if (p.worker().equals(worker)) {
        return true;
      }
    }
    return false;
  }

  /** The node was claimed (or left the run): it no longer waits on a worker's queue. */
  void settled(String node) {
    placed.remove(node);
  }

  /** The placed nodes whose grace passed, forgotten here: queue them for every worker. */
  List<String> overdue(long now) {
    List<String> due = new ArrayList<>();
    for (Iterator<Map.Entry<String, Placed>> it = placed.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Placed> entry = it.next();
      if (now - entry.getValue().atNanos() > GRACE_NANOS) {
        due.add(entry.getKey());
        it.remove();
      }
    }
    return due;
  }
}
