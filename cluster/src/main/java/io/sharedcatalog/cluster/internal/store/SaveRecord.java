package io.sharedcatalog.cluster.internal.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The entry in the saves map that owns the chunks of one chunked save, from before its first chunk
 * is written until its chunks are deleted. It lets any process find and delete chunks no manifest
 * references (a writer that died mid-save, or a value replaced by an inline save).
 *
 * <p>Layout (big-endian): {@code byte state, long heartbeatMillis, int nameLength, byte[] nameUtf8,
 * int chunkCount, int[chunkCount] partitionKeys}.
 *
 * <p>This class is thread-safe (immutable).
 */
final class SaveRecord {
  /** Chunks are being written; the save may still commit. */
  static final byte PENDING = 0;

  /** The save's manifest was published; once no longer referenced its chunks are garbage. */
  static final byte COMMITTED = 1;

  /** A sweep is deleting the chunks. */
  static final byte SWEEPING = 2;

  final byte state;
  final long heartbeatMillis;
  final String datasetName;
  final int[] partitionKeys;

  SaveRecord(byte state, long heartbeatMillis, String datasetName, int[] partitionKeys) {
    this.state = state;
    this.heartbeatMillis = heartbeatMillis;
    this.datasetName = datasetName;
    this.partitionKeys = partitionKeys;
  }

  SaveRecord with(byte newState, long newHeartbeat) {
    return new SaveRecord(newState, newHeartbeat, datasetName, partitionKeys);
  }

  byte[] toBytes() {
    byte[] name = datasetName.getBytes(StandardCharsets.UTF_8);
    ByteBuffer out = ByteBuffer.allocate(1 + 8 + 4 + name.length + 4 + 4 * partitionKeys.length);
    out.put(state).putLong(heartbeatMillis).putInt(name.length).put(name);
    out.putInt(partitionKeys.length);
    for (int key : partitionKeys) {
      out.putInt(key);
    }
    return out.array();
  }

  static SaveRecord fromBytes(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    byte state = in.get();
    long heartbeat = in.getLong();
    byte[] name = new byte[in.getInt()];
    in.get(name);
    int[] keys = new int[in.getInt()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = in.getInt();
    }
    return new SaveRecord(state, heartbeat, new String(name, StandardCharsets.UTF_8), keys);
  }
}
