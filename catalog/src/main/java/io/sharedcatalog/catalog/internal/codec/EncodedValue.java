package io.sharedcatalog.catalog.internal.codec;

import java.util.Objects;

/**
 * An encoded value kept as its format tag plus a body slice, so large {@code byte[]} values reach
 * the store without being copied into a tagged array first. The body may be the caller's own array
 * (for {@code byte[]} values): treat it as read-only.
 *
 * <p>This class is thread-safe (immutable; the body is shared, not copied).
 *
 * @param tag the format tag ({@link ValueCodec#TAG_BYTES} and the other {@code TAG_} constants)
 * @param body the array holding the body
 * @param offset where the body starts in {@code body}
 * @param length how many bytes the body has
 */
public record EncodedValue(byte tag, byte[] body, int offset, int length) {
  /** Checks the slice. */
  public EncodedValue {
    Objects.requireNonNull(body, "body");
    Objects.checkFromIndexSize(offset, length, body.length);
  }

  /** Returns the encoded form as one array: the tag byte followed by the body. */
  public byte[] toTaggedArray() {
    byte[] out = new byte[length + 1];
    out[0] = tag;
    System.arraycopy(body, offset, out, 1, length);
    return out;
  }
}
