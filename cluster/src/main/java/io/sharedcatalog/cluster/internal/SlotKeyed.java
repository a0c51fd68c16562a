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
}
