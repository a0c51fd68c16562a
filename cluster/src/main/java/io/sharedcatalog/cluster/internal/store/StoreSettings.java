package io.sharedcatalog.cluster.internal.store;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.LoggerFactory;

/**
 * How a {@link ValueStore} lays values out in the cluster, and the limits it enforces.
 *
 * <p>This class is thread-safe (immutable).
 *
 * @param inlineMaxBytes encoded values up to this size are stored inside their slot (one {@code
 *     replace} to save, one {@code get} to load); larger ones are chunked and the slot holds a
 *     small manifest. {@code IMap.replace} sends the replaced entry back, so this stays no larger
 *     than a chunk.
 * @param chunkBytes the size of each chunk of a chunked value
 * @param maxInFlightBytes how many chunk bytes a save keeps in flight at once
 * @param chunkTtl how long a chunk lives before the manifest that names it is published; a writer
 *     that dies mid-save leaves chunks that expire after this
 * @param maxValueBytes the largest encoded value a save accepts and a load believes a manifest
 *     about; larger saves are refused before their first byte is sent
 */
public record StoreSettings(
    int inlineMaxBytes,
    int chunkBytes,
    long maxInFlightBytes,
    Duration chunkTtl,
    long maxValueBytes) {

  /** System property overriding {@link #maxValueBytes()}. */
  public static final String MAX_VALUE_BYTES_PROPERTY = "sharedcatalog.store.maxValueBytes";

  /**
   * Default chunk size: 2 MiB less 4 KiB, so that a chunk, with Hazelcast's and the JVM's headers,
   * fits in two 1 MiB G1 regions of a member with a heap of up to 2 GiB, wasting none.
   */
  public static final int DEFAULT_CHUNK_BYTES = (2 << 20) - (4 << 10);

  /**
   * Default inline limit: one chunk ({@link #DEFAULT_CHUNK_BYTES}), so every chunked value has at
   * least two chunks. A save up to this size is one conditional {@code replace}, whose answer (the
   * replaced entry, at most this size) was measured to cost less than the two extra round trips of
   * a one-chunk value (making its chunk permanent, then publishing its manifest) and the extra
   * round trip of loading it: 1 MiB and 2 MiB save-and-load took 0.73 and 0.87 of the chunked time
   * on this project's 2-core machine.
   */
  public static final int DEFAULT_INLINE_MAX_BYTES = DEFAULT_CHUNK_BYTES;

  /** Default bytes in flight per save: four chunks, so small reads of others stay unblocked. */
  public static final long DEFAULT_MAX_IN_FLIGHT_BYTES = 8L << 20;

  /** Default chunk lifetime before publication: five minutes. */
  public static final Duration DEFAULT_CHUNK_TTL = Duration.ofMinutes(5);

  /** Default largest value: 1 GiB (lowered to what the members can hold where it is known). */
  public static final long DEFAULT_MAX_VALUE_BYTES = 1L << 30;

  /** The largest chunk size accepted, in settings and in manifests read from the cluster. */
  static final int MAX_CHUNK_BYTES = 4 << 20;

  /** Checks the settings. */
  public StoreSettings {
    if (inlineMaxBytes < 0 || inlineMaxBytes > MAX_CHUNK_BYTES) {
      throw new IllegalArgumentException(
          "inlineMaxBytes must be between 0 and 4 MiB but was " + inlineMaxBytes);
    }
    if (chunkBytes < 1 || chunkBytes > MAX_CHUNK_BYTES) {
      throw new IllegalArgumentException(
          "chunkBytes must be between 1 and 4 MiB but was " + chunkBytes);
    }
    if (maxInFlightBytes < chunkBytes) {
      throw new IllegalArgumentException(
          "maxInFlightBytes must be at least chunkBytes ("
              + chunkBytes
              + ") but was "
              + maxInFlightBytes);
    }
    Objects.requireNonNull(chunkTtl, "chunkTtl");
    if (chunkTtl.toSeconds() < 1) {
      throw new IllegalArgumentException("chunkTtl must be at least 1 s but was " + chunkTtl);
    }
    if (maxValueBytes < 1 || maxValueBytes > Integer.MAX_VALUE - 64) {
      throw new IllegalArgumentException(
          "maxValueBytes must be between 1 and 2 GiB but was " + maxValueBytes);
    }
  }

  /**
   * The defaults, each overridable by a system property: {@code sharedcatalog.store.inlineMaxBytes}
   * (2 MiB - 4 KiB), {@code sharedcatalog.store.chunkBytes} (2 MiB - 4 KiB), {@code
   * sharedcatalog.store.maxInFlightBytes} (8 MiB), {@code sharedcatalog.store.chunkTtlSeconds}
   * (300), {@value #MAX_VALUE_BYTES_PROPERTY} (1 GiB).
   */
  public static StoreSettings defaults() {
    return new StoreSettings(
        Integer.getInteger("sharedcatalog.store.inlineMaxBytes", DEFAULT_INLINE_MAX_BYTES),
        Integer.getInteger("sharedcatalog.store.chunkBytes", DEFAULT_CHUNK_BYTES),
        Long.getLong("sharedcatalog.store.maxInFlightBytes", DEFAULT_MAX_IN_FLIGHT_BYTES),
        Duration.ofSeconds(
            Long.getLong("sharedcatalog.store.chunkTtlSeconds", DEFAULT_CHUNK_TTL.toSeconds())),
        Long.getLong(MAX_VALUE_BYTES_PROPERTY, DEFAULT_MAX_VALUE_BYTES));
  }

  /**
   * The {@link #defaults()}, with the largest value also bounded by the members' heaps ({@link
   * #memberHeapLimit}) unless {@value #MAX_VALUE_BYTES_PROPERTY} sets it.
   */
  static StoreSettings defaultsFor(HazelcastInstance hz) {
    StoreSettings settings = defaults();
    return maxValueBytesIsExplicit()
        ? settings
        : settings.withMaxValueBytes(memberHeapLimit(hz, settings.maxValueBytes()));
  }

  /**
   * Half the smallest heap among members that publish theirs ({@link ValueStore#HEAP_ATTRIBUTE}),
   * capped by {@code cap}: a value, its backup and, during a replace, the value it replaces must
   * fit.
   */
  static long memberHeapLimit(HazelcastInstance hz, long cap) {
    long limit = cap;
    try {
      for (Member member : hz.getCluster().getMembers()) {
        String heap = member.getAttribute(ValueStore.HEAP_ATTRIBUTE);
        if (heap != null) {
          limit = Math.min(limit, Long.parseLong(heap) / 2);
        }
      }
    } catch (RuntimeException e) {
      LoggerFactory.getLogger(StoreSettings.class)
          .debug("Could not read the members' heap sizes; using {} bytes", cap, e);
    }
    return Math.max(1, limit);
  }

  /** Whether {@link #maxValueBytes()} was set by {@value #MAX_VALUE_BYTES_PROPERTY}. */
  static boolean maxValueBytesIsExplicit() {
    return System.getProperty(MAX_VALUE_BYTES_PROPERTY) != null;
  }

  /** Returns these settings with another inline limit and chunk size. */
  public StoreSettings withChunking(int inlineMax, int chunk) {
    return new StoreSettings(inlineMax, chunk, maxInFlightBytes, chunkTtl, maxValueBytes);
  }

  /** Returns these settings with another chunk lifetime before publication. */
  public StoreSettings withChunkTtl(Duration ttl) {
    return new StoreSettings(inlineMaxBytes, chunkBytes, maxInFlightBytes, ttl, maxValueBytes);
  }

  /** Returns these settings with another largest value. */
  public StoreSettings withMaxValueBytes(long max) {
    return new StoreSettings(inlineMaxBytes, chunkBytes, maxInFlightBytes, chunkTtl, max);
  }
}
