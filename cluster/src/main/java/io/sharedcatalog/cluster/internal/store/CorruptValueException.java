package io.sharedcatalog.cluster.internal.store;

/**
 * A value read from the cluster is not what a save writes: a malformed slot entry, a chunk that
 * fails its checksum or has the wrong length, or a chunk that is missing although no newer save
 * replaced the value. The message says what was wrong; the fix is to save the dataset again.
 */
public final class CorruptValueException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param detail what was wrong, completing "the stored value is corrupt: ..."
   */
  public CorruptValueException(String detail) {
    super(detail);
  }
}
