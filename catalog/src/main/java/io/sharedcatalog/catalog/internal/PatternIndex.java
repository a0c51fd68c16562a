package io.sharedcatalog.catalog.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Ranked dataset factory patterns with a lookup that does not scan every pattern: patterns are
 * grouped by their literal prefix and then by their literal suffix, so a lookup only runs the
 * regular expressions of patterns whose prefix and suffix the name already has.
 *
 * <p>This class is thread-safe (immutable).
 */
public final class PatternIndex {
  private record Ranked(PlaceholderPattern pattern, int rank) {}

  /** Patterns sharing one literal prefix, grouped by suffix length then suffix. */
  private static final class PrefixBucket {
    private final TreeMap<Integer, Map<String, List<Ranked>>> bySuffixLength = new TreeMap<>();
    private int[] suffixLengths;
    private Map<String, List<Ranked>>[] bySuffix;

    @SuppressWarnings("unchecked")
    void freeze() {
      suffixLengths = bySuffixLength.keySet().stream().mapToInt(Integer::intValue).toArray();
      bySuffix = bySuffixLength.values().toArray(new Map[0]);
    }
  }

  private final List<PlaceholderPattern> ranked;
  private final int[] prefixLengths;
  private final Map<String, PrefixBucket>[] byPrefix;

  /** Builds the index; patterns are ranked with {@link PlaceholderPattern#MOST_SPECIFIC_FIRST}. */
  @SuppressWarnings("unchecked")
  public PatternIndex(Collection<PlaceholderPattern> patterns) {
    List<PlaceholderPattern> sorted = new ArrayList<>(patterns);
    sorted.sort(PlaceholderPattern.MOST_SPECIFIC_FIRST);
    this.ranked = List.copyOf(sorted);
    TreeMap<Integer, Map<String, PrefixBucket>> byLength = new TreeMap<>();
    for (int rank = 0; rank < sorted.size(); rank++) {
      PlaceholderPattern pattern = sorted.get(rank);
      PrefixBucket bucket =
          byLength
              .computeIfAbsent(pattern.prefix().length(), k -> new HashMap<>())
              .computeIfAbsent(pattern.prefix(), k -> new PrefixBucket());
      bucket
          .bySuffixLength
          .computeIfAbsent(pattern.suffix().length(), k -> new HashMap<>())
          .computeIfAbsent(pattern.suffix(), k -> new ArrayList<>())
          .add(new Ranked(pattern, rank));
    }
    byLength.values().forEach(m -> m.values().forEach(PrefixBucket::freeze));
    this.prefixLengths = byLength.keySet().stream().mapToInt(Integer::intValue).toArray();
    this.byPrefix = byLength.values().toArray(new Map[0]);
  }

  /** Returns the patterns, most specific first. */
  public List<PlaceholderPattern> ranked() {
    return ranked;
  }

  /** Returns whether there are no patterns. */
  public boolean isEmpty() {
    return ranked.isEmpty();
  }

  /** Returns the most specific pattern matching the whole name. */
  public Optional<PlaceholderPattern> match(String name) {
    Ranked best = null;
    int length = name.length();
    for (int p = 0; p < prefixLengths.length && prefixLengths[p] <= length; p++) {
      PrefixBucket bucket = byPrefix[p].get(name.substring(0, prefixLengths[p]));
      if (bucket == null) {
        continue;
      }
      int room = length - prefixLengths[p];
      for (int s = 0; s < bucket.suffixLengths.length && bucket.suffixLengths[s] <= room; s++) {
        List<Ranked> candidates =
            bucket.bySuffix[s].get(name.substring(length - bucket.suffixLengths[s]));
        if (candidates == null) {
          continue;
        }
        // Candidates are in rank order: the first match is the best of this list.
        for (Ranked candidate : candidates) {
          if (best != null && candidate.rank() > best.rank()) {
            break;
          }
          if (candidate.pattern().matches(name)) {
            best = candidate;
            break;
          }
        }
      }
    }
    return best == null ? Optional.empty() : Optional.of(best.pattern());
  }
}
