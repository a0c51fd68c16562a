package io.sharedcatalog.catalog.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds names close to a mistyped one, for "did you mean" messages.
 *
 * <p>This class is thread-safe.
 */
public final class CloseMatches {
  private static final double CUTOFF = 0.6;

  private CloseMatches() {}

  /**
   * Returns up to {@code limit} candidates whose similarity to {@code name} is at least 0.6 (1 -
   * edit distance / longer length), best first.
   */
  public static List<String> find(String name, Iterable<String> candidates, int limit) {
    record Scored(String candidate, double score) {}
    List<Scored> scored = new ArrayList<>();
    for (String candidate : candidates) {
      int longer = Math.max(name.length(), candidate.length());
      if (longer == 0 || Math.abs(name.length() - candidate.length()) > longer * (1 - CUTOFF)) {
        continue;
      }
      double score = 1.0 - (double) distance(name, candidate) / longer;
      if (score >= CUTOFF) {
        scored.add(new Scored(candidate, score));
      }
    }
    scored.sort(
        Comparator.comparingDouble(Scored::score).reversed().thenComparing(Scored::candidate));
    return scored.stream().limit(limit).map(Scored::candidate).toList();
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
