package io.sharedcatalog.catalog;

import java.util.Map;

/**
 * A dataset that holds its value in memory (Kedro's {@code MemoryDataset}).
 *
 * <p>{@code save} and {@code load} keep and hand out copies made by the {@link CopyMode}, so a
 * caller mutating what it saved or loaded does not change what is stored (except with {@link
 * CopyMode#ASSIGN}).
 *
 * <p>This class is thread-safe.
 *
 * @param <T> the type of the data
 */
public final class MemoryDataset<T> extends AbstractDataset<T> {
  private final CopyMode copyMode;

  /** Creates an empty dataset whose copy mode is inferred from each value. */
  public MemoryDataset() {
    this.copyMode = null;
  }

  /** Creates a dataset holding {@code data}, copy mode inferred. */
  public MemoryDataset(T data) {
    this(data, null);
  }

  /** Creates a dataset holding {@code data}, copied by {@code mode} ({@code null}: inferred). */
  public MemoryDataset(T data, CopyMode mode) {
    this.copyMode = mode;
    throw new UnsupportedOperationException("skeleton");
  }

  /** Returns the copy mode given at construction, empty when inferred per value. */
  public java.util.Optional<CopyMode> copyMode() {
    return java.util.Optional.ofNullable(copyMode);
  }

  @Override
  protected T doLoad() {
    throw new UnsupportedOperationException("skeleton");
  }

  @Override
  protected void doSave(T data) {
    throw new UnsupportedOperationException("skeleton");
  }

  @Override
  protected Map<String, Object> doDescribe() {
    throw new UnsupportedOperationException("skeleton");
  }
}
