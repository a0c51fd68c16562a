package io.sharedcatalog.catalog.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Generates version strings: UTC timestamps {@code yyyy-MM-dd'T'HH.mm.ss.SSS'Z'}, strictly
 * increasing within this process (two saves in the same millisecond get different versions).
 *
 * <p>This class is thread-safe.
 */
public final class VersionTimestamps {
  /** The format of generated versions. */
  public static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH.mm.ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private static final AtomicLong LAST = new AtomicLong();

  private VersionTimestamps() {}

  /** Returns a new version, later than every version this process generated before. */
  public static String generate() {
    long now = System.currentTimeMillis();
    long millis = LAST.updateAndGet(last -> Math.max(last + 1, now));
    return FORMAT.format(Instant.ofEpochMilli(millis));
  }
}
