package io.sharedcatalog.catalog.internal.codec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The classes a value's bytes may name for them to be decoded: the JDK's value types and
 * collections, the project's own classes ({@code io.sharedcatalog.*}), and what the user lists.
 *
 * <p>An entry is a class name ({@code com.acme.model.Order}, nested classes included only if listed
 * as {@code com.acme.model.Order$Line}), a package prefix ending in {@code .*} ({@code
 * com.acme.model.*}: that package and its sub-packages), or {@code *} (every class: decoding then
 * trusts the bytes, as before this list existed). Arrays are allowed when their component class is;
 * primitives always are.
 *
 * <p>User entries come from two places, read once per process: the system property {@value
 * #PROPERTY} (comma-separated), and every resource {@value #RESOURCE} on the class path (one entry
 * per line, {@code #} starts a comment), so a pipeline jar declares its value classes once, beside
 * its {@code PipelineRegistry} service file.
 *
 * <p>This class is thread-safe (immutable).
 */
public final class ClassAllowList {
  /** System property listing extra allowed classes and packages, comma-separated. */
  public static final String PROPERTY = "sharedcatalog.codec.allowlist";

  /** Class path resource in which a jar lists its value classes and packages, one per line. */
  public static final String RESOURCE = "META-INF/sharedcatalog/value-classes";

  /** What is always allowed: JDK value types and collections, and the project's own classes. */
  static final List<String> DEFAULTS =
      List.of(
          "java.lang.Boolean",
          "java.lang.Byte",
          "java.lang.Character",
          "java.lang.Short",
          "java.lang.Integer",
          "java.lang.Long",
          "java.lang.Float",
          "java.lang.Double",
          "java.lang.Number",
          "java.lang.String",
          "java.lang.StringBuilder",
          "java.lang.StringBuffer",
          "java.lang.Enum",
          "java.lang.Object",
          "java.util.*",
          "java.time.*",
          "java.math.*",
          "java.net.URI",
          "java.sql.Date",
          "java.sql.Time",
          "java.sql.Timestamp",
          "io.sharedcatalog.*");

  private final Set<String> classes;
  private final List<String> prefixes;
  private final boolean everything;
  private final List<String> userEntries;

  private ClassAllowList(Collection<String> entries, List<String> userEntries) {
    Set<String> exact = new LinkedHashSet<>();
    List<String> packages = new ArrayList<>();
    boolean all = false;
    for (String entry : entries) {
      if (entry.equals("*")) {
        all = true;
      } else if (entry.endsWith(".*")) {
        packages.add(entry.substring(0, entry.length() - 1));
      } else if (entry.endsWith(".**")) {
        packages.add(entry.substring(0, entry.length() - 2));
      } else {
        exact.add(entry);
      }
    }
    this.classes = Set.copyOf(exact);
    this.prefixes = List.copyOf(packages);
    this.everything = all;
    this.userEntries = List.copyOf(userEntries);
  }

  /**
   * The defaults plus the user's entries from {@value #PROPERTY} and every {@value #RESOURCE}
   * visible to {@code loader}.
   */
  static ClassAllowList fromEnvironment(ClassLoader loader) {
    List<String> user = new ArrayList<>(parse(System.getProperty(PROPERTY)));
    user.addAll(declaredIn(loader));
    return withDefaults(user);
  }

  /** The defaults plus {@code userEntries}. */
  static ClassAllowList withDefaults(List<String> userEntries) {
    List<String> all = new ArrayList<>(DEFAULTS);
    all.addAll(userEntries);
    return new ClassAllowList(all, userEntries);
  }

  /** Every class: the bytes are trusted (for copies of this process's own values). */
  static ClassAllowList everything() {
    return new ClassAllowList(List.of("*"), List.of("*"));
  }

  /** Whether a value's bytes may name {@code className} (a binary name or an array descriptor). */
  public boolean allows(String className) {
    if (everything) {
      return true;
    }
    String name = componentName(className);
    if (name == null) {
      return true; // a primitive or an array of primitives
    }
    if (classes.contains(name)) {
      return true;
    }
    for (String prefix : prefixes) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** The entries the user added to the defaults, in the order read. */
  List<String> userEntries() {
    return userEntries;
  }

  /** The element class of an array descriptor, or the name itself; null for primitives. */
  private static String componentName(String className) {
    int dims = 0;
    while (dims < className.length() && className.charAt(dims) == '[') {
      dims++;
    }
    if (dims == 0) {
      return isPrimitive(className) ? null : className;
    }
    String rest = className.substring(dims);
    if (rest.startsWith("L") && rest.endsWith(";")) {
      return rest.substring(1, rest.length() - 1);
    }
    return rest.length() == 1 ? null : rest; // [I, [J, ...
  }

  private static boolean isPrimitive(String name) {
    return switch (name) {
      case "boolean", "byte", "char", "short", "int", "long", "float", "double", "void" -> true;
      default -> false;
    };
  }

  static List<String> parse(String spec) {
    List<String> entries = new ArrayList<>();
    if (spec != null) {
      for (String entry : spec.split(",")) {
        if (!entry.isBlank()) {
          entries.add(entry.strip());
        }
      }
    }
    return entries;
  }

  private static List<String> declaredIn(ClassLoader loader) {
    List<String> entries = new ArrayList<>();
    try {
      Enumeration<URL> resources = loader.getResources(RESOURCE);
      while (resources.hasMoreElements()) {
        URL resource = resources.nextElement();
        try (BufferedReader reader =
            new BufferedReader(
                new InputStreamReader(resource.openStream(), StandardCharsets.UTF_8))) {
          for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            int comment = line.indexOf('#');
            String entry = (comment >= 0 ? line.substring(0, comment) : line).strip();
            if (!entry.isEmpty()) {
              entries.add(entry);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the value class lists " + RESOURCE, e);
    }
    return entries;
  }
}
