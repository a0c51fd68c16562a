package io.sharedcatalog.catalog.internal;

import io.sharedcatalog.catalog.DatasetException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dataset factory pattern such as {@code "{namespace}.{name}"}, compiled once.
 *
 * <p>A placeholder matches one or more characters (dots included); the whole name must match. A
 * placeholder used twice must match the same text both times.
 *
 * <p>This class is thread-safe.
 */
public final class PlaceholderPattern {
  /**
   * Ranks patterns, most specific first, as Kedro's {@code _sort_patterns}: more literal characters
   * outside braces, then more placeholders (each occurrence counts, as Kedro counts {@code '{'}),
   * then alphabetical order.
   */
  public static final Comparator<PlaceholderPattern> MOST_SPECIFIC_FIRST =
      Comparator.comparingInt((PlaceholderPattern p) -> -p.specificity)
          .thenComparingInt(p -> -p.placeholderCount)
          .thenComparing(p -> p.text);

  private final String text;
  private final String prefix;
  private final String suffix;
  private final int specificity;
  private final int placeholderCount;
  private final int minimumLength;
  private final List<String> groupNames;
  private final String[] middles;
  private final Pattern regex;

  private PlaceholderPattern(String text) {
    this.text = text;
    StringBuilder regexText = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    Map<String, String> groups = new HashMap<>();
    List<String> names = new ArrayList<>();
    List<String> segments = new ArrayList<>();
    int literals = 0;
    int placeholders = 0;
    String firstLiteral = null;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '}') {
        throw unbalanced(text, "'}' at position " + i + " has no matching '{'");
      }
      if (c != '{') {
        literal.append(c);
        literals++;
        i++;
        continue;
      }
      int close = text.indexOf('}', i + 1);
      int nestedOpen = text.indexOf('{', i + 1);
      if (close < 0 || (nestedOpen >= 0 && nestedOpen < close)) {
        throw unbalanced(text, "'{' at position " + i + " is not closed by '}'");
      }
      String name = text.substring(i + 1, close);
      int colon = name.indexOf(':');
      if (colon >= 0) {
        name = name.substring(0, colon);
      }
      if (name.isBlank()) {
        throw new DatasetException(
            "Dataset factory pattern '"
                + text
                + "' has an empty placeholder '{}'. Name every placeholder, for example"
                + " '{name}'.");
      }
      if (firstLiteral == null) {
        firstLiteral = literal.toString();
      } else if (literal.length() > 0) {
        segments.add(literal.toString());
      }
      regexText.append(Pattern.quote(literal.toString()));
      literal.setLength(0);
      String group = groups.get(name);
      if (group == null) {
        group = "g" + groups.size();
        groups.put(name, group);
        names.add(name);
        regexText.append("(?<").append(group).append(">.+?)");
      } else {
        regexText.append("\\k<").append(group).append('>');
      }
      placeholders++;
      i = close + 1;
    }
    regexText.append(Pattern.quote(literal.toString()));
    this.prefix = firstLiteral == null ? text : firstLiteral;
    this.suffix = placeholders == 0 ? "" : literal.toString();
    this.specificity = literals;
    this.placeholderCount = placeholders;
    this.minimumLength = literals + placeholders;
    this.groupNames = List.copyOf(names);
    this.middles = segments.toArray(new String[0]);
    this.regex = Pattern.compile(regexText.toString(), Pattern.DOTALL);
  }

  private static DatasetException unbalanced(String text, String problem) {
    return new DatasetException(
        "Dataset name or pattern '"
            + text
            + "' has unbalanced braces: "
            + problem
            + ". Close every '{' with '}' (patterns look like '{namespace}.{name}'), or remove"
            + " the braces if it is not meant to be a pattern.");
  }

  /**
   * Compiles a pattern.
   *
   * @throws DatasetException if the braces are unbalanced or a placeholder is empty
   */
  public static PlaceholderPattern compile(String text) {
    return new PlaceholderPattern(text);
  }

  /**
   * Returns whether a name is a pattern (has a placeholder).
   *
   * @throws DatasetException if the braces are unbalanced
   */
  public static boolean isPattern(String name) {
    if (name.indexOf('{') < 0 && name.indexOf('}') < 0) {
      return false;
    }
    return compile(name).placeholderCount > 0;
  }

  /** Returns the pattern as written. */
  public String text() {
    return text;
  }

  /** Returns the literal text before the first placeholder. */
  public String prefix() {
    return prefix;
  }

  /** Returns the literal text after the last placeholder. */
  public String suffix() {
    return suffix;
  }

  /** Returns the longest literal text between two placeholders, or empty if there is none. */
  public String longestMiddle() {
    String longest = "";
    for (String middle : middles) {
      if (middle.length() > longest.length()) {
        longest = middle;
      }
    }
    return longest;
  }

  /** Returns the number of literal characters outside braces. */
  public int specificity() {
    return specificity;
  }

  /** Returns the number of placeholders. */
  public int placeholderCount() {
    return placeholderCount;
  }

  /** Returns the names of the placeholders, in order of first appearance. */
  public List<String> placeholderNames() {
    return groupNames;
  }

  /**
   * Checks, as Kedro's {@code _validate_pattern_config}, that every {@code {key}} used in the
   * strings of a config tree is a placeholder of this pattern.
   *
   * @throws DatasetException naming the pattern and the placeholders it lacks
   */
  public void checkConfigUsesOnlyItsPlaceholders(Object config) {
    List<String> unknown = new ArrayList<>();
    collectUnknownKeys(config, unknown);
    if (!unknown.isEmpty()) {
      throw new DatasetException(
          "Incorrect dataset configuration provided for the dataset factory pattern '"
              + text
              + "': its configuration uses the placeholder(s) "
              + unknown
              + ", which are not in the pattern's name (its placeholders: "
              + groupNames
              + "). Keys used in the configuration must be present in the dataset factory pattern"
              + " name: rename them, or add them to the pattern.");
    }
  }

  private void collectUnknownKeys(Object config, List<String> unknown) {
    if (config instanceof Map<?, ?> map) {
      map.values().forEach(v -> collectUnknownKeys(v, unknown));
    } else if (config instanceof List<?> list) {
      list.forEach(v -> collectUnknownKeys(v, unknown));
    } else if (config instanceof String string && string.indexOf('{') >= 0) {
      int i = string.indexOf('{');
      while (i >= 0) {
        int close = string.indexOf('}', i + 1);
        if (close < 0) {
          break;
        }
        String key = string.substring(i + 1, close);
        if (!groupNames.contains(key) && !unknown.contains("{" + key + "}")) {
          unknown.add("{" + key + "}");
        }
        i = string.indexOf('{', close + 1);
      }
    }
  }

  /** Returns the values of the placeholders if the whole name matches. */
  public Optional<Map<String, String>> match(String name) {
    if (name.length() < minimumLength || !name.startsWith(prefix) || !name.endsWith(suffix)) {
      return Optional.empty();
    }
    Matcher matcher = regex.matcher(name);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (int g = 0; g < groupNames.size(); g++) {
      values.put(groupNames.get(g), matcher.group("g" + g));
    }
    return Optional.of(values);
  }

  /** Returns whether the whole name matches. */
  public boolean matches(String name) {
    return name.length() >= minimumLength
        && name.startsWith(prefix)
        && name.endsWith(suffix)
        && middlesOccurInOrder(name)
        && regex.matcher(name).matches();
  }

  /**
   * A cheap necessary condition checked before the regular expression: the literal segments between
   * placeholders occur in order, each after at least one character of placeholder.
   */
  private boolean middlesOccurInOrder(String name) {
    int from = prefix.length() + 1;
    int end = name.length() - suffix.length() - 1;
    for (String middle : middles) {
      int found = name.indexOf(middle, from);
      if (found < 0 || found + middle.length() > end) {
        return false;
      }
      from = found + middle.length() + 1;
    }
    return true;
  }

  /**
   * Fills placeholder values into every string of a config tree (map values and list elements,
   * nested), returning a new modifiable tree.
   *
   * @throws DatasetException if a string uses a placeholder the pattern does not have
   */
  public Object fill(Object config, Map<String, String> values, String datasetName) {
    if (config instanceof Map<?, ?> map) {
      Map<String, Object> filled = new LinkedHashMap<>();
      map.forEach((k, v) -> filled.put(String.valueOf(k), fill(v, values, datasetName)));
      return filled;
    }
    if (config instanceof List<?> list) {
      List<Object> filled = new ArrayList<>(list.size());
      list.forEach(v -> filled.add(fill(v, values, datasetName)));
      return filled;
    }
    if (config instanceof String string && string.indexOf('{') >= 0) {
      return fillString(string, values, datasetName);
    }
    return config;
  }

  private String fillString(String string, Map<String, String> values, String datasetName) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < string.length()) {
      char c = string.charAt(i);
      int close = c == '{' ? string.indexOf('}', i + 1) : -1;
      if (close < 0) {
        out.append(c);
        i++;
        continue;
      }
      String key = string.substring(i + 1, close);
      String value = values.get(key);
      if (value == null) {
        throw new DatasetException(
            "Unable to resolve '"
                + string
                + "' for dataset '"
                + datasetName
                + "' from the pattern '"
                + text
                + "': the placeholder '{"
                + key
                + "}' is not in the pattern. Keys used in the configuration must be present in"
                + " the dataset factory pattern "
                + groupNames
                + ".");
      }
      out.append(value);
      i = close + 1;
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return text;
  }
}
