package io.sharedcatalog.catalog;

/**
 * A dataset that can be confirmed (Kedro's {@code confirm}), for example to mark an incremental
 * input as consumed. {@link DataCatalog#confirm(String)} calls it.
 *
 * <p>Implementations say whether they are thread-safe.
 */
public interface Confirmable {
  /**
   * Confirms the dataset.
   *
   * @throws DatasetException if confirming fails
   */
  void confirm();
}
