package io.sharedcatalog.catalog;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A throwaway timing of catalog lookups (not a test, nothing asserted): {@code contains} with 1,001
 * patterns, and {@code names()} with 100,000 datasets. Run after {@code mvn -pl catalog
 * test-compile} with {@code catalog/target/classes}, {@code catalog/target/test-classes},
 * slf4j-api, slf4j-simple and snakeyaml-engine on the classpath.
 */
public final class CatalogLookupTiming {
  private static final Logger log = LoggerFactory.getLogger(CatalogLookupTiming.class);

  private CatalogLookupTiming() {}

  /** Runs the timings and logs them. */
  public static void main(String[] args) {
    Map<String, Object> config = new LinkedHashMap<>();
    for (int i = 0; i < 1000; i++) {
      String pattern =
          switch (i % 4) {
            case 0 -> "ns" + i + ".{name}";
            case 1 -> "{ns}.table" + i;
            case 2 -> "layer" + i + ".{ns}.{name}_csv";
            default -> "{a}_" + i + "_{b}";
          };
      config.put(pattern, Map.of("type", "MemoryDataset"));
    }
    config.put("{default}", Map.of("type", "MemoryDataset"));
    DataCatalog catalog = DataCatalog.fromConfig(config);
    Random random = new Random(1);
    long hits = 0;
    for (int round = 0; round < 3; round++) {
      int calls = 200_000;
      String[] fresh = new String[calls];
      for (int i = 0; i < calls; i++) {
        fresh[i] = name(i, random.nextInt(1000), i);
      }
      long start = System.nanoTime();
      for (String name : fresh) {
        hits += catalog.contains(name) ? 1 : 0;
      }
      log.info(
          "contains, 1,001 patterns, every name new: {} us/call",
          String.format("%.3f", (System.nanoTime() - start) / 1e3 / calls));
    }
    String[] recurring = new String[1024];
    for (int i = 0; i < recurring.length; i++) {
      recurring[i] = name(i, random.nextInt(1000), 0);
    }
    for (int round = 0; round < 3; round++) {
      int calls = 1_000_000;
      long start = System.nanoTime();
      for (int i = 0; i < calls; i++) {
        hits += catalog.contains(recurring[i & 1023]) ? 1 : 0;
      }
      log.info(
          "contains, 1,001 patterns, 1,024 recurring names: {} us/call",
          String.format("%.3f", (System.nanoTime() - start) / 1e3 / calls));
    }
    DataCatalog big = new DataCatalog();
    for (int i = 0; i < 100_000; i++) {
      big.putData("ds" + i, i);
    }
    for (int round = 0; round < 3; round++) {
      long start = System.nanoTime();
      Set<String> names = big.names();
      int size = names.size();
      boolean contains = names.contains("ds99999");
      long called = System.nanoTime();
      int iterated = 0;
      for (String ignored : names) {
        iterated++;
      }
      long end = System.nanoTime();
      log.info(
          "names() at {} datasets: call+size+contains {} ms, full iteration of {} {} ms ({})",
          size,
          String.format("%.3f", (called - start) / 1e6),
          iterated,
          String.format("%.3f", (end - called) / 1e6),
          contains);
    }
    log.info("({} hits)", hits);
  }

  private static String name(int i, int k, int unique) {
    return switch (i % 5) {
      case 0 -> "ns" + k + ".foo" + unique;
      case 1 -> "x" + unique + ".table" + k;
      case 2 -> "layer" + k + ".raw" + unique + ".boats_csv";
      case 3 -> "q" + unique + "_" + k + "_z";
      default -> "nothing_matches_" + k + "_" + unique;
    };
  }
}
