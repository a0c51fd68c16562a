package io.sharedcatalog.cluster.internal.store;

import com.hazelcast.map.IMap;
import com.hazelcast.partition.PartitionAwareKey;
import io.sharedcatalog.catalog.internal.codec.EncodedValue;
import io.sharedcatalog.cluster.internal.ClusterCalls;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chunks of large values, in the map {@code sharedcatalog.<catalog>.chunks}: written with a
 * time to live, made permanent just before the manifest naming them is published, and deleted once
 * a newer manifest replaced it. A writer that dies mid-save leaves only chunks that expire by
 * themselves; no save records, heartbeats or sweeps are needed.
 *
 * <p>Chunk reads, writes and TTL changes run as plain blocking calls on a bounded pool of this JVM,
 * at most {@link StoreSettings#maxInFlightBytes()} per save in flight, so a large save never crowds
 * out the small reads of others. Hazelcast's asynchronous calls are not used: they deliver results
 * through the common pool, which on machines with two cores or fewer starts a thread per call.
 *
 * <p>This class is thread-safe.
 */
final class ChunkIo {
  private static final Logger log = LoggerFactory.getLogger(ChunkIo.class);

  private static final ExecutorService IO = pool("sharedcatalog-store-io-", 16);

  private final String catalogName;
  private final IMap<PartitionAwareKey<String, Integer>, byte[]> chunks;
  private final ChunkPlacement placement;
  private final ClusterCalls calls;
  private final StoreSettings settings;

  ChunkIo(
      String catalogName,
      IMap<PartitionAwareKey<String, Integer>, byte[]> chunks,
      ChunkPlacement placement,
      ClusterCalls calls,
      StoreSettings settings) {
    this.catalogName = catalogName;
    this.chunks = chunks;
    this.placement = placement;
    this.calls = calls;
    this.settings = settings;
  }

  /** The chunks of one save, written and made permanent, ready to be named by a manifest. */
  record Written(UUID saveId, int chunkBytes, int[] partitionKeys, int[] checksums) {}

  /**
   * Writes {@code encoded} as chunks with the settings' time to live, then makes them permanent. A
   * chunk that expired meanwhile (this writer stalled for longer than the TTL) is written again
   * without one. On failure, the chunks written so far are left to expire.
   */
  Written write(EncodedValue encoded) {
    UUID saveId = UUID.randomUUID();
    int chunkBytes = settings.chunkBytes();
    int count = (int) ((encoded.length() + (long) chunkBytes - 1) / chunkBytes);
    int[] keys = placement.plan(count);
    if (count == 1) {
      return writeOne(encoded, saveId, chunkBytes, keys);
    }
    int[] checksums = new int[count];
    byte[][] copies = new byte[count][];
    long ttlSeconds = settings.chunkTtl().toSeconds();
    int permits = (int) Math.max(1, settings.maxInFlightBytes() / chunkBytes);
    ArrayDeque<CompletableFuture<?>> inFlight = new ArrayDeque<>();
    try {
      for (int i = 0; i < count; i++) {
        int offset = encoded.offset() + i * chunkBytes;
        int length = Math.min(chunkBytes, encoded.length() - i * chunkBytes);
        CRC32C crc = new CRC32C();
        crc.update(encoded.body(), offset, length);
        checksums[i] = (int) crc.getValue();
        while (inFlight.size() >= permits) {
          inFlight.poll().join();
        }
        byte[] chunk = Arrays.copyOfRange(encoded.body(), offset, offset + length);
        copies[i] = chunk;
        var key = key(saveId, i, keys[i]);
        inFlight.add(
            CompletableFuture.runAsync(
                () -> calls.run(() -> chunks.set(key, chunk, ttlSeconds, TimeUnit.SECONDS)), IO));
      }
      drain(inFlight);
      for (int i = 0; i < count; i++) {
        var key = key(saveId, i, keys[i]);
        byte[] chunk = copies[i];
        inFlight.add(
            CompletableFuture.runAsync(
                () -> {
                  if (!calls.get(() -> chunks.setTtl(key, 0, TimeUnit.SECONDS))) {
                    log.debug("Chunk {} expired before its save finished; writing it again", key);
                    calls.run(() -> chunks.set(key, chunk));
                  }
                },
                IO));
      }
      drain(inFlight);
      return new Written(saveId, chunkBytes, keys, checksums);
    } catch (CompletionException e) {
      for (CompletableFuture<?> write : inFlight) {
        try {
          write.join();
        } catch (CompletionException | CancellationException ignored) {
          // the first failure is the one reported; the rest only have to end
        }
      }
      delete(saveId, keys);
      throw unwrap(e);
    }
  }

  /**
   * {@link #write} of a value that fits one chunk, on the calling thread: a hand-off to the pool
   * would only add two thread wake-ups to a save that has nothing to overlap.
   */
  private Written writeOne(EncodedValue encoded, UUID saveId, int chunkBytes, int[] keys) {
    CRC32C crc = new CRC32C();
    crc.update(encoded.body(), encoded.offset(), encoded.length());
    byte[] chunk = wholeArray(encoded);
    var key = key(saveId, 0, keys[0]);
    long ttlSeconds = settings.chunkTtl().toSeconds();
    try {
      calls.run(() -> chunks.set(key, chunk, ttlSeconds, TimeUnit.SECONDS));
      if (!calls.get(() -> chunks.setTtl(key, 0, TimeUnit.SECONDS))) {
        calls.run(() -> chunks.set(key, chunk));
      }
    } catch (RuntimeException e) {
      delete(saveId, keys);
      throw e;
    }
    return new Written(saveId, chunkBytes, keys, new int[] {(int) crc.getValue()});
  }

  /**
   * The body of {@code encoded} as an array of its own length: the body itself when it spans its
   * whole array (a {@code byte[]} value, not copied: it is only read while the save runs), else a
   * copy.
   */
  private static byte[] wholeArray(EncodedValue encoded) {
    byte[] body = encoded.body();
    if (encoded.offset() == 0 && encoded.length() == body.length) {
      return body;
    }
    return Arrays.copyOfRange(body, encoded.offset(), encoded.offset() + encoded.length());
  }

  /**
   * Fetches the chunks a manifest names into one array, checking each chunk's length and CRC32C.
   *
   * @throws MissingChunkException if a chunk is not there (the value may have been replaced)
   * @throws CorruptValueException if a chunk is not what the manifest says
   */
  byte[] read(SlotEntry manifest) {
    int count = manifest.chunkCount();
    if (count == 1) { // on the calling thread: nothing to overlap with; the chunk is the body
      var key = key(manifest.saveId, 0, manifest.partitionKeys[0]);
      byte[] chunk = calls.get(() -> chunks.get(key));
      check(manifest, 0, chunk);
      return chunk;
    }
    byte[] body = new byte[(int) manifest.totalLength];
    int permits =
        (int)
            Math.max(1, Math.max(16L << 20, settings.maxInFlightBytes() * 4) / manifest.chunkBytes);
    ArrayDeque<CompletableFuture<byte[]>> reads = new ArrayDeque<>();
    try {
      int placed = 0;
      for (int i = 0; i < count; i++) {
        if (reads.size() >= permits) {
          place(manifest, placed, reads.poll().join(), body);
          placed++;
        }
        var key = key(manifest.saveId, i, manifest.partitionKeys[i]);
        reads.add(CompletableFuture.supplyAsync(() -> calls.get(() -> chunks.get(key)), IO));
      }
      while (!reads.isEmpty()) {
        place(manifest, placed, reads.poll().join(), body);
        placed++;
      }
      return body;
    } catch (CompletionException e) {
      throw unwrap(e);
    }
  }

  /**
   * Deletes the chunks of the value {@code manifest} described (it was replaced or its slot
   * deleted), in parallel, and returns once they are gone. Not in the background: a process that
   * ends right after a save would leave the replaced value's chunks, permanent by then, in the
   * cluster for good; and a process overwriting large values fast cannot pile up dead chunks in the
   * members' heaps. A chunked value is at least two chunks (over 2 MiB), so this costs a save one
   * round trip's time more, a small part of its own.
   */
  void deleteReplaced(SlotEntry manifest) {
    delete(manifest.saveId, manifest.partitionKeys);
  }

  /** Deletes the chunks of save {@code saveId}, in parallel; a failure is logged, not thrown. */
  private void delete(UUID saveId, int[] keys) {
    CompletableFuture<?>[] deletions = new CompletableFuture<?>[keys.length];
    for (int i = 0; i < keys.length; i++) {
      var key = key(saveId, i, keys[i]);
      deletions[i] = CompletableFuture.runAsync(() -> calls.run(() -> chunks.delete(key)), IO);
    }
    try {
      CompletableFuture.allOf(deletions).join();
    } catch (CompletionException e) {
      log.warn(
          "Could not delete the chunks of save {} in catalog {}; chunks not yet made permanent"
              + " expire by themselves",
          saveId,
          catalogName,
          unwrap(e));
    }
  }

  private static void place(SlotEntry manifest, int index, byte[] chunk, byte[] body) {
    check(manifest, index, chunk);
    System.arraycopy(chunk, 0, body, index * manifest.chunkBytes, chunk.length);
  }

  /** Checks that {@code chunk} is chunk {@code index} of {@code manifest}: there, whole, intact. */
  private static void check(SlotEntry manifest, int index, byte[] chunk) {
    if (chunk == null) {
      throw new MissingChunkException(
          "chunk " + (index + 1) + " of " + manifest.chunkCount() + " is missing");
    }
    int expected = manifest.chunkLength(index);
    if (chunk.length != expected) {
      throw new CorruptValueException(
          "chunk "
              + (index + 1)
              + " of "
              + manifest.chunkCount()
              + " has "
              + chunk.length
              + " bytes instead of "
              + expected);
    }
    CRC32C crc = new CRC32C();
    crc.update(chunk, 0, chunk.length);
    if ((int) crc.getValue() != manifest.checksums[index]) {
      throw new CorruptValueException(
          "chunk " + (index + 1) + " of " + manifest.chunkCount() + " fails its CRC32C checksum");
    }
  }

  /** The chunk map, for tests. */
  IMap<PartitionAwareKey<String, Integer>, byte[]> map() {
    return chunks;
  }

  static PartitionAwareKey<String, Integer> key(UUID saveId, int index, int partitionKey) {
    return new PartitionAwareKey<>(saveId + ":" + index, partitionKey);
  }

  private static void drain(ArrayDeque<CompletableFuture<?>> inFlight) {
    while (!inFlight.isEmpty()) {
      inFlight.peek().join();
      inFlight.poll();
    }
  }

  private static RuntimeException unwrap(CompletionException e) {
    Throwable cause = e.getCause();
    if (cause instanceof RuntimeException runtime) {
      return runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return e;
  }

  /** Daemon threads, idle ones ending after 30 s, so no pool keeps the JVM alive. */
  private static ExecutorService pool(String prefix, int threads) {
    AtomicLong count = new AtomicLong();
    ThreadFactory factory =
        task -> {
          Thread thread = new Thread(task, prefix + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        };
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }

  /** A chunk named by the manifest read was not found; the value may have been replaced. */
  static final class MissingChunkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MissingChunkException(String message) {
      super(message);
    }
  }
}
