package io.sharedcatalog.cluster.internal.store;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * What a value slot holds, as the bytes stored in the cluster: an empty slot (a binding with no
 * value yet), a value inline, or the manifest of a chunked value. Every entry carries when and by
 * which process it was written, so tools can list a catalog without loading values.
 *
 * <p>Layout (big-endian): {@code byte format, byte codecTag, long savedAtMillis, byte saverLength,
 * saver (UTF-8)}, then for an inline value its encoded body, and for a manifest {@code long
 * saveIdHigh, long saveIdLow, long totalLength, int chunkBytes, int chunkCount, int[chunkCount]
 * partitionKeys, int[chunkCount] crc32c}.
 *
 * <p>An inline body larger than {@link #SPLIT_MIN_BODY} is stored <em>split</em>: a {@code
 * java.util.ArrayList} of two byte arrays, the header (format {@link #SPLIT}) and the body, which
 * Hazelcast serializes with its built-in list and array serializers. Writing the body as an array
 * of its own spares a copy on each side: the saver hands over its encoded array as it is, and a
 * loader decodes the array Hazelcast gives it. Members still hold only bytes they never decode.
 *
 * <p>No byte read from the cluster is trusted: {@link #parse} checks every length and count against
 * the entry's own size and the reader's limits before it allocates anything, and reports a bad
 * entry as a {@link CorruptValueException}.
 *
 * <p>This class is thread-safe (immutable; arrays are never handed out for writing).
 */
final class SlotEntry {
  static final byte EMPTY = 0x20;
  static final byte INLINE = 0x21;
  static final byte CHUNKED = 0x22;

  /** The format byte of a split entry's header; such an entry parses as {@link #INLINE}. */
  static final byte SPLIT = 0x23;

  /**
   * Inline bodies longer than this are stored split: 64 KiB, or {@code
   * -Dsharedcatalog.store.splitMinBytes} (read once; for measurements).
   */
  static final int SPLIT_MIN_BODY =
      Integer.getInteger("sharedcatalog.store.splitMinBytes", 64 << 10);

  private static final int FIXED_HEADER = 11;
  private static final int MANIFEST_FIXED = 8 * 3 + 4 * 2;
  private static final int MAX_SAVER_BYTES = 64;

  final byte format;
  final byte codecTag;
  final long savedAtMillis;
  final String saver;

  /**
   * The entry as stored, or a split entry's body; an inline value's body starts at {@link
   * #bodyOffset} and runs to the end of this array.
   */
  final byte[] bytes;

  final int bodyOffset;
  final UUID saveId;
  final long totalLength;
  final int chunkBytes;
  final int[] partitionKeys;
  final int[] checksums;

  private SlotEntry(
      byte format,
      byte codecTag,
      long savedAtMillis,
      String saver,
      byte[] bytes,
      int bodyOffset,
      UUID saveId,
      long totalLength,
      int chunkBytes,
      int[] partitionKeys,
      int[] checksums) {
    this.format = format;
    this.codecTag = codecTag;
    this.savedAtMillis = savedAtMillis;
    this.saver = saver;
    this.bytes = bytes;
    this.bodyOffset = bodyOffset;
    this.saveId = saveId;
    this.totalLength = totalLength;
    this.chunkBytes = chunkBytes;
    this.partitionKeys = partitionKeys;
    this.checksums = checksums;
  }

  boolean isEmpty() {
    return format == EMPTY;
  }

  boolean isChunked() {
    return format == CHUNKED;
  }

  int chunkCount() {
    return partitionKeys.length;
  }

  int chunkLength(int index) {
    return (int) Math.min(chunkBytes, totalLength - (long) index * chunkBytes);
  }

  /** The stored size of the value: its encoded length (0 for an empty slot). */
  long storedBytes() {
    return switch (format) {
      case INLINE -> bytes.length - bodyOffset;
      case CHUNKED -> totalLength;
      default -> 0;
    };
  }

  /** The entry of an empty slot. */
  static byte[] empty(String saver) {
    return header(EMPTY, (byte) 0, saver, 0).array();
  }

  /**
   * The entry holding {@code length} encoded bytes of {@code body} from {@code offset}: one array,
   * or for a body longer than {@link #SPLIT_MIN_BODY} a split entry (which uses {@code body} itself
   * when it spans its whole array).
   */
  static Object inline(byte codecTag, String saver, byte[] body, int offset, int length) {
    if (length > SPLIT_MIN_BODY) {
      byte[] own =
          offset == 0 && length == body.length
              ? body
              : Arrays.copyOfRange(body, offset, offset + length);
      ArrayList<byte[]> split = new ArrayList<>(2);
      split.add(header(SPLIT, codecTag, saver, 0).array());
      split.add(own);
      return split;
    }
    return inlineArray(codecTag, saver, body, offset, length);
  }

  /** The entry holding {@code length} encoded bytes of {@code body} as one array. */
  static byte[] inlineArray(byte codecTag, String saver, byte[] body, int offset, int length) {
    ByteBuffer out = header(INLINE, codecTag, saver, length);
    out.put(body, offset, length);
    return out.array();
  }

  /** Whether two stored entries are the same bytes. */
  static boolean same(Object a, Object b) {
    if (a instanceof byte[] x && b instanceof byte[] y) {
      return Arrays.equals(x, y);
    }
    if (a instanceof List<?> x && b instanceof List<?> y && x.size() == y.size()) {
      for (int i = 0; i < x.size(); i++) {
        if (!(x.get(i) instanceof byte[] p
            && y.get(i) instanceof byte[] q
            && Arrays.equals(p, q))) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  /** The manifest of a chunked value. */
  static byte[] manifest(
      byte codecTag,
      String saver,
      UUID saveId,
      long totalLength,
      int chunkBytes,
      int[] partitionKeys,
      int[] checksums) {
    int n = partitionKeys.length;
    ByteBuffer out = header(CHUNKED, codecTag, saver, MANIFEST_FIXED + 8 * n);
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

  private static ByteBuffer header(byte format, byte codecTag, String saver, int extra) {
    byte[] saverBytes = saverBytes(saver);
    ByteBuffer out = ByteBuffer.allocate(FIXED_HEADER + saverBytes.length + extra);
    out.put(format).put(codecTag).putLong(System.currentTimeMillis());
    out.put((byte) saverBytes.length).put(saverBytes);
    return out;
  }

  private static byte[] saverBytes(String saver) {
    byte[] utf8 = saver.getBytes(StandardCharsets.UTF_8);
    return utf8.length <= MAX_SAVER_BYTES ? utf8 : Arrays.copyOf(utf8, MAX_SAVER_BYTES);
  }

  /**
   * Reads an entry as stored (one array, or a split entry), checking it before anything is
   * allocated from its fields.
   *
   * @param maxValueBytes the largest value this reader accepts
   * @throws CorruptValueException if it is not a well-formed entry
   */
  static SlotEntry parse(Object stored, long maxValueBytes) {
    if (stored instanceof byte[] bytes) {
      return parse(bytes, maxValueBytes);
    }
    if (stored instanceof List<?> list) {
      return parseSplit(list, maxValueBytes);
    }
    throw new CorruptValueException(
        "it is a " + stored.getClass().getName() + ", where a save writes bytes");
  }

  private static SlotEntry parseSplit(List<?> list, long maxValueBytes) {
    if (list.size() != 2
        || !(list.get(0) instanceof byte[] head)
        || !(list.get(1) instanceof byte[] body)) {
      throw new CorruptValueException(
          "it is a list of " + list.size() + " elements, where a save writes two byte arrays");
    }
    try {
      ByteBuffer in = ByteBuffer.wrap(head);
      if (in.get() != SPLIT) {
        throw new CorruptValueException("its header starts with format byte " + head[0]);
      }
      byte tag = in.get();
      long savedAt = in.getLong();
      String saver = saver(head, in);
      requireEnd(in, "a split entry's header");
      requireWithin(body.length, maxValueBytes);
      return new SlotEntry(INLINE, tag, savedAt, saver, body, 0, null, 0, 0, null, null);
    } catch (BufferUnderflowException e) {
      throw new CorruptValueException("its header is truncated (" + head.length + " bytes)");
    }
  }

  private static String saver(byte[] bytes, ByteBuffer in) {
    int saverLength = Byte.toUnsignedInt(in.get());
    if (saverLength > MAX_SAVER_BYTES || saverLength > in.remaining()) {
      throw new CorruptValueException("its header claims a saver of " + saverLength + " bytes");
    }
    String saver = new String(bytes, in.position(), saverLength, StandardCharsets.UTF_8);
    in.position(in.position() + saverLength);
    return saver;
  }

  private static SlotEntry parse(byte[] bytes, long maxValueBytes) {
    try {
      ByteBuffer in = ByteBuffer.wrap(bytes);
      byte format = in.get();
      if (format != EMPTY && format != INLINE && format != CHUNKED) {
        throw new CorruptValueException("it starts with an unknown format byte " + format);
      }
      byte tag = in.get();
      long savedAt = in.getLong();
      String saver = saver(bytes, in);
      int body = in.position();
      if (format == EMPTY) {
        requireEnd(in, "an empty slot");
        return new SlotEntry(format, tag, savedAt, saver, bytes, body, null, 0, 0, null, null);
      }
      if (format == INLINE) {
        requireWithin(bytes.length - body, maxValueBytes);
        return new SlotEntry(format, tag, savedAt, saver, bytes, body, null, 0, 0, null, null);
      }
      UUID saveId = new UUID(in.getLong(), in.getLong());
      long total = in.getLong();
      int chunk = in.getInt();
      int count = in.getInt();
      if (total < 1 || total > maxValueBytes) {
        throw new CorruptValueException(
            "its manifest claims "
                + total
                + " bytes, outside 1.."
                + maxValueBytes
                + " (the largest value this process accepts)");
      }
      if (chunk < 1 || chunk > StoreSettings.MAX_CHUNK_BYTES) {
        throw new CorruptValueException("its manifest claims chunks of " + chunk + " bytes");
      }
      long expectedCount = (total + chunk - 1) / chunk;
      if (count != expectedCount) {
        throw new CorruptValueException(
            "its manifest claims "
                + count
                + " chunks where "
                + total
                + " bytes in chunks of "
                + chunk
                + " make "
                + expectedCount);
      }
      if (in.remaining() != 8L * count) {
        throw new CorruptValueException(
            "its manifest has "
                + in.remaining()
                + " bytes of chunk tables for "
                + count
                + " chunks");
      }
      int[] keys = new int[count];
      int[] crcs = new int[count];
      for (int i = 0; i < count; i++) {
        keys[i] = in.getInt();
      }
      for (int i = 0; i < count; i++) {
        crcs[i] = in.getInt();
      }
      return new SlotEntry(
          format, tag, savedAt, saver, bytes, body, saveId, total, chunk, keys, crcs);
    } catch (BufferUnderflowException e) {
      throw new CorruptValueException("it is truncated (" + bytes.length + " bytes)");
    }
  }

  private static void requireWithin(long length, long maxValueBytes) {
    if (length > maxValueBytes) {
      throw new CorruptValueException(
          "it holds " + length + " bytes, more than the limit " + maxValueBytes);
    }
  }

  private static void requireEnd(ByteBuffer in, String what) {
    if (in.hasRemaining()) {
      throw new CorruptValueException(what + " carries " + in.remaining() + " unexpected bytes");
    }
  }
}
