package io.sharedcatalog.cluster.internal.store;

/**
 * A save refused before its first byte was sent: the encoded value is larger than {@link
 * StoreSettings#maxValueBytes()}.
 */
public final class ValueTooLargeException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final long size;
  private final long limit;

  ValueTooLargeException(long size, long limit) {
    super(
        "the encoded value has "
            + size
            + " bytes, more than the limit of "
            + limit
            + " bytes (set -D"
            + StoreSettings.MAX_VALUE_BYTES_PROPERTY
            + "=BYTES to change it, within what the members' heaps can hold)");
    this.size = size;
    this.limit = limit;
  }

  /** The encoded size of the refused value. */
  public long size() {
    return size;
  }

  /** The limit it exceeded. */
  public long limit() {
    return limit;
  }
}
