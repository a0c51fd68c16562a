package io.sharedcatalog.catalog;

import io.sharedcatalog.catalog.internal.CloseMatches;
import io.sharedcatalog.catalog.spi.StaleBindingException;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How {@link DataCatalog} calls its datasets ({@code load}, {@code save}, {@code confirm}, with a
 * failure named after the dataset), and the exceptions the catalog raises, each with a message that
 * names the dataset, what was wrong and how to fix it.
 *
 * <p>This class is thread-safe (it has no state).
 */
final class CatalogCalls {
  // The catalog's logger: what is logged here is what DataCatalog has always logged.
  private static final Logger log = LoggerFactory.getLogger(DataCatalog.class);

  private CatalogCalls() {}

  /**
   * A name the catalog does not know, with close matches among {@code names}.
   *
   * @param where how the message names the catalog ({@code "the catalog"})
   * @param hint what to add at the end (why the name may be missing), or empty
   */
  static DatasetNotFoundException notFound(
      String name, Collection<String> names, String where, String hint) {
    List<String> close = CloseMatches.find(name, names, 3);
    return new DatasetNotFoundException(
        "Dataset '"
            + name
            + "' not found in "
            + where
            + (close.isEmpty()
                ? "."
                : " - did you mean one of these instead: " + String.join(", ", close) + "?")
            + " Register it with put(), or add it (or a pattern matching it) to the catalog"
            + " config."
            + hint);
  }

  /** Load versions naming datasets the catalog does not have, with close matches for each. */
  static DatasetNotFoundException unknownLoadVersions(
      List<String> unknown, Collection<String> names) {
    StringBuilder hints = new StringBuilder();
    for (String name : unknown) {
      List<String> close = CloseMatches.find(name, names, 3);
      if (!close.isEmpty()) {
        hints.append(" For '").append(name).append("', did you mean one of these instead: ");
        hints.append(String.join(", ", close)).append('?');
      }
    }
    return new DatasetNotFoundException(
        "'load_versions' keys "
            + unknown
            + " are not found in the catalog."
            + hints
            + " Remove them from the load versions, or add those datasets to the catalog.");
  }

  /** Loads a dataset's data; a failure comes out as {@link #named}. */
  @SuppressWarnings("unchecked")
  static <T> T load(String name, Dataset<?> dataset) {
    return (T) loading(name, dataset::load);
  }

  /** Saves data to a dataset; a failure comes out as {@link #named}. */
  @SuppressWarnings("unchecked")
  static void save(String name, Dataset<?> dataset, Object data) {
    Dataset<Object> target = (Dataset<Object>) dataset;
    saving(name, () -> target.save(data));
  }

  /** How often a load or save follows re-bindings made meanwhile by others before it fails. */
  private static final int REBOUND_ATTEMPTS = 50;

  /**
   * Loads through {@code proven} (a dataset that proves its binding, or {@code null}), else, or
   * once its binding has changed ({@link StaleBindingException}), through {@code lookup} (the
   * catalog's {@code get}); follows re-bindings made meanwhile by others.
   */
  static <T> T loadFollowing(String name, Dataset<?> proven, Function<String, Dataset<?>> lookup) {
    return following(name, proven, lookup, "loading", dataset -> load(name, dataset));
  }

  /** Saves as {@link #loadFollowing} loads. */
  static void saveFollowing(
      String name, Object data, Dataset<?> proven, Function<String, Dataset<?>> lookup) {
    following(
        name,
        proven,
        lookup,
        "saving",
        dataset -> {
          save(name, dataset, data);
          return null;
        });
  }

  /** Releases as {@link #loadFollowing} loads. */
  static void releaseFollowing(
      String name, Dataset<?> proven, Function<String, Dataset<?>> lookup) {
    following(
        name,
        proven,
        lookup,
        "releasing",
        dataset -> {
          dataset.release();
          return null;
        });
  }

  /**
   * Applies {@code call} to {@code proven} if given, else (and after each {@link
   * StaleBindingException}) to what {@code lookup} finds, at most {@value #REBOUND_ATTEMPTS} times.
   */
  private static <T> T following(
      String name,
      Dataset<?> proven,
      Function<String, Dataset<?>> lookup,
      String what,
      Function<Dataset<?>, T> call) {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.apply(attempt == 1 && proven != null ? proven : lookup.apply(name));
      } catch (StaleBindingException e) {
        if (attempt >= REBOUND_ATTEMPTS) {
          throw e; // re-bound again and again meanwhile: others keep making progress
        }
        log.debug("'{}' was re-bound elsewhere; {} through its new binding", name, what);
      }
    }
  }

  /** Returns what {@code load} returns; a failure comes out as {@link #named}. */
  private static <T> T loading(String name, Supplier<T> load) {
    try {
      return load.get();
    } catch (RuntimeException e) {
      throw named(name, "loading data from", e);
    }
  }

  /** Runs {@code save}; a failure comes out as {@link #named}. */
  private static void saving(String name, Runnable save) {
    try {
      save.run();
    } catch (RuntimeException e) {
      throw named(name, "saving data to", e);
    }
  }

  /**
   * Returns a failure of a dataset's load or save as a {@link DatasetException} whose message names
   * the catalog's name for it, as Kedro re-raises {@code DatasetError(f"{ds_name}: {e}")}: one that
   * already names it ({@code 'name'} or {@code name:}) as it is, any other as the same exception
   * class with the message {@code name: <original message>} and the original as cause.
   */
  private static DatasetException named(String name, String action, RuntimeException e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    if (e instanceof DatasetException known
        && (message.contains("'" + name + "'") || message.startsWith(name + ":"))) {
      return known;
    }
    String text = name + ": " + message;
    if (e instanceof VersionNotFoundException) {
      return new VersionNotFoundException(text, e);
    }
    if (e instanceof VersionAlreadyExistsException) {
      return new VersionAlreadyExistsException(text, e);
    }
    if (e instanceof DatasetNotFoundException) {
      return new DatasetNotFoundException(text, e);
    }
    if (e instanceof DatasetAlreadyExistsException) {
      return new DatasetAlreadyExistsException(text, e);
    }
    if (e instanceof DatasetException) {
      return new DatasetException(text, e);
    }
    return new DatasetException(
        name + ": failed while " + action + " dataset '" + name + "': " + e, e);
  }

  /**
   * Returns the data loaded from a dataset as {@code type}.
   *
   * @throws DatasetException naming the dataset and both types if the data is not of {@code type}
   */
  @SuppressWarnings("unchecked")
  static <T> T requireType(String name, Object data, Class<T> type) {
    if (!box(type).isInstance(data)) {
      throw wrongType(name, data, type);
    }
    return (T) data;
  }

  /** Data of a dataset loaded as a type it is not of. */
  private static DatasetException wrongType(String name, Object data, Class<?> type) {
    return new DatasetException(
        "Dataset '"
            + name
            + "' holds a "
            + (data == null ? "null" : data.getClass().getName())
            + ", not a "
            + type.getName()
            + ". Load it as "
            + (data == null ? "Object" : data.getClass().getSimpleName())
            + ".class, or fix what is saved to it.");
  }

  /**
   * Loads a version of a dataset; a failure comes out as {@link #named}.
   *
   * @throws DatasetException if the dataset is not versioned
   */
  @SuppressWarnings("unchecked")
  static <T> T loadVersion(String name, Dataset<?> dataset, String version) {
    if (!(dataset instanceof AbstractVersionedDataset<?> versioned)) {
      throw notVersioned(name, version, dataset);
    }
    return (T) loading(name, () -> versioned.load(version));
  }

  /** A version asked of a dataset that is not versioned. */
  private static DatasetException notVersioned(String name, String version, Dataset<?> dataset) {
    return new DatasetException(
        "Cannot load version '"
            + version
            + "' of dataset '"
            + name
            + "' ("
            + dataset
            + "): it is not a versioned dataset. Load it without a version.");
  }

  /**
   * Confirms a dataset that implements {@link Confirmable}.
   *
   * @throws DatasetException naming the dataset and its type if it has no confirm
   */
  static void confirm(String name, Dataset<?> dataset) {
    if (!(dataset instanceof Confirmable confirmable)) {
      throw new DatasetException(
          "Dataset '"
              + name
              + "' does not have a 'confirm' method: its type "
              + dataset.getClass().getName()
              + " does not implement "
              + Confirmable.class.getName()
              + ".");
    }
    log.info("Confirming dataset '{}'", name);
    confirmable.confirm();
  }

  /** Null given as a dataset's data. */
  static DatasetException nullData(String name) {
    return new DatasetException(
        "Cannot put null data into dataset '"
            + name
            + "': saving null is not allowed. Put a value, or release('"
            + name
            + "') to drop what it holds.");
  }

  /** The wrapper class of a primitive type; any other type as it is. */
  private static Class<?> box(Class<?> type) {
    if (!type.isPrimitive()) {
      return type;
    }
    return switch (type.getName()) {
      case "int" -> Integer.class;
      case "long" -> Long.class;
      case "double" -> Double.class;
      case "boolean" -> Boolean.class;
      case "float" -> Float.class;
      case "short" -> Short.class;
      case "byte" -> Byte.class;
      case "char" -> Character.class;
      default -> Void.class;
    };
  }

  /**
   * Compiles a regular expression given as argument {@code what}; null for none.
   *
   * @throws IllegalArgumentException naming the argument if the expression is invalid
   */
  static Pattern compile(String regex, String what) {
    if (regex == null) {
      return null;
    }
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "Invalid regular expression provided as "
              + what
              + ": '"
              + regex
              + "'. "
              + e.getDescription(),
          e);
    }
  }
}
