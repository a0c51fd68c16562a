package io.sharedcatalog.cluster.internal.store;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.nio.serialization.HazelcastSerializationException;
import com.hazelcast.partition.PartitionAwareKey;
import dev.failsafe.function.CheckedSupplier;
import io.sharedcatalog.catalog.internal.codec.CodecException;
import io.sharedcatalog.catalog.internal.codec.EncodedValue;
import io.sharedcatalog.catalog.internal.codec.ValueCodec;
import io.sharedcatalog.cluster.internal.ClusterCalls;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The values of one shared catalog, stored as bytes in the cluster so that members never need the
 * users' classes. A value lives in a <em>slot</em>, a key of the map {@code
 * sharedcatalog.<catalog>.values}; a connected catalog names a dataset's slot after the dataset and
 * the generation of its binding ({@code name#generation}), so a re-bound name starts in a slot of
 * its own and an old binding's writes can never reach the new one.
 *
 * <p><b>Saves.</b> A value up to {@link StoreSettings#inlineMaxBytes()} encoded is written into its
 * slot (above 64 KiB as a split entry, so the body is never copied behind a header: {@link
 * SlotEntry}); a larger one is written as chunks ({@link ChunkIo}) and its slot receives a small
 * manifest. Either way the slot changes by one atomic write, so readers see the old value or the
 * new one, whole. {@link #replace} writes only into a slot that exists (one {@code IMap.replace}):
 * a missing slot means the binding it belonged to is gone. {@link #put} writes whatever is there.
 * The chunks of a replaced manifest are deleted before the save returns.
 *
 * <p><b>Loads</b> read the slot (one {@code get}); a manifest's chunks are fetched in parallel and
 * checked, unless this process saved or loaded that very save recently ({@link LocalValueCache},
 * which serves it only for a manifest just read that names it, after checking it). The slot is read
 * on every load: once a save returns, every member and client loads the new value.
 *
 * <p><b>Trust.</b> Every entry read is checked before anything is allocated from it ({@link
 * SlotEntry#parse}); a bad one fails with {@link CorruptValueException}. Values larger than {@link
 * StoreSettings#maxValueBytes()} are refused before their first byte is sent ({@link
 * ValueTooLargeException}).
 *
 * <p>Every cluster call is retried on transient failures ({@link ClusterCalls}).
 *
 * <p>This class is thread-safe.
 */
public final class ValueStore {
  private static final Logger log = LoggerFactory.getLogger(ValueStore.class);
  private static final int LOAD_ATTEMPTS = 5;

  /** What a write answers for a replaced entry that could not be deserialized. */
  private static final Object UNREADABLE = new Object();

  /** Member attribute holding a member's maximum heap in bytes; set by our bootstrap. */
  public static final String HEAP_ATTRIBUTE = "sharedcatalog.maxHeapBytes";

  private static final String SAVER =
      ProcessHandle.current().pid()
          + "@"
          + Optional.ofNullable(System.getenv("HOSTNAME")).orElse("localhost");

  private final String catalogName;
  private final IMap<String, Object> values;
  private final ChunkIo chunks;
  private final ClusterCalls calls;
  private final StoreSettings settings;
  private final ValueCodec codec = ValueCodec.shared();
  private final LocalValueCache cache;

  private ValueStore(HazelcastInstance hz, String catalogName, StoreSettings settings) {
    this.catalogName = catalogName;
    this.values = hz.getMap(mapName(catalogName, "values"));
    this.calls = ClusterCalls.of(hz);
    this.settings = settings;
    this.cache = LocalValueCache.of(hz);
    this.chunks =
        new ChunkIo(
            catalogName,
            hz.getMap(mapName(catalogName, "chunks")),
            new ChunkPlacement(hz),
            calls,
            settings);
  }

  /** Returns the store of the catalog {@code catalogName} on {@code hz} (member or client). */
  public static ValueStore of(HazelcastInstance hz, String catalogName) {
    return of(hz, catalogName, StoreSettings.defaultsFor(hz));
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
   * Encodes {@code value} into an array of its own, to save later.
   *
   * @throws CodecException if the value cannot be encoded
   * @throws ValueTooLargeException if it is larger than the limit
   */
  public EncodedValue encode(Object value) {
    Objects.requireNonNull(value, "value");
    return checkSize(codec.encodeValue(value));
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

  /** Stores {@code value} in {@code slot}, whatever the slot held (or whether it existed). */
  public void put(String slot, Object value) {
    Objects.requireNonNull(value, "value");
    put(slot, checkSize(codec.encodeTransient(value)));
  }

  /** {@link #put(String, Object)} of a value already encoded. */
  public void put(String slot, EncodedValue encoded) {
    Object entry = entryFor(encoded);
    Object old = write(slot, () -> values.put(slot, entry));
    dropChunksOf(old, entry);
  }

  /**
   * Stores {@code value} in {@code slot} if the slot exists.
   *
   * @return false if there is no such slot (nothing is stored then)
   * @throws CodecException if the value cannot be encoded; nothing is written then
   * @throws ValueTooLargeException if it is larger than the limit; nothing is written then
   */
  public boolean replace(String slot, Object value) {
    Objects.requireNonNull(value, "value");
    return replace(slot, checkSize(codec.encodeTransient(value)));
  }

  /** {@link #replace(String, Object)} of a value already encoded. */
  public boolean replace(String slot, EncodedValue encoded) {
    Objects.requireNonNull(slot, "slot");
    Object entry = entryFor(encoded);
    Object old = write(slot, () -> values.replace(slot, entry));
    if (old == null) {
      dropChunksOf(entry, null); // ours: no slot to publish into
      return false;
    }
    dropChunksOf(old, entry);
    return true;
  }

  /**
   * Creates {@code slot}, empty or holding {@code initial}, replacing what it held. Called before
   * the binding that names the slot is published.
   */
  public void createSlot(String slot, EncodedValue initial) {
    Objects.requireNonNull(slot, "slot");
    if (initial == null) {
      byte[] empty = SlotEntry.empty(SAVER);
      calls.run(() -> values.set(slot, empty));
    } else {
      put(slot, initial);
    }
  }

  /**
   * Creates {@code slot} holding {@code encoded} unless it exists (a binding whose slot was lost).
   *
   * @return false if the slot existed; nothing is written then
   */
  public boolean createSlotIfAbsent(String slot, EncodedValue encoded) {
    Object entry = entryFor(encoded);
    Object old = write(slot, () -> values.putIfAbsent(slot, entry));
    if (old != null && !SlotEntry.same(old, entry)) {
      dropChunksOf(entry, null);
      return false;
    }
    return true;
  }

  /** What a slot holds, read once. */
  public sealed interface Lookup {}

  /** The slot does not exist. */
  public record NoSlot() implements Lookup {}

  /** The slot exists but holds no value. */
  public record EmptySlot() implements Lookup {}

  /** The slot's value, decoded. */
  public record Value(Object value) implements Lookup {}

  /**
   * Reads and decodes the value in {@code slot}.
   *
   * @throws CodecException if the value cannot be decoded
   * @throws CorruptValueException if what is stored is not what a save writes
   */
  public Lookup load(String slot) {
    Objects.requireNonNull(slot, "slot");
    Object raw = read(slot);
    for (int attempt = 1; raw != null; attempt++) {
      SlotEntry entry = SlotEntry.parse(raw, settings.maxValueBytes());
      if (entry.isEmpty()) {
        return new EmptySlot();
      }
      if (!entry.isChunked()) {
        return new Value(decodeInline(entry));
      }
      try {
        byte[] body = cache.find(entry);
        if (body == null) {
          body = chunks.read(entry);
          cache.keep(entry, body, 0);
        }
        return new Value(codec.decode(entry.codecTag, body, 0, body.length));
      } catch (ChunkIo.MissingChunkException e) {
        Object again = read(slot);
        if (SlotEntry.same(again, raw) || attempt >= LOAD_ATTEMPTS) {
          throw new CorruptValueException(
              "it is incomplete: " + e.getMessage() + " and no newer save replaced it");
        }
        log.debug("The value in {} was replaced while loading it; loading the new one", slot);
        raw = again;
      }
    }
    return new NoSlot();
  }

  /** What a slot holds, without decoding its value; empty if there is no such slot. */
  public Optional<SlotInfo> info(String slot) {
    Object raw = read(slot);
    if (raw == null) {
      return Optional.empty();
    }
    SlotEntry entry = SlotEntry.parse(raw, settings.maxValueBytes());
    return Optional.of(
        new SlotInfo(
            !entry.isEmpty(),
            entry.storedBytes(),
            entry.isChunked() ? entry.chunkCount() : 0,
            entry.savedAtMillis,
            entry.saver));
  }

  /**
   * What is known of a slot's value without loading it.
   *
   * @param hasValue whether a value is stored
   * @param storedBytes its encoded size
   * @param chunks how many chunks hold it (0: inline)
   * @param savedAtMillis when the slot was last written, by the writer's clock
   * @param saver which process wrote it ({@code pid@host})
   */
  public record SlotInfo(
      boolean hasValue, long storedBytes, int chunks, long savedAtMillis, String saver) {}

  /** Returns whether {@code slot} holds a value. */
  public boolean exists(String slot) {
    return info(slot).map(SlotInfo::hasValue).orElse(false);
  }

  /**
   * Empties {@code slot} if it exists (a release that keeps the binding).
   *
   * @return false if there is no such slot
   */
  public boolean clear(String slot) {
    byte[] empty = SlotEntry.empty(SAVER);
    Object old = write(slot, () -> values.replace(slot, empty));
    dropChunksOf(old, empty);
    return old != null;
  }

  /**
   * Makes slot {@code to} hold what slot {@code from} holds, if both exist, and deletes {@code
   * from} (but not the chunks, which now belong to {@code to}): the bytes of a chunked value are
   * never read, only its manifest moves. Replacing {@code to} is one {@code replace}, as a save is.
   *
   * @return false if either slot is missing; nothing is changed then
   */
  public boolean move(String from, String to) {
    Object raw = read(from);
    if (raw == null) {
      return false;
    }
    SlotEntry.parse(raw, settings.maxValueBytes()); // a corrupt entry is not published
    Object old = write(to, () -> values.replace(to, raw));
    if (old == null) {
      return false;
    }
    dropChunksOf(old, raw);
    calls.run(() -> values.delete(from));
    return true;
  }

  /**
   * The slot entry of {@code encoded} if it stays inline and is at most {@code maxBytes} long, for
   * a caller that carries it elsewhere before {@link #publish publishing} it (nothing is written);
   * null for a larger value.
   */
  public byte[] smallEntry(EncodedValue encoded, int maxBytes) {
    checkSize(encoded);
    if (encoded.length() > settings.inlineMaxBytes() || encoded.length() > maxBytes - 64) {
      return null;
    }
    byte[] entry =
        SlotEntry.inlineArray(
            encoded.tag(), SAVER, encoded.body(), encoded.offset(), encoded.length());
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
    if (SlotEntry.parse(entry, settings.maxValueBytes()).isChunked()) {
      throw new CorruptValueException("it names chunks where an inline value was expected");
    }
    Object old = write(slot, () -> values.replace(slot, entry));
    if (old == null) {
      return false;
    }
    dropChunksOf(old, entry);
    return true;
  }

  /**
   * Decodes an inline entry made by {@link #smallEntry}.
   *
   * @throws CorruptValueException if it is not an inline slot entry holding a value
   * @throws CodecException if the value cannot be decoded
   */
  public Object decodeEntry(byte[] raw) {
    SlotEntry entry = SlotEntry.parse(raw, settings.maxValueBytes());
    if (entry.isEmpty() || entry.isChunked()) {
      throw new CorruptValueException("it holds no inline value");
    }
    return decodeInline(entry);
  }

  /** The value of an inline entry; a split entry's {@code byte[]} body is returned as it is. */
  private Object decodeInline(SlotEntry entry) {
    return codec.decode(
        entry.codecTag, entry.bytes, entry.bodyOffset, entry.bytes.length - entry.bodyOffset);
  }

  /** Deletes {@code slot} and its value's chunks, if any. */
  public void delete(String slot) {
    Objects.requireNonNull(slot, "slot");
    Object old = write(slot, () -> values.remove(slot));
    dropChunksOf(old, null);
  }

  /** What {@code slot} holds, read once; null if there is no such slot. */
  private Object read(String slot) {
    try {
      return calls.get(() -> values.get(slot));
    } catch (HazelcastSerializationException e) {
      throw new CorruptValueException(
          "it holds an object this process refuses to deserialize, where a save writes bytes ("
              + e.getMessage()
              + ")");
    }
  }

  /**
   * Runs a call on {@code slot} that answers with the entry the slot held. An entry this process
   * refuses to deserialize (no save wrote it) comes back as {@link #UNREADABLE}, an entry that is
   * there, is not this call's and names no chunks; the call itself has taken effect on the member
   * (a {@code putIfAbsent} found the slot taken).
   */
  private Object write(String slot, CheckedSupplier<Object> call) {
    try {
      return calls.get(call);
    } catch (HazelcastSerializationException e) {
      log.warn(
          "Catalog {}: slot {} held an entry this process refuses to read ({})",
          catalogName,
          slot,
          e.getMessage());
      return UNREADABLE;
    }
  }

  private EncodedValue checkSize(EncodedValue encoded) {
    if (encoded.length() > settings.maxValueBytes()) {
      throw new ValueTooLargeException(encoded.length(), settings.maxValueBytes());
    }
    return encoded;
  }

  /** The slot entry for {@code encoded}: inline, or (after writing its chunks) a manifest. */
  private Object entryFor(EncodedValue encoded) {
    checkSize(encoded);
    if (encoded.length() <= settings.inlineMaxBytes()) {
      return SlotEntry.inline(
          encoded.tag(), SAVER, encoded.body(), encoded.offset(), encoded.length());
    }
    ChunkIo.Written written = chunks.write(encoded);
    byte[] manifest =
        SlotEntry.manifest(
            encoded.tag(),
            SAVER,
            written.saveId(),
            encoded.length(),
            written.chunkBytes(),
            written.partitionKeys(),
            written.checksums());
    keepLocally(encoded, SlotEntry.parse(manifest, settings.maxValueBytes()));
    return manifest;
  }

  /**
   * Keeps the body of a value this process is saving in the local cache, so a load of it here
   * fetches only its manifest. A {@code byte[]} is kept as is (the cache notices if its owner
   * changes it); another body may live in a buffer the codec reuses, so it is copied.
   */
  private void keepLocally(EncodedValue encoded, SlotEntry manifest) {
    if (!cache.wouldKeep(encoded.length())) {
      return; // before copying it
    }
    if (encoded.tag() == ValueCodec.TAG_BYTES) {
      cache.keep(manifest, encoded.body(), encoded.offset());
    } else {
      byte[] copy =
          Arrays.copyOfRange(encoded.body(), encoded.offset(), encoded.offset() + encoded.length());
      cache.keep(manifest, copy, 0);
    }
  }

  /**
   * Deletes the chunks of {@code replaced} if it was a manifest, unless it is {@code current} (a
   * retried write answers with what its first attempt wrote).
   */
  private void dropChunksOf(Object replaced, Object current) {
    if (replaced == null || SlotEntry.same(replaced, current)) {
      return;
    }
    SlotEntry entry = parseOrNull(replaced);
    if (entry != null && entry.isChunked()) {
      cache.forget(entry.saveId);
      chunks.deleteReplaced(entry);
    }
  }

  private SlotEntry parseOrNull(Object raw) {
    if (raw == UNREADABLE) {
      return null;
    }
    try {
      return SlotEntry.parse(raw, Integer.MAX_VALUE - 64);
    } catch (CorruptValueException e) {
      log.warn(
          "A replaced entry in catalog {} was corrupt ({}); nothing to delete", catalogName, e);
      return null;
    }
  }

  /** For tests: the raw values map. */
  IMap<String, Object> valueMap() {
    return values;
  }

  /** For tests: the raw chunk map. */
  IMap<PartitionAwareKey<String, Integer>, byte[]> chunkMap() {
    return chunks.map();
  }
}
