package io.sharedcatalog.cluster.internal;

/**
 * A dataset whose value lives in a slot of its catalog's values map: what the runner needs to
 * publish a staged value into it without moving the value's bytes through the driver.
 *
 * <p>Implementations are thread-safe.
 */
public interface SlotKeyed {
  /** The catalog whose values map holds the slot. */
  String catalogName();

  /** The slot's key in {@code sharedcatalog.<catalog>.values}. */
  String slotKey();

  /**
   * Makes the value staged in the slot {@code stagedSlot} of the same map this dataset's value,
   * when a move cannot (the dataset's slot is inline-only and the value chunked): the dataset is
   * re-bound to a slot that takes it, and the staged slot deleted, its chunks kept.
   *
   * @return false if that is not done (the dataset's binding changed, or it has none to re-bind)
   */
  boolean adoptStaged(String stagedSlot);
}
