package io.sharedcatalog.datasets.internal;

import java.util.Set;

/**
 * Defaults pandas' readers share.
 *
 * <p>This class is thread-safe.
 */
public final class CsvFormatDefaults {
  /** pandas' default missing-value markers. */
  public static final Set<String> NA = CsvFormat.DEFAULT_NA;

  private CsvFormatDefaults() {}
}
