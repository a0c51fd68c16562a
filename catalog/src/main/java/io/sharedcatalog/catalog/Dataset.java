package io.sharedcatalog.catalog;

import java.util.Map;

/**
 * A named source or sink of data in a {@link DataCatalog} (Kedro's {@code AbstractDataset}
 * contract).
 *
 * <p>Implementations should extend {@link AbstractDataset}, which provides the error wrapping, null
 * checks and logging this contract asks for.
 *
 * <p>Implementations say whether they are thread-safe.
 *
 * @param <T> the type of the data
 */
public interface Dataset<T> {

  /**
   * Loads the data.
   *
   * @return the data
   * @throws DatasetException if loading fails; the message starts "Failed while loading data from
   *     dataset " followed by this dataset's {@code toString()}, unless the dataset raised a {@code
   *     DatasetException} itself, which passes through unwrapped
   */
  T load();

  /**
   * Saves the data.
   *
   * @param data the data, not {@code null}
   * @throws DatasetException if {@code data} is {@code null}, or saving fails; the message starts
   *     "Failed while saving data to dataset " followed by this dataset's {@code toString()}
   */
  void save(T data);

  /**
   * Returns whether data exists to load.
   *
   * @throws DatasetException if checking fails
   */
  boolean exists();

  /**
   * Releases any data held (cached or in memory).
   *
   * @throws DatasetException if releasing fails
   */
  void release();

  /**
   * Describes the dataset as ordered key/value pairs: what {@code toString()} prints, {@code
   * Type(key=value, ...)}.
   */
  Map<String, Object> describe();

  /**
   * Returns whether this dataset's value lives only as long as the process or run that holds it
   * (Kedro's {@code _EPHEMERAL}): {@code onlyMissingOutputs} never counts an ephemeral output as
   * missing, and always re-runs the node producing one that a running node reads. False unless
   * overridden: a value saved to a file or a database outlives the run.
   *
   * @return true if a later run cannot count on this dataset's value
   */
  default boolean isEphemeral() {
    return false;
  }
}
