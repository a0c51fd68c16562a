package io.sharedcatalog.cluster.internal.store;

import com.hazelcast.client.impl.protocol.ClientMessage;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.map.IMap;
import com.hazelcast.partition.PartitionAwareKey;
import io.sharedcatalog.catalog.internal.codec.CodecException;
import io.sharedcatalog.catalog.internal.codec.EncodedValue;
import io.sharedcatalog.catalog.internal.codec.ValueCodec;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The values of one shared catalog, stored as bytes in the cluster so that members never need the
 * users' classes. Three maps, named {@code sharedcatalog.<catalogName>.<purpose>}:
 *
 * <ul>
 *   <li>{@code values}: dataset name → either the value inline (encoded values up to {@link
 *       StoreSettings#inlineMaxBytes()}: one {@code set} to save, one {@code get} to load) or a
 *       small manifest of a chunked value;
 *   <li>{@code chunks}: the chunks of chunked values, keyed by save id and index, spread over
 *       partitions and members;
 *   <li>{@code saves}: one record per chunked save that still owns chunks, used to find orphans.
 * </ul>
 *
 * <p><b>Commit protocol of a chunked save.</b> Encode (an unencodable value fails here, before
 * anything is written); send the save's record (state pending) and then the chunks in parallel with
 * at most {@link StoreSettings#maxInFlightBytes()} in flight, computing a CRC32C per chunk; then
 * {@code put} the manifest into {@code values}. That single atomic {@code put} is the commit point:
 * readers see the old value or the new one, never a mix. The {@code put} returns the replaced
 * entry, so exactly one saver learns of each replaced manifest and deletes its chunks (then its
 * record). A save that fails before the commit deletes what it wrote; one that dies leaves a
 * pending record.
 *
 * <p><b>Orphans.</b> A sweep (run by any store at most once per {@link
 * StoreSettings#sweepInterval()}, in the background, after saves, loads and removals) deletes the
 * chunks of every record that the current manifest of its dataset does not reference and that is
 * either committed (the value was replaced, e.g. by an inline save, which does not read the old
 * entry) or pending for longer than {@link StoreSettings#orphanGrace()} (its writer died). A live
 * writer refreshes its record well within the grace period, and a sweep claims a record with an
 * atomic {@code replace}, so a slow writer is never swept from under it unnoticed: after its
 * manifest {@code put} the writer marks its record committed with a {@code replace} too, and if a
 * sweep claimed the record first it puts the previous entry back and fails.
 *
 * <p><b>Loads</b> read the {@code values} entry; a chunked value's chunks are fetched in parallel
 * and each is checked against its CRC32C (a mismatch or a missing chunk fails with a {@link
 * CodecException}, after re-reading the manifest once in case a concurrent save replaced the value
 * mid-load). There is no cache and no Near Cache: every load reads the cluster, so once {@code
 * save} returns every member and client loads the new value.
 *
 * <p>This class is thread-safe.
 */
public final class ValueStore {
  private static final Logger log = LoggerFactory.getLogger(ValueStore.class);

  private static final int LOAD_ATTEMPTS = 5;

  /**
   * The largest encoded value {@link #saveBound} writes with a conditional {@code replace}, which
   * sends the replaced entry back: small enough that this costs less than a round trip.
   */
  public static final int REPLACE_MAX_BYTES = 64 << 10;

  /** How long a key lock taken by a bound save or a removal lasts at most. */
  private static final long LOCK_LEASE_SECONDS = 30;

  /**
   * Runs the chunk reads, writes and deletions of every store in this JVM as plain blocking map
   * calls, at most 16 at a time (deletions run on {@link #CLEANUP}). Not Hazelcast's asynchronous
   * calls: their results are delivered through Hazelcast's default async executor, which starts a
   * new thread for every call where the common pool has fewer than two threads (any machine with
   * two cores or fewer); measured, that was one thread start per chunk. Idle threads end after 30
   * seconds.
   */
  private static final ExecutorService IO = ioExecutor();

  /** Deletes the chunks of replaced and abandoned values, in the background, one at a time. */
  private static final ExecutorService CLEANUP =
      Executors.newSingleThreadExecutor(daemonThreads("sharedcatalog-store-cleanup-"));

  private static ExecutorService ioExecutor() {
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            16,
            16,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            daemonThreads("sharedcatalog-store-io-"));
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }

  /** Daemon threads named {@code prefix} and a number, so no pool keeps the JVM alive. */
  private static ThreadFactory daemonThreads(String prefix) {
    AtomicLong count = new AtomicLong();
    return task -> {
      Thread thread = new Thread(task, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  private final String catalogName;
  private final IMap<String, byte[]> values;
  private final IMap<PartitionAwareKey<String, Integer>, byte[]> chunks;
  private final IMap<String, byte[]> saves;
  private final StoreSettings settings;
  private final ChunkPlacement placement;
  private final RawBytes rawBytes;
  private final RawChunkReader rawReader;
  private final ValueCodec codec = ValueCodec.shared();
  private final AtomicLong lastSweepMillis = new AtomicLong(System.currentTimeMillis());

  private ValueStore(HazelcastInstance hz, String catalogName, StoreSettings settings) {
    this.catalogName = catalogName;
    this.values = hz.getMap(mapName(catalogName, "values"));
    this.chunks = hz.getMap(mapName(catalogName, "chunks"));
    this.saves = hz.getMap(mapName(catalogName, "saves"));
    this.settings = settings;
    this.placement = new ChunkPlacement(hz);
    this.rawBytes = RawBytes.probe(hz);
    this.rawReader =
        rawBytes == null ? null : RawChunkReader.probe(hz, mapName(catalogName, "chunks"));
  }

  /** Returns the store of the catalog {@code catalogName} on {@code hz} (member or client). */
  public static ValueStore of(HazelcastInstance hz, String catalogName) {
    return of(hz, catalogName, StoreSettings.defaults());
  }

  /** Returns the store of the catalog {@code catalogName} on {@code hz} with these settings. */
  public static ValueStore of(HazelcastInstance hz, String catalogName, StoreSettings settings) {
    Objects.requireNonNull(hz, "hz");
    Objects.requireNonNull(catalogName, "catalogName");
    Objects.requireNonNull(settings, "settings");
    return new ValueStore(hz, catalogName, settings);
  }

  /** The name of the map for {@code purpose} of catalog {@code catalogName}. */
  public static String mapName(String catalogName, String purpose) {
    return "sharedcatalog." + catalogName + "." + purpose;
  }

  /** Returns the settings of this store. */
  public StoreSettings settings() {
    return settings;
  }

  /**
   * Stores {@code value} under {@code datasetName}, replacing any previous value atomically: a
   * concurrent load sees the previous value or this one, whole.
   *
   * @throws CodecException if the value cannot be encoded; nothing is written then and the previous
   *     value stays
   */
  public void save(String datasetName, Object value) {
    Objects.requireNonNull(datasetName, "datasetName");
    Objects.requireNonNull(value, "value");
    EncodedValue encoded = codec.encodeTransient(value);
    try {
      if (encoded.length() <= settings.inlineMaxBytes()) {
        rawValues().set(datasetName, inlineEntry(encoded));
      } else {
        saveChunked(datasetName, encoded, null);
      }
    } finally {
      maybeSweepInBackground();
    }
  }

  /**
   * Stores {@code value} under {@code datasetName} as {@link #save} does, for a name whose entry
   * may exist only while the name is bound to a shared memory dataset (the rule a shared catalog
   * keeps: it deletes the entry, through {@link #removeUnless}, when it binds the name to anything
   * else). The entry is written with one {@code replace} (up to {@link #REPLACE_MAX_BYTES} encoded,
   * or a chunked value's manifest), which returns the replaced entry: if that was a checked entry
   * (written the same way), it proved the binding and the save is done in one round trip. Otherwise
   * (no entry, an unchecked one, or a larger inline value, which is written with {@code set}) the
   * entry is marked unchecked (chunked values' manifests always are), {@code stillBound} is asked,
   * and if it says no, every entry is removed while it still says no. Loads through a binding
   * ({@link #loadBound}) ask it too when they meet an unchecked entry.
   *
   * @return false if {@code stillBound} answered false: the value is then not stored, unless the
   *     name was bound to a shared memory dataset again before the take-back, which keeps it
   * @throws CodecException if the value cannot be encoded; nothing is written then
   */
  public boolean saveBound(String datasetName, Object value, BooleanSupplier stillBound) {
    Objects.requireNonNull(value, "value");
    return saveBound(datasetName, codec.encodeTransient(value), stillBound);
  }

  /**
   * Encodes {@code value} as {@link #save} would, into an array of its own, to save later with
   * {@link #saveBound(String, EncodedValue, BooleanSupplier)}.
   *
   * @throws CodecException if the value cannot be encoded
   */
  public EncodedValue encode(Object value) {
    Objects.requireNonNull(value, "value");
    return codec.encodeValue(value);
  }

  /** {@link #saveBound(String, Object, BooleanSupplier)} of a value already encoded. */
  public boolean saveBound(String datasetName, EncodedValue encoded, BooleanSupplier stillBound) {
    Objects.requireNonNull(datasetName, "datasetName");
    Objects.requireNonNull(encoded, "encoded");
    Objects.requireNonNull(stillBound, "stillBound");
    try {
      if (encoded.length() > settings.inlineMaxBytes()) {
        return saveChunked(datasetName, encoded, stillBound) != null;
      }
      if (encoded.length() <= REPLACE_MAX_BYTES) {
        Object old = rawValues().replace(datasetName, inlineEntry(encoded, Manifest.FORMAT_BOUND));
        if (old != null) {
          dropChunksOf(old);
          return isChecked(old) || confirmOrTakeBack(datasetName, stillBound);
        }
      }
      rawValues().set(datasetName, inlineEntry(encoded, Manifest.FORMAT_PROVISIONAL));
      return confirmOrTakeBack(datasetName, stillBound);
    } finally {
      maybeSweepInBackground();
    }
  }

  private static boolean isChecked(Object entry) {
    return entry instanceof byte[] bytes && Manifest.isChecked(bytes);
  }

  /**
   * After a write that no checked entry proved: asks {@code stillBound} and, if it says no (or
   * fails), removes whatever entry the name has while it still says no, this write's or one that
   * trusted it, so no entry outlives a binding that was gone when it was written.
   */
  private boolean confirmOrTakeBack(String datasetName, BooleanSupplier stillBound) {
    boolean bound;
    try {
      bound = stillBound.getAsBoolean();
    } catch (RuntimeException e) {
      try {
        removeUnless(datasetName, stillBound);
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    if (!bound) {
      removeUnless(datasetName, stillBound);
    }
    return bound;
  }

  /**
   * Removes the value stored under {@code datasetName} unless {@code keep} says it must stay,
   * asking {@code keep} after reading the value and removing only that value (entries written by
   * {@link #saveBound} are unique, so a later one is never removed in its place). After a few lost
   * races with other writers it takes the key's lock, which makes them wait, and removes under it.
   * Chunks of a removed chunked value are deleted in the background (a failure leaves them to the
   * sweep).
   */
  public void removeUnless(String datasetName, BooleanSupplier keep) {
    Objects.requireNonNull(datasetName, "datasetName");
    Objects.requireNonNull(keep, "keep");
    for (int attempt = 0; attempt < 3; attempt++) {
      byte[] entry = values.get(datasetName);
      if (entry == null || keep.getAsBoolean()) {
        return;
      }
      if (values.remove(datasetName, entry)) {
        dropChunksOf(entry);
        return;
      }
    }
    lockValue(datasetName);
    try {
      byte[] entry = values.get(datasetName);
      // conditional even under the lock: the lease may have ended if this thread stalled
      if (entry != null && !keep.getAsBoolean() && values.remove(datasetName, entry)) {
        dropChunksOf(entry);
      }
    } finally {
      try {
        values.unlock(datasetName);
      } catch (IllegalMonitorStateException e) {
        log.warn(
            "The lock on {} in catalog {} had expired before its removal",
            datasetName,
            catalogName);
      }
    }
  }

  /**
   * Locks the value's key (an {@code IMap} key lock, not the CP subsystem): writes and removals of
   * the key from other processes, the conditional {@code replace} of {@link #saveBound} among them,
   * wait until it is unlocked; reads do not. The lease frees the key if this process hangs.
   */
  private void lockValue(String datasetName) {
    values.lock(datasetName, LOCK_LEASE_SECONDS, TimeUnit.SECONDS);
  }

  /** The entry of an inline value: format byte, codec tag, then the encoded bytes. */
  private Object inlineEntry(EncodedValue encoded) {
    return inlineEntry(encoded, Manifest.FORMAT_INLINE);
  }

  /** An inline entry of {@code format}; bound formats carry a random nonce after the tag. */
  private Object inlineEntry(EncodedValue encoded, byte format) {
    byte[] prefix = new byte[Manifest.inlineBodyOffset(format)];
    prefix[0] = format;
    prefix[1] = encoded.tag();
    if (prefix.length > 2) {
      ByteBuffer.wrap(prefix, 2, 8).putLong(ThreadLocalRandom.current().nextLong());
    }
    if (rawBytes != null) {
      return rawBytes.of(prefix, encoded.body(), encoded.offset(), encoded.length());
    }
    byte[] entry = new byte[encoded.length() + prefix.length];
    System.arraycopy(prefix, 0, entry, 0, prefix.length);
    System.arraycopy(encoded.body(), encoded.offset(), entry, prefix.length, encoded.length());
    return entry;
  }

  /** Deletes the chunks of a replaced entry if it was a manifest (in the background). */
  private void dropChunksOf(Object replaced) {
    if (replaced instanceof byte[] bytes && Manifest.isManifest(bytes)) {
      deleteSave(Manifest.fromBytes(bytes));
    }
  }

  /** Returns the value stored under {@code datasetName}, or empty if there is none. */
  public Optional<Object> load(String datasetName) {
    return loadBound(datasetName, () -> true);
  }

  /**
   * As {@link #load}, for a name saved through {@link #saveBound}: a value written but not yet
   * checked against its binding is returned only if {@code stillBound} says the binding holds.
   */
  public Optional<Object> loadBound(String datasetName, BooleanSupplier stillBound) {
    Objects.requireNonNull(datasetName, "datasetName");
    Objects.requireNonNull(stillBound, "stillBound");
    byte[] entry = values.get(datasetName);
    try {
      for (int attempt = 1; entry != null; attempt++) {
        if (!Manifest.isChecked(entry) && !stillBound.getAsBoolean()) {
          return Optional.empty(); // not proven by a bound save: its writer takes it back
        }
        if (!Manifest.isManifest(entry)) {
          int offset = Manifest.inlineBodyOffset(entry[0]);
          return Optional.of(codec.decode(entry[1], entry, offset, entry.length - offset));
        }
        Manifest manifest = Manifest.fromBytes(entry);
        try {
          byte[] body = fetchChunks(manifest);
          return Optional.of(codec.decode(manifest.codecTag, body, 0, body.length));
        } catch (MissingChunkException e) {
          byte[] again = values.get(datasetName);
          if (Arrays.equals(again, entry) || attempt >= LOAD_ATTEMPTS) {
            throw new CodecException(
                "The stored value is incomplete: "
                    + e.getMessage()
                    + " and no newer save replaced it. Save the dataset again",
                e);
          }
          log.debug("Value of {} was replaced while loading it; loading the new one", datasetName);
          entry = again;
        }
      }
      return Optional.empty();
    } finally {
      maybeSweepInBackground();
    }
  }

  /** Returns whether a value is stored under {@code datasetName}. */
  public boolean exists(String datasetName) {
    Objects.requireNonNull(datasetName, "datasetName");
    return values.containsKey(datasetName);
  }

  /** Removes the value stored under {@code datasetName}, if any, with its chunks. */
  public void remove(String datasetName) {
    Objects.requireNonNull(datasetName, "datasetName");
    byte[] old = values.remove(datasetName);
    if (Manifest.isManifest(old)) {
      deleteSave(Manifest.fromBytes(old)).join();
    }
    maybeSweepInBackground();
  }

  /**
   * Checks that {@code value} can be stored, by encoding it (cost proportional to its size).
   *
   * @throws CodecException naming the offending class if it cannot
   */
  public void checkShareable(Object value) {
    Objects.requireNonNull(value, "value");
    codec.checkEncodable(value);
  }

  // ---------------------------------------------------------------- chunked save

  /**
   * Saves a chunked value and returns the manifest it committed. With a {@code stillBound} check,
   * the manifest is committed as {@link #saveBound} commits an inline entry, and null is returned
   * if the check said no (the manifest and its chunks are then removed).
   */
  private byte[] saveChunked(String datasetName, EncodedValue encoded, BooleanSupplier stillBound) {
    UUID saveId = UUID.randomUUID();
    int chunkBytes = settings.chunkBytes();
    int chunkCount = (int) ((encoded.length() + (long) chunkBytes - 1) / chunkBytes);
    int[] partitionKeys = placement.plan(chunkCount);
    String recordKey = saveId.toString();
    SaveRecord record =
        new SaveRecord(SaveRecord.PENDING, System.currentTimeMillis(), datasetName, partitionKeys);
    byte[] recordBytes = record.toBytes();
    int[] checksums = new int[chunkCount];
    long heartbeatEvery = Math.max(1, settings.orphanGrace().toMillis() / 4);
    long lastHeartbeat = record.heartbeatMillis;
    int permits = (int) Math.max(1, settings.maxInFlightBytes() / chunkBytes);
    // Writes in flight, oldest first; this thread waits for the oldest when the window is full.
    ArrayDeque<CompletableFuture<?>> writes = new ArrayDeque<>();
    boolean committed = false;
    boolean commitSent = false;
    try {
      // The record is sent first and awaited with the chunks (not before them), saving a round
      // trip; a writer dying in the instant between the two could leak its first chunks.
      byte[] firstRecord = recordBytes;
      writes.add(CompletableFuture.runAsync(() -> saves.set(recordKey, firstRecord), IO));
      for (int i = 0; i < chunkCount; i++) {
        int offset = encoded.offset() + i * chunkBytes;
        int length = Math.min(chunkBytes, encoded.length() - i * chunkBytes);
        CRC32C crc = new CRC32C();
        crc.update(encoded.body(), offset, length);
        checksums[i] = (int) crc.getValue();
        while (writes.size() > permits) {
          writes.poll().join();
        }
        var key = ChunkPlacement.chunkKey(saveId, i, partitionKeys[i]);
        Object chunk =
            rawBytes != null
                ? rawBytes.of(null, encoded.body(), offset, length)
                : Arrays.copyOfRange(encoded.body(), offset, offset + length);
        writes.add(CompletableFuture.runAsync(() -> rawChunks().set(key, chunk), IO));
        long now = System.currentTimeMillis();
        if (now - lastHeartbeat >= heartbeatEvery) {
          recordBytes = heartbeat(recordKey, recordBytes, record, now);
          lastHeartbeat = now;
        }
      }
      while (!writes.isEmpty()) {
        writes.poll().join();
      }
      if (System.currentTimeMillis() - lastHeartbeat >= heartbeatEvery) {
        recordBytes = heartbeat(recordKey, recordBytes, record, System.currentTimeMillis());
      }
      Manifest manifest =
          new Manifest(
              encoded.tag(), saveId, encoded.length(), chunkBytes, partitionKeys, checksums);
      byte[] manifestBytes = manifest.toBytes();
      byte[] old = null;
      if (stillBound != null) {
        // replacing a checked entry proves the binding, as in saveBound; the manifest itself is
        // never marked checked (loads through a binding check the registry for it, a round trip
        // that is nothing next to fetching the chunks), so no reader trusts it before its check
        commitSent = true;
        old = values.replace(datasetName, manifestBytes);
        boolean proven = old != null && Manifest.isChecked(old);
        if (old == null) {
          old = values.put(datasetName, manifestBytes);
        }
        committed = true;
        if (!proven && !confirmOrTakeBack(datasetName, stillBound)) {
          dropChunksOf(old);
          return null; // taken back, with its chunks, by whoever removed the manifest
        }
      } else {
        commitSent = true;
        old = values.put(datasetName, manifestBytes);
        committed = true;
      }
      // The record changed under us if a newer save replaced our manifest and deleted our record
      // (our save was simply superseded), or if a sweep claimed it (we stalled for longer than the
      // grace period since our last heartbeat) and is deleting our chunks: then our manifest, if
      // still current, must not stay.
      if (!markCommitted(recordKey, recordBytes, record)
          && restore(datasetName, manifestBytes, old)) {
        throw new IllegalStateException(
            "Save "
                + recordKey
                + " of catalog "
                + catalogName
                + " was swept as abandoned just before its commit (it was stalled for longer"
                + " than the orphan grace period, "
                + settings.orphanGrace()
                + "); the previous value is kept. Save again");
      }
      dropChunksOf(old);
      return manifestBytes;
    } catch (CompletionException e) {
      throw unwrap(e);
    } finally {
      if (!committed && !commitSent) {
        // best effort: wait for the writes still in flight, then delete what this save wrote.
        // (If the manifest put itself failed, its outcome is unknown: the chunks are left to the
        // sweep, which deletes them only if no manifest references them.)
        for (CompletableFuture<?> write : writes) {
          try {
            write.join();
          } catch (CompletionException | CancellationException e) {
            // already reported by the wait that failed; only its end matters here
          }
        }
        deleteChunksThenRecord(saveId, partitionKeys, recordKey);
      }
    }
  }

  /**
   * Marks the save's record committed, if no sweep claimed it since {@code current}; a failing call
   * leaves the record pending, which the sweep spares while the manifest references it.
   */
  private boolean markCommitted(String recordKey, byte[] current, SaveRecord record) {
    byte[] committed = record.with(SaveRecord.COMMITTED, System.currentTimeMillis()).toBytes();
    try {
      return saves.replace(recordKey, current, committed);
    } catch (RuntimeException e) {
      logFailure("marking save " + recordKey + " committed", e);
      return true;
    }
  }

  /**
   * Puts {@code previous} back in place of {@code ours}.
   *
   * @return false if ours is no longer the current entry (a newer save replaced it)
   */
  private boolean restore(String datasetName, byte[] ours, byte[] previous) {
    return previous == null
        ? values.remove(datasetName, ours)
        : values.replace(datasetName, ours, previous);
  }

  private byte[] heartbeat(String recordKey, byte[] current, SaveRecord record, long now) {
    byte[] refreshed = record.with(SaveRecord.PENDING, now).toBytes();
    if (!saves.replace(recordKey, current, refreshed)) {
      throw new IllegalStateException(
          "Save "
              + recordKey
              + " of catalog "
              + catalogName
              + " was swept as abandoned while it was still writing (it was stalled for longer"
              + " than the orphan grace period, "
              + settings.orphanGrace()
              + "); the previous value is kept. Save again");
    }
    return refreshed;
  }

  /** Deletes the chunks of a replaced save, then its record; completes when both are gone. */
  private CompletableFuture<Void> deleteSave(Manifest manifest) {
    return deleteChunksThenRecord(
        manifest.saveId, manifest.partitionKeys, manifest.saveId.toString());
  }

  private CompletableFuture<Void> deleteChunksThenRecord(
      UUID saveId, int[] partitionKeys, String recordKey) {
    CompletableFuture<Void> done =
        CompletableFuture.runAsync(
            () -> {
              // one at a time, on one thread: deleting a large value never crowds out the chunk
              // reads and writes of other saves and loads
              for (int i = 0; i < partitionKeys.length; i++) {
                chunks.delete(ChunkPlacement.chunkKey(saveId, i, partitionKeys[i]));
              }
              saves.delete(recordKey); // only once its chunks are gone: else the sweep retries
            },
            CLEANUP);
    done.whenComplete((ok, error) -> logFailure("deleting the chunks of save " + saveId, error));
    return done;
  }

  // ---------------------------------------------------------------- chunked load

  private byte[] fetchChunks(Manifest manifest) {
    if (manifest.totalLength > Integer.MAX_VALUE - 16) {
      throw new CodecException(
          "A stored value of " + manifest.totalLength + " bytes is too large for one array", null);
    }
    byte[] body = new byte[(int) manifest.totalLength];
    int chunkCount = manifest.chunkCount();
    int permits =
        (int)
            Math.max(
                1,
                loadInFlightBytes(settings.maxInFlightBytes()) / Math.max(1, manifest.chunkBytes));
    // Reads in flight, oldest first; this thread places each (checksum and copy) as it arrives.
    ArrayDeque<CompletableFuture<?>> reads = new ArrayDeque<>();
    try {
      int placed = 0;
      for (int i = 0; i < chunkCount; i++) {
        if (reads.size() >= permits) {
          place(manifest, placed++, reads.poll().join(), body);
        }
        var key = ChunkPlacement.chunkKey(manifest.saveId, i, manifest.partitionKeys[i]);
        reads.add(
            rawReader != null
                ? rawReader.get(key)
                : CompletableFuture.supplyAsync(() -> chunks.get(key), IO));
      }
      while (!reads.isEmpty()) {
        place(manifest, placed++, reads.poll().join(), body);
      }
    } catch (CompletionException e) {
      throw unwrap(e);
    }
    return body;
  }

  /**
   * How many chunk bytes a load keeps in flight: four times a save's, since only the loading
   * process holds them (members send what they store), and at least 16 MiB.
   */
  private static long loadInFlightBytes(long saveInFlight) {
    return Math.max(16L << 20, saveInFlight * 4);
  }

  /** Checks and copies a fetched chunk (a client response or a {@code byte[]}) into the value. */
  private void place(Manifest manifest, int index, Object fetched, byte[] body) {
    if (fetched instanceof ClientMessage response) {
      placeRaw(manifest, index, RawChunkReader.decode(response), body);
    } else {
      place(manifest, index, (byte[]) fetched, body);
    }
  }

  private void placeRaw(Manifest manifest, int index, Data data, byte[] body) {
    if (data == null) {
      place(manifest, index, null, body);
      return;
    }
    byte[] serialised = data.toByteArray();
    int offset = rawBytes.bodyOffset(serialised, manifest.chunkLength(index));
    if (offset < 0) {
      place(manifest, index, rawReader.toBytes(data), body);
    } else {
      place(manifest, index, serialised, offset, manifest.chunkLength(index), body);
    }
  }

  private static void place(Manifest manifest, int index, byte[] chunk, byte[] body) {
    if (chunk == null) {
      throw new MissingChunkException(
          "chunk " + (index + 1) + " of " + manifest.chunkCount() + " is missing");
    }
    place(manifest, index, chunk, 0, chunk.length, body);
  }

  private static void place(
      Manifest manifest, int index, byte[] source, int offset, int length, byte[] body) {
    int expected = manifest.chunkLength(index);
    byte[] chunk = source;
    if (length != expected) {
      throw new CodecException(
          "The stored value is corrupt: chunk "
              + (index + 1)
              + " of "
              + manifest.chunkCount()
              + " has "
              + length
              + " bytes instead of "
              + expected
              + ". Save the dataset again",
          null);
    }
    CRC32C crc = new CRC32C();
    crc.update(chunk, offset, length);
    if ((int) crc.getValue() != manifest.checksums[index]) {
      throw new CodecException(
          "The stored value is corrupt: chunk "
              + (index + 1)
              + " of "
              + manifest.chunkCount()
              + " fails its CRC32C checksum. Save the dataset again",
          null);
    }
    System.arraycopy(chunk, offset, body, index * manifest.chunkBytes, length);
  }

  // ---------------------------------------------------------------- orphans

  private void maybeSweepInBackground() {
    long now = System.currentTimeMillis();
    long last = lastSweepMillis.get();
    if (now - last >= settings.sweepInterval().toMillis()
        && lastSweepMillis.compareAndSet(last, now)) {
      ForkJoinPool.commonPool()
          .execute(
              () -> {
                try {
                  sweepOrphans();
                } catch (RuntimeException e) {
                  log.warn("Sweeping orphan chunks of catalog {} failed", catalogName, e);
                }
              });
    }
  }

  /**
   * Deletes the chunks that no manifest references and that no live save is still writing.
   *
   * @return how many saves' chunks were deleted
   */
  public int sweepOrphans() {
    Map<String, byte[]> records = new HashMap<>();
    for (Map.Entry<String, byte[]> entry : saves.entrySet()) {
      records.put(entry.getKey(), entry.getValue());
    }
    if (records.isEmpty()) {
      return 0;
    }
    Map<String, SaveRecord> parsed = new HashMap<>();
    Set<String> datasets = new HashSet<>();
    records.forEach(
        (key, bytes) -> {
          SaveRecord record = SaveRecord.fromBytes(bytes);
          parsed.put(key, record);
          datasets.add(record.datasetName);
        });
    Set<String> referenced = new HashSet<>();
    for (byte[] entry : values.getAll(datasets).values()) {
      if (Manifest.isManifest(entry)) {
        referenced.add(Manifest.fromBytes(entry).saveId.toString());
      }
    }
    long now = System.currentTimeMillis();
    long grace = settings.orphanGrace().toMillis();
    List<CompletableFuture<Void>> deletions = new ArrayList<>();
    for (Map.Entry<String, SaveRecord> entry : parsed.entrySet()) {
      String key = entry.getKey();
      SaveRecord record = entry.getValue();
      boolean abandoned =
          record.state != SaveRecord.PENDING || now - record.heartbeatMillis > grace;
      if (referenced.contains(key) || !abandoned) {
        continue;
      }
      byte[] claimed = record.with(SaveRecord.SWEEPING, now).toBytes();
      if (saves.replace(key, records.get(key), claimed)) {
        log.debug(
            "Deleting {} orphan chunks of dataset {} (save {})",
            record.partitionKeys.length,
            record.datasetName,
            key);
        deletions.add(deleteChunksThenRecord(UUID.fromString(key), record.partitionKeys, key));
      }
    }
    CompletableFuture.allOf(deletions.toArray(CompletableFuture[]::new)).join();
    return deletions.size();
  }

  // ---------------------------------------------------------------- helpers

  /** The values map taking values Hazelcast has already serialised (see {@link RawBytes}). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private IMap<String, Object> rawValues() {
    return (IMap) values;
  }

  /** The chunk map taking values Hazelcast has already serialised (see {@link RawBytes}). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private IMap<PartitionAwareKey<String, Integer>, Object> rawChunks() {
    return (IMap) chunks;
  }

  private void logFailure(String what, Throwable error) {
    if (error != null) {
      log.warn("Failed {} in catalog {}; a later sweep retries", what, catalogName, error);
    }
  }

  private static RuntimeException unwrap(CompletionException e) {
    Throwable cause = e.getCause();
    if (cause instanceof ExecutionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof RuntimeException runtime) {
      return runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return e;
  }

  /** A chunk named by the manifest read was not found; the value may have been replaced. */
  private static final class MissingChunkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MissingChunkException(String message) {
      super(message);
    }
  }

  /** For tests: whether chunks and inline entries are serialised straight from the value. */
  boolean usesRawBytes() {
    return rawBytes != null;
  }

  /** For tests: whether chunks are read from the received frames without a copy of their own. */
  boolean usesRawChunkReads() {
    return rawReader != null;
  }

  /** For tests: the raw chunk map. */
  IMap<PartitionAwareKey<String, Integer>, byte[]> chunkMap() {
    return chunks;
  }

  /** For tests: the raw values map. */
  IMap<String, byte[]> valueMap() {
    return values;
  }

  /** For tests: the raw saves map. */
  IMap<String, byte[]> saveMap() {
    return saves;
  }
}
