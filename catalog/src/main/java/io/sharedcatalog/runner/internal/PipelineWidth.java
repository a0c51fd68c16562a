package io.sharedcatalog.runner.internal;

import io.sharedcatalog.pipeline.Node;
import io.sharedcatalog.pipeline.Pipeline;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How many of a pipeline's nodes can ever run at the same time: its widest set of nodes no two of
 * which depend on each other, directly or through other nodes (the width of the dependency order).
 * Runners start no more workers than this (Kedro's {@code _get_required_workers_count}, which uses
 * the upper bound {@code nodes - layers + 1}; this is exact).
 *
 * <p>The width is the number of nodes minus a maximum matching of "runs before" (Dilworth's
 * theorem). Above {@value #EXACT_LIMIT} nodes Kedro's bound is used instead, so the cost stays
 * small; it is never below the width.
 *
 * <p>This class is thread-safe (it has no state).
 */
public final class PipelineWidth {
  static final int EXACT_LIMIT = 1000;

  private PipelineWidth() {}

  /**
   * Returns the most workers a pipeline can keep busy, at most {@code asked}.
   *
   * @param pipeline the pipeline
   * @param asked the most workers wanted
   * @return {@code min(asked, width)}, and at least 1 when {@code asked} is at least 1
   */
  public static int workersFor(Pipeline pipeline, int asked) {
    if (asked <= 1) {
      return asked;
    }
    return Math.max(1, Math.min(asked, of(pipeline)));
  }

  /**
   * Returns the width of a pipeline: the size of its largest set of mutually independent nodes (0
   * for an empty pipeline).
   *
   * @param pipeline the pipeline
   * @return the width
   */
  public static int of(Pipeline pipeline) {
    List<Node> nodes = pipeline.nodes(); // topological order
    int n = nodes.size();
    if (n <= 1) {
      return n;
    }
    Map<String, Integer> producer = new HashMap<>();
    for (int i = 0; i < n; i++) {
      for (String output : nodes.get(i).outputs()) {
        producer.put(output, i);
      }
    }
    List<List<Integer>> parents = new ArrayList<>(n);
    for (Node node : nodes) {
      List<Integer> direct = new ArrayList<>();
      for (String input : node.inputs()) {
        Integer from = producer.get(input);
        if (from != null) {
          direct.add(from);
        }
      }
      parents.add(direct);
    }
    if (n > EXACT_LIMIT) {
      return kedroBound(parents);
    }
    // after[i]: every node that runs after node i, directly or not.
    BitSet[] after = new BitSet[n];
    for (int i = n - 1; i >= 0; i--) {
      after[i] = new BitSet(n);
    }
    for (int j = n - 1; j >= 0; j--) {
      for (int parent : parents.get(j)) {
        after[parent].set(j);
        after[parent].or(after[j]);
      }
    }
    int[] matchOfRight = new int[n];
    Arrays.fill(matchOfRight, -1);
    int matched = 0;
    for (int i = 0; i < n; i++) {
      if (augment(i, after, matchOfRight, new boolean[n])) {
        matched++;
      }
    }
    return n - matched;
  }

  /** Kuhn's augmenting path from left node {@code i}. */
  private static boolean augment(int i, BitSet[] after, int[] matchOfRight, boolean[] seen) {
    for (int j = after[i].nextSetBit(0); j >= 0; j = after[i].nextSetBit(j + 1)) {
      if (seen[j]) {
        continue;
      }
      seen[j] = true;
      if (matchOfRight[j] < 0 || augment(matchOfRight[j], after, matchOfRight, seen)) {
        matchOfRight[j] = i;
        return true;
      }
    }
    return false;
  }

  /** Kedro's upper bound: nodes minus layers plus one. */
  private static int kedroBound(List<List<Integer>> parents) {
    int n = parents.size();
    int[] layer = new int[n];
    int layers = 0;
    for (int j = 0; j < n; j++) {
      int deepest = 0;
      for (int parent : parents.get(j)) {
        deepest = Math.max(deepest, layer[parent] + 1);
      }
      layer[j] = deepest;
      layers = Math.max(layers, deepest + 1);
    }
    return n - layers + 1;
  }
}
