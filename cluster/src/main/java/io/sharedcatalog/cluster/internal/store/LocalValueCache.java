package io.sharedcatalog.cluster.internal.store;

import com.hazelcast.core.HazelcastInstance;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;

/**
 * The encoded bodies of chunked values this process saved or loaded recently, so that a process
 * loading a value it already holds (a pipeline node reading what the node before it wrote on the
 * same worker) fetches only the small manifest, not the chunks.
 *
 * <p><b>Never stale.</b> A body is filed under the save id of the manifest that published it. A
 * save id names one save's chunks, which are never rewritten, so a body can only be served for a
 * manifest read from the cluster in the same load that names the same save id, the same length,
 * chunk size and checksums; and before it is served every chunk's CRC32C is checked again against
 * that manifest, so a body its owner changed since (a {@code byte[]} saved as is and then reused, a
 * buffer refilled) is dropped, not served. A load therefore always reads the slot first and sees
 * every save another process made before it.
 *
 * <p><b>Bounded.</b> At most its capacity in bytes is held, least recently used first out; a body
 * larger than half of it is not kept. The capacity is the system property {@value
 * #CAPACITY_PROPERTY} (bytes; 0 turns the cache off), by default a sixteenth of the maximum heap,
 * at most 256 MiB. Each Hazelcast instance (member or client) has a cache of its own, as if it were
 * a process of its own, dropped when the instance shuts down.
 *
 * <p>This class is thread-safe.
 */
final class LocalValueCache {
  /** System property: the cache's capacity in bytes (0: no cache). */
  static final String CAPACITY_PROPERTY = "sharedcatalog.store.localCacheBytes";

  private static final PerInstance<LocalValueCache> CACHES =
      new PerInstance<>(
          () ->
              new LocalValueCache(
                  Long.getLong(
                      CAPACITY_PROPERTY,
                      Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 16))),
          LocalValueCache::clear);

  private record Body(byte[] bytes, int offset, long length, int chunkBytes, int[] checksums) {}

  private final long capacityBytes;
  private final Map<UUID, Body> bodies = new LinkedHashMap<>(16, 0.75f, true);
  private final AtomicLong hits = new AtomicLong();
  private long heldBytes;

  LocalValueCache(long capacityBytes) {
    this.capacityBytes = Math.max(0, capacityBytes);
  }

  /** The cache of the instance {@code hz}. */
  static LocalValueCache of(HazelcastInstance hz) {
    return CACHES.of(hz);
  }

  /** Whether a body of {@code length} bytes would be kept: at most half the capacity. */
  boolean wouldKeep(long length) {
    return length <= capacityBytes / 2;
  }

  /** How many loads this cache has served, for tests and diagnostics. */
  long hits() {
    return hits.get();
  }

  /**
   * Keeps {@code length} bytes of {@code body} from {@code offset} as the value of {@code
   * manifest}. The array is kept, not copied: its owner may change it, which the checks on reading
   * notice.
   */
  void keep(SlotEntry manifest, byte[] body, int offset) {
    long length = manifest.totalLength;
    if (!wouldKeep(length)) {
      return;
    }
    Body entry = new Body(body, offset, length, manifest.chunkBytes, manifest.checksums.clone());
    synchronized (this) {
      Body old = bodies.put(manifest.saveId, entry);
      if (old != null) {
        heldBytes -= old.length;
      }
      heldBytes += length;
      Iterator<Body> eldest = bodies.values().iterator();
      while (heldBytes > capacityBytes && eldest.hasNext()) {
        heldBytes -= eldest.next().length;
        eldest.remove();
      }
    }
  }

  /**
   * The encoded body of the value {@code manifest} describes, as an array of its own (a copy: the
   * caller may hand it out), or null if this process does not hold it intact.
   */
  byte[] find(SlotEntry manifest) {
    Body entry;
    synchronized (this) {
      entry = bodies.get(manifest.saveId);
    }
    if (entry == null
        || entry.length != manifest.totalLength
        || entry.chunkBytes != manifest.chunkBytes
        || !Arrays.equals(entry.checksums, manifest.checksums)) {
      return null;
    }
    byte[] copy = Arrays.copyOfRange(entry.bytes, entry.offset, entry.offset + (int) entry.length);
    for (int i = 0; i < manifest.chunkCount(); i++) {
      CRC32C crc = new CRC32C();
      crc.update(copy, i * manifest.chunkBytes, manifest.chunkLength(i));
      if ((int) crc.getValue() != manifest.checksums[i]) {
        forget(manifest.saveId); // changed by its owner since it was kept
        return null;
      }
    }
    hits.incrementAndGet();
    return copy;
  }

  /** Drops every body. */
  synchronized void clear() {
    bodies.clear();
    heldBytes = 0;
  }

  /** Drops the body of save {@code saveId}, if held (its value was replaced or deleted). */
  void forget(UUID saveId) {
    synchronized (this) {
      Body old = bodies.remove(saveId);
      if (old != null) {
        heldBytes -= old.length;
      }
    }
  }
}
