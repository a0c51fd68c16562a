package io.sharedcatalog.cluster.internal.store;

import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * The small entry that publishes a chunked value: which save wrote it, the codec tag, the length,
 * the chunk size, and per chunk its partition key and CRC32C. Swapping it into the values map is
 * the commit point of a chunked save.
 *
 * <p>Layout (big-endian): {@code byte FORMAT_CHUNKED, byte codecTag, long saveIdHigh, long
 * saveIdLow, long totalLength, int chunkBytes, int chunkCount, int[chunkCount] partitionKeys,
 * int[chunkCount] crc32c}.
 *
 * <p>This class is thread-safe (immutable; the arrays are never handed out for writing).
 */
final class Manifest {
  /** First byte of a values-map entry holding the value itself. */
  static final byte FORMAT_INLINE = 1;

  /** First byte of a values-map entry holding a manifest. */
  static final byte FORMAT_CHUNKED = 2;

  /**
   * Format byte of an inline value saved through a binding check ({@code ValueStore.saveBound}) by
   * replacing a checked entry: format, codec tag, an 8-byte random nonce (so no two saves write
   * equal entries), body.
   */
  static final byte FORMAT_BOUND = 3;

  /**
   * As {@link #FORMAT_BOUND}, written where no checked entry was: a reader or a replacing writer
   * that finds it (or a {@link #FORMAT_INLINE} or {@link #FORMAT_CHUNKED} entry, which unbound
   * saves write) asks the binding itself.
   */
  static final byte FORMAT_PROVISIONAL = 4;

  /** Whether an entry was written by a bound save that replaced a checked entry. */
  static boolean isChecked(byte[] entry) {
    return entry != null && entry.length > 0 && entry[0] == FORMAT_BOUND;
  }

  /** Where the body of an inline entry starts. */
  static int inlineBodyOffset(byte format) {
    return format == FORMAT_INLINE ? 2 : 10;
  }

  final byte codecTag;
  final UUID saveId;
  final long totalLength;
  final int chunkBytes;
  final int[] partitionKeys;
  final int[] checksums;

  Manifest(
      byte codecTag,
      UUID saveId,
      long totalLength,
      int chunkBytes,
      int[] partitionKeys,
      int[] checksums) {
    this.codecTag = codecTag;
    this.saveId = saveId;
    this.totalLength = totalLength;
    this.chunkBytes = chunkBytes;
    this.partitionKeys = partitionKeys;
    this.checksums = checksums;
  }

  int chunkCount() {
    return partitionKeys.length;
  }

  int chunkLength(int index) {
    return (int) Math.min(chunkBytes, totalLength - (long) index * chunkBytes);
  }

  byte[] toBytes() {
    int n = chunkCount();
    ByteBuffer out = ByteBuffer.allocate(2 + 8 * 3 + 4 * 2 + 8 * n);
    out.put(FORMAT_CHUNKED).put(codecTag);
    out.putLong(saveId.getMostSignificantBits()).putLong(saveId.getLeastSignificantBits());
    out.putLong(totalLength).putInt(chunkBytes).putInt(n);
    for (int key : partitionKeys) {
      out.putInt(key);
    }
    for (int crc : checksums) {
      out.putInt(crc);
    }
    return out.array();
  }

  static boolean isManifest(byte[] entry) {
    return entry != null && entry.length > 0 && entry[0] == FORMAT_CHUNKED;
  }

  static Manifest fromBytes(byte[] entry) {
    ByteBuffer in = ByteBuffer.wrap(entry);
    if (in.get() != FORMAT_CHUNKED) {
      throw new IllegalArgumentException("not a manifest");
    }
    byte tag = in.get();
    UUID id = new UUID(in.getLong(), in.getLong());
    long total = in.getLong();
    int chunk = in.getInt();
    int n = in.getInt();
    int[] keys = new int[n];
    int[] crcs = new int[n];
    for (int i = 0; i < n; i++) {
      keys[i] = in.getInt();
    }
    for (int i = 0; i < n; i++) {
      crcs[i] = in.getInt();
    }
    return new Manifest(tag, id, total, chunk, keys, crcs);
  }
}
