package io.sharedcatalog.catalog.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ranked dataset factory patterns with a lookup that does not scan every pattern: patterns are
 * grouped by their literal prefix, then by their literal suffix, then by their longest literal
 * between placeholders, so a lookup only runs the regular expressions of patterns whose literals
 * the name already contains at the right places.
 *
 * <p>Results are cached by name (up to 50,000 names, then the cache starts over), since the
 * patterns never change.
 *
 * <p>This class is thread-safe.
 */
public final class PatternIndex {
  private static final int CACHE_LIMIT = 50_000;
  private static final Object NO_MATCH = new Object();

  private record Ranked(PlaceholderPattern pattern, int rank) {}

  /** Patterns sharing a prefix and a suffix, grouped by their longest middle literal. */
  private static final class Group {
    private final List<Ranked> withoutMiddle = new ArrayList<>();
    private final Map<String, List<Ranked>> byMiddle = new HashMap<>();
    private int[] middleLengths;

    void add(Ranked ranked) {
      String middle = ranked.pattern().longestMiddle();
      if (middle.isEmpty()) {
        withoutMiddle.add(ranked);
      } else {
        byMiddle.computeIfAbsent(middle, k -> new ArrayList<>()).add(ranked);
      }
    }

    void freeze() {
      middleLengths =
          byMiddle.keySet().stream().mapToInt(String::length).distinct().sorted().toArray();
    }
  }

  /** Patterns sharing one literal prefix, grouped by suffix length then suffix. */
  private static final class PrefixBucket {
    private final TreeMap<Integer, Map<String, Group>> bySuffixLength = new TreeMap<>();
    private int[] suffixLengths;
    private List<Map<String, Group>> bySuffix;

    void freeze() {
      suffixLengths = bySuffixLength.keySet().stream().mapToInt(Integer::intValue).toArray();
      bySuffix = List.copyOf(bySuffixLength.values());
      bySuffixLength.values().forEach(m -> m.values().forEach(Group::freeze));
    }
  }

  private final List<PlaceholderPattern> ranked;
  private final int[] prefixLengths;
  private final List<Map<String, PrefixBucket>> byPrefix;

  /** Lookup results by name: patterns never change, so a result stays true. */
  private final ConcurrentHashMap<String, Object> cache = new ConcurrentHashMap<>();

  /** Builds the index; patterns are ranked with {@link PlaceholderPattern#MOST_SPECIFIC_FIRST}. */
  public PatternIndex(Collection<PlaceholderPattern> patterns) {
    List<PlaceholderPattern> sorted = new ArrayList<>(patterns);
    sorted.sort(PlaceholderPattern.MOST_SPECIFIC_FIRST);
    this.ranked = List.copyOf(sorted);
    TreeMap<Integer, Map<String, PrefixBucket>> byLength = new TreeMap<>();
    for (int rank = 0; rank < sorted.size(); rank++) {
      PlaceholderPattern pattern = sorted.get(rank);
      byLength
          .computeIfAbsent(pattern.prefix().length(), k -> new HashMap<>())
          .computeIfAbsent(pattern.prefix(), k -> new PrefixBucket())
          .bySuffixLength
          .computeIfAbsent(pattern.suffix().length(), k -> new HashMap<>())
          .computeIfAbsent(pattern.suffix(), k -> new Group())
          .add(new Ranked(pattern, rank));
    }
    byLength.values().forEach(m -> m.values().forEach(PrefixBucket::freeze));
    this.prefixLengths = byLength.keySet().stream().mapToInt(Integer::intValue).toArray();
    this.byPrefix = List.copyOf(byLength.values());
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
    if (ranked.isEmpty()) {
      return Optional.empty();
    }
    Object cached = cache.get(name);
    if (cached == null) {
      cached = lookup(name);
      if (cache.size() >= CACHE_LIMIT) {
        cache.clear();
      }
      cache.put(name, cached);
    }
    return cached == NO_MATCH ? Optional.empty() : Optional.of((PlaceholderPattern) cached);
  }

  private Object lookup(String name) {
    Ranked[] best = {null};
    int length = name.length();
    for (int p = 0; p < prefixLengths.length && prefixLengths[p] <= length; p++) {
      PrefixBucket bucket = byPrefix.get(p).get(name.substring(0, prefixLengths[p]));
      if (bucket == null) {
        continue;
      }
      int room = length - prefixLengths[p];
      for (int s = 0; s < bucket.suffixLengths.length && bucket.suffixLengths[s] <= room; s++) {
        Group group = bucket.bySuffix.get(s).get(name.substring(length - bucket.suffixLengths[s]));
        if (group == null) {
          continue;
        }
        best[0] = firstMatch(group.withoutMiddle, name, best[0]);
        // A middle literal sits after at least one placeholder character past the prefix and
        // before at least one past the suffix.
        int first = prefixLengths[p] + 1;
        int last = length - bucket.suffixLengths[s] - 1;
        for (int middleLength : group.middleLengths) {
          for (int start = first; start + middleLength <= last; start++) {
            List<Ranked> candidates =
                group.byMiddle.get(name.substring(start, start + middleLength));
            if (candidates != null) {
              best[0] = firstMatch(candidates, name, best[0]);
            }
          }
        }
      }
    }
    return best[0] == null ? NO_MATCH : best[0].pattern();
  }

  /** Returns the better of {@code best} and the first match in a rank-ordered list. */
  private static Ranked firstMatch(List<Ranked> candidates, String name, Ranked best) {
    for (Ranked candidate : candidates) {
      if (best != null && candidate.rank() > best.rank()) {
        return best;
      }
      if (candidate.pattern().matches(name)) {
        return candidate;
      }
    }
    return best;
  }
}
