package io.sharedcatalog.cluster.internal.store;

import io.sharedcatalog.catalog.internal.codec.CodecException;
import io.sharedcatalog.catalog.internal.codec.EncodedValue;
import io.sharedcatalog.cluster.internal.CatalogRegistry;

/**
 * The runner's hand-offs of slot entries: a small output's entry made in a worker and published by
 * the driver ({@link #smallEntry}, {@link #publish}), and a staged output's entry moved or copied
 * into the dataset's slot ({@link #move}, {@link #copyEntry}) without reading the value's bytes.
 * Every write is one call on the slot, as a save is.
 *
 * <p>This class is thread-safe.
 */
public final class SlotHandoff {
  private final ValueStore store;

  SlotHandoff(ValueStore store) {
    this.store = store;
  }

  /**
   * Makes slot {@code to} hold what slot {@code from} holds, if both exist, and deletes {@code
   * from} (but not the chunks, which now belong to {@code to}): the bytes of a chunked value are
   * never read, only its manifest moves. Replacing {@code to} is one {@code replace}, as a save is.
   *
   * @return {@link Saved#REPLACED}; {@link Saved#NO_SLOT} if either slot is missing, {@link
   *     Saved#NEEDS_CHUNK_SLOT} if {@code from} holds a manifest and {@code to} is {@link
   *     CatalogRegistry#isInlineOnly inline-only}; nothing is changed then
   */
  public Saved move(String from, String to) {
    Object raw = store.read(from);
    if (raw == null) {
      return Saved.NO_SLOT;
    }
    // a corrupt entry is not published
    if (SlotEntry.parse(raw, store.settings().maxValueBytes()).isChunked()
        && CatalogRegistry.isInlineOnly(to)) {
      return Saved.NEEDS_CHUNK_SLOT;
    }
    Object old = store.write(to, () -> store.values.replace(to, raw));
    if (old == null) {
      return Saved.NO_SLOT;
    }
    store.dropChunksOf(old, raw);
    store.calls.run(() -> store.values.delete(from));
    return Saved.REPLACED;
  }

  /**
   * Creates slot {@code to} holding what slot {@code from} holds (a chunked value's manifest: its
   * chunks are then named by both, and belong to whichever is kept; see {@link #forget}).
   *
   * @return false if {@code from} is missing; nothing is written then
   */
  public boolean copyEntry(String from, String to) {
    Object raw = store.read(from);
    if (raw == null) {
      return false;
    }
    SlotEntry.parse(raw, store.settings().maxValueBytes());
    store.calls.run(() -> store.values.set(to, raw));
    return true;
  }

  /** Deletes {@code slot} but not its value's chunks, which another slot names too. */
  public void forget(String slot) {
    store.calls.run(() -> store.values.delete(slot));
  }

  /**
   * The slot entry of {@code encoded} if it stays inline and is at most {@code maxBytes} long, for
   * a caller that carries it elsewhere before {@link #publish publishing} it (nothing is written);
   * null for a larger value.
   */
  public byte[] smallEntry(EncodedValue encoded, int maxBytes) {
    store.checkSize(encoded);
    if (encoded.length() > store.settings().inlineMaxBytes() || encoded.length() > maxBytes - 64) {
      return null;
    }
    byte[] entry =
        SlotEntry.inlineArray(
            encoded.tag(), ValueStore.SAVER, encoded.body(), encoded.offset(), encoded.length());
    return entry.length <= maxBytes ? entry : null;
  }

  /**
   * Makes {@code slot} hold {@code entry}, an inline entry made by {@link #smallEntry} (possibly in
   * another process), if the slot exists: one {@code replace}, as a save is.
   *
   * @return false if there is no such slot; nothing is written then
   * @throws CorruptValueException if {@code entry} is not an inline slot entry
   */
  public boolean publish(String slot, byte[] entry) {
    if (SlotEntry.parse(entry, store.settings().maxValueBytes()).isChunked()) {
      throw new CorruptValueException("it names chunks where an inline value was expected");
    }
    Object old = store.write(slot, () -> store.values.replace(slot, entry));
    if (old == null) {
      return false;
    }
    store.dropChunksOf(old, entry);
    return true;
  }

  /**
   * Decodes an inline entry made by {@link #smallEntry}.
   *
   * @throws CorruptValueException if it is not an inline slot entry holding a value
   * @throws CodecException if the value cannot be decoded
   */
  public Object decodeEntry(byte[] raw) {
    SlotEntry entry = SlotEntry.parse(raw, store.settings().maxValueBytes());
    if (entry.isEmpty() || entry.isChunked()) {
      throw new CorruptValueException("it holds no inline value");
    }
    return store.decodeInline(entry);
  }
}
