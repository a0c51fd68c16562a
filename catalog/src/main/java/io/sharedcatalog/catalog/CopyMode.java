package io.sharedcatalog.catalog;

/**
 * How a {@link MemoryDataset} copies values on {@code save} and {@code load}.
 *
 * <p>This class is thread-safe.
 */
public enum CopyMode {
  /** A deep copy: nothing reachable from the stored value is shared with the caller. */
  DEEPCOPY,
  /** A shallow copy: a new collection, map or array holding the same elements. */
  COPY,
  /** No copy: the caller and the dataset share the same object. */
  ASSIGN
}
