package io.sharedcatalog.cluster.internal.store;

/** What a write into a slot did ({@link ValueStore#save}, {@link SlotHandoff#move}). */
public enum Saved {
  /** Replaced the slot's value. */
  REPLACED,
  /** Wrote the slot with a plain {@code set}: the caller must check that its binding holds. */
  SET,
  /** Nothing: there is no such slot. */
  NO_SLOT,
  /** Nothing: the value is chunked and the slot takes only inline values. */
  NEEDS_CHUNK_SLOT
}
