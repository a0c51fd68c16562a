package io.sharedcatalog.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The template every dataset extends. Subclasses implement {@link #doLoad()}, {@link
 * #doSave(Object)} and {@link #doDescribe()}, and may override {@link #doExists()} and {@link
 * #doRelease()}; this class owns the null checks, the error wrapping ("Failed while loading data
 * from dataset ...", with the original as cause; a {@link DatasetException} raised by a subclass
 * passes through unwrapped) and debug logging with the dataset's {@code toString()}.
 *
 * <p>This class is thread-safe if the subclass's {@code do*} methods are.
 *
 * @param <T> the type of the data
 */
public abstract class AbstractDataset<T> implements Dataset<T> {
  private static final Logger log = LoggerFactory.getLogger(AbstractDataset.class);

  /** Set once the "exists() not implemented" warning has been logged for this dataset. */
  private volatile boolean warnedExistsNotImplemented;

  /** Creates a dataset. */
  protected AbstractDataset() {}

  /**
   * Loads the data.
   *
   * @throws DatasetException if loading fails; the message starts "Failed while loading data from
   *     dataset " and names this dataset
   */
  @Override
  public final T load() {
    return loadWith(this::doLoad);
  }

  /** Runs a load with this class's logging and error wrapping (for versioned loads). */
  final T loadWith(Callable<T> loader) {
    if (log.isDebugEnabled()) {
      log.debug("Loading {}", this);
    }
    try {
      return loader.call();
    } catch (DatasetException e) {
      throw e;
    } catch (Exception e) {
      throw new DatasetException("Failed while loading data from dataset " + this + ".\n" + e, e);
    }
  }

  /**
   * Saves the data.
   *
   * @throws DatasetException if {@code data} is null or saving fails; the message starts "Failed
   *     while saving data to dataset " and names this dataset
   */
  @Override
  public final void save(T data) {
    if (data == null) {
      throw new DatasetException(
          "Saving 'null' to a dataset is not allowed: "
              + this
              + ". Save a value, or release() the dataset to drop what it holds.");
    }
    if (log.isDebugEnabled()) {
      log.debug("Saving {}", this);
    }
    try {
      doSave(data);
    } catch (DatasetException e) {
      throw e;
    } catch (Exception e) {
      throw new DatasetException("Failed while saving data to dataset " + this + ".\n" + e, e);
    }
  }

  /**
   * Returns whether data exists to load.
   *
   * @throws DatasetException if the check fails
   */
  @Override
  public final boolean exists() {
    if (log.isDebugEnabled()) {
      log.debug("Checking whether target of {} exists", this);
    }
    try {
      return doExists();
    } catch (DatasetException e) {
      throw e;
    } catch (Exception e) {
      throw new DatasetException("Failed during exists check for dataset " + this + ".\n" + e, e);
    }
  }

  /**
   * Releases any data held.
   *
   * @throws DatasetException if releasing fails
   */
  @Override
  public final void release() {
    if (log.isDebugEnabled()) {
      log.debug("Releasing {}", this);
    }
    try {
      doRelease();
    } catch (DatasetException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new DatasetException("Failed during release for dataset " + this + ".\n" + e, e);
    }
  }

  /** Returns an ordered, unmodifiable copy of {@link #doDescribe()}. */
  @Override
  public final Map<String, Object> describe() {
    Map<String, Object> description = doDescribe();
    return description == null
        ? Map.of()
        : Collections.unmodifiableMap(new LinkedHashMap<>(description));
  }

  /** Returns {@code Type(key=value, ...)} from {@link #describe()}, leaving out null values. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(getClass().getSimpleName()).append('(');
    boolean first = true;
    for (Map.Entry<String, Object> entry : describe().entrySet()) {
      if (entry.getValue() == null) {
        continue;
      }
      if (!first) {
        text.append(", ");
      }
      first = false;
      text.append(entry.getKey()).append('=').append(entry.getValue());
    }
    return text.append(')').toString();
  }

  /**
   * Loads the data.
   *
   * @throws Exception any failure, wrapped by {@link #load()}
   */
  protected abstract T doLoad() throws Exception;

  /**
   * Saves the data, never {@code null}.
   *
   * @throws Exception any failure, wrapped by {@link #save(Object)}
   */
  protected abstract void doSave(T data) throws Exception;

  /** Describes the dataset (ordered), for {@link #toString()}. */
  protected abstract Map<String, Object> doDescribe();

  /**
   * Returns whether data exists. Unless overridden, it returns {@code false} and logs a warning the
   * first time (Kedro's default {@code _exists}): a dataset that cannot tell is assumed to have no
   * output, so {@code onlyMissingOutputs} runs the node producing it.
   *
   * @throws Exception any failure, wrapped by {@link #exists()}
   */
  protected boolean doExists() throws Exception {
    if (!warnedExistsNotImplemented) {
      warnedExistsNotImplemented = true;
      log.warn(
          "Dataset {} ({}) does not implement '_exists' (doExists()). Assuming output does not"
              + " exist.",
          this,
          getClass().getName());
    }
    return false;
  }

  /** Releases any data held; does nothing unless overridden. */
  protected void doRelease() {}
}
