package io.sharedcatalog.cluster.internal.store;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link ValueStore} lays values out in the cluster.
 *
 * <p>This class is thread-safe (immutable).
 *
 * @param inlineMaxBytes encoded values up to this size are stored inline in one map entry (one
 *     {@code set}, one {@code get}); larger ones are chunked
 * @param chunkBytes the size of each chunk of a chunked value
 * @param maxInFlightBytes how many chunk bytes a save or load keeps in flight at once
 * @param orphanGrace how old the record of an unfinished save must be before a sweep treats it as
 *     abandoned and deletes its chunks
 * @param sweepInterval the least time between two orphan sweeps started by one store
 */
public record StoreSettings(
    int inlineMaxBytes,
    int chunkBytes,
    long maxInFlightBytes,
    Duration orphanGrace,
    Duration sweepInterval) {

  /**
   * Default inline limit: 2 MiB. Up to this size one entry (one {@code set}, one {@code get}) is
   * faster than chunking, and a partition thread is busy with it for only a few milliseconds.
   */
  public static final int DEFAULT_INLINE_MAX_BYTES = 2 << 20;

  /**
   * Default chunk size: 2 MiB less 4 KiB, so that a chunk, with Hazelcast's and the JVM's headers,
   * fits in two 1 MiB G1 regions of a member with a heap of up to 2 GiB, wasting none (a chunk of
   * exactly 1 MiB took two regions: a 64 MiB value then held 2x its size in live member heap).
   * Against 1 MiB less 4 KiB, half as many chunks cost measurably less CPU: 64 MiB handoffs took
   * 195-222 ms instead of 208-237 ms (three runs each, two members, two cores).
   */
  public static final int DEFAULT_CHUNK_BYTES = (2 << 20) - (4 << 10);

  /** Default bytes in flight per save: four chunks. */
  public static final long DEFAULT_MAX_IN_FLIGHT_BYTES = 8L << 20;

  /** Checks the settings. */
  public StoreSettings {
    if (inlineMaxBytes < 0 || inlineMaxBytes > 4 << 20) {
      throw new IllegalArgumentException(
          "inlineMaxBytes must be between 0 and 4 MiB but was " + inlineMaxBytes);
    }
    if (chunkBytes < 1 || chunkBytes > 4 << 20) {
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
    Objects.requireNonNull(orphanGrace, "orphanGrace");
    Objects.requireNonNull(sweepInterval, "sweepInterval");
  }

  /**
   * The defaults, each overridable by a system property: {@code sharedcatalog.store.inlineMaxBytes}
   * (2 MiB), {@code sharedcatalog.store.chunkBytes} (2 MiB - 4 KiB), {@code
   * sharedcatalog.store.maxInFlightBytes} (8 MiB), {@code sharedcatalog.store.orphanGraceSeconds}
   * (300), {@code sharedcatalog.store.sweepIntervalSeconds} (30).
   */
  public static StoreSettings defaults() {
    return new StoreSettings(
        Integer.getInteger("sharedcatalog.store.inlineMaxBytes", DEFAULT_INLINE_MAX_BYTES),
        Integer.getInteger("sharedcatalog.store.chunkBytes", DEFAULT_CHUNK_BYTES),
        Long.getLong("sharedcatalog.store.maxInFlightBytes", DEFAULT_MAX_IN_FLIGHT_BYTES),
        Duration.ofSeconds(Long.getLong("sharedcatalog.store.orphanGraceSeconds", 300)),
        Duration.ofSeconds(Long.getLong("sharedcatalog.store.sweepIntervalSeconds", 30)));
  }

  /** Returns these settings with another inline limit and chunk size. */
  public StoreSettings withChunking(int inlineMax, int chunk) {
    return new StoreSettings(inlineMax, chunk, maxInFlightBytes, orphanGrace, sweepInterval);
  }

  /** Returns these settings with another orphan grace period and sweep interval. */
  public StoreSettings withSweeping(Duration grace, Duration interval) {
    return new StoreSettings(inlineMaxBytes, chunkBytes, maxInFlightBytes, grace, interval);
  }
}
