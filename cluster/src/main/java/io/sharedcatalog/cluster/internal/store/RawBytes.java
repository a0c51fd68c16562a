package io.sharedcatalog.cluster.internal.store;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.internal.serialization.impl.HeapData;
import com.hazelcast.spi.impl.SerializationServiceSupport;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Builds the serialised form Hazelcast would make of a {@code byte[]} directly from a slice of a
 * larger array, so a chunk (or an inline entry with its two header bytes) is copied once, into the
 * buffer that goes on the wire, instead of twice (slice, then serialise). Hazelcast passes values
 * that are already serialised through unchanged, and members store and return them as the ordinary
 * {@code byte[]} they are.
 *
 * <p>The layout is learned at start-up by serialising a probe array with the instance's own
 * serialisation service and checked by reading it back; if anything differs from expectations
 * (another Hazelcast version, a custom byte-array serialiser), plain {@code byte[]} values are
 * used.
 *
 * <p>This class is thread-safe.
 */
final class RawBytes {
  private static final byte[] PROBE = {7, 8, 9, 10, 11};
  private final byte[] header;
  private final ByteOrder order;

  private RawBytes(byte[] header, ByteOrder order) {
    this.header = header;
    this.order = order;
  }

  /** Returns the raw form builder for {@code hz}, or null when plain arrays must be used. */
  static RawBytes probe(HazelcastInstance hz) {
    if (Boolean.getBoolean("sharedcatalog.store.plainArrays")
        || !(hz instanceof SerializationServiceSupport support)) {
      return null;
    }
    try {
      SerializationService serialization = support.getSerializationService();
      byte[] raw = serialization.toData(PROBE).toByteArray();
      int headerLength = HeapData.DATA_OFFSET;
      if (raw.length != headerLength + 4 + PROBE.length
          || !Arrays.equals(raw, headerLength + 4, raw.length, PROBE, 0, PROBE.length)) {
        return null;
      }
      ByteOrder order;
      if (ByteBuffer.wrap(raw, headerLength, 4).order(ByteOrder.BIG_ENDIAN).getInt()
          == PROBE.length) {
        order = ByteOrder.BIG_ENDIAN;
      } else if (ByteBuffer.wrap(raw, headerLength, 4).order(ByteOrder.LITTLE_ENDIAN).getInt()
          == PROBE.length) {
        order = ByteOrder.LITTLE_ENDIAN;
      } else {
        return null;
      }
      RawBytes rawBytes = new RawBytes(Arrays.copyOf(raw, headerLength), order);
      byte[] back = serialization.toObject(rawBytes.of(null, PROBE, 0, PROBE.length));
      return Arrays.equals(back, PROBE) ? rawBytes : null;
    } catch (RuntimeException | LinkageError e) {
      return null;
    }
  }

  /**
   * Where the bytes of a serialised {@code byte[]} of {@code expectedLength} bytes start in {@code
   * serialised}, or -1 if it is not laid out as this instance's probe said.
   */
  int bodyOffset(byte[] serialised, int expectedLength) {
    int body = header.length + 4;
    if (serialised.length != body + expectedLength
        || !Arrays.equals(serialised, 4, header.length, header, 4, header.length)
        || ByteBuffer.wrap(serialised, header.length, 4).order(order).getInt() != expectedLength) {
      return -1;
    }
    return body;
  }

  /**
   * The serialised {@code byte[]} holding {@code prefix} (may be null) followed by {@code length}
   * bytes of {@code source} from {@code offset}.
   */
  Data of(byte[] prefix, byte[] source, int offset, int length) {
    int prefixLength = prefix == null ? 0 : prefix.length;
    int total = prefixLength + length;
    byte[] out = new byte[header.length + 4 + total];
    System.arraycopy(header, 0, out, 0, header.length);
    ByteBuffer.wrap(out, header.length, 4).order(order).putInt(total);
    if (prefixLength > 0) {
      System.arraycopy(prefix, 0, out, header.length + 4, prefixLength);
    }
    System.arraycopy(source, offset, out, header.length + 4 + prefixLength, length);
    return new HeapData(out);
  }
}
