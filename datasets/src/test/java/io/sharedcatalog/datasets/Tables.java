package io.sharedcatalog.datasets;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test data shared by the dataset tests. */
final class Tables {
  private Tables() {}

  static List<Shuttle> shuttles(int count) {
    List<Shuttle> shuttles = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      shuttles.add(
          new Shuttle(
              1000L + i,
              i % 2 == 0 ? "Type V5" : "Type F5",
              1 + i % 4,
              1325.5 + i,
              i % 3 == 0,
              LocalDate.of(2020, 1, 1).plusDays(i)));
    }
    return shuttles;
  }

  /** Rows as maps, keys deliberately not in alphabetical order. */
  static List<Map<String, Object>> rows() {
    List<Map<String, Object>> rows = new ArrayList<>();
    rows.add(row("zeta", 1L, "alpha", 2.5, "mid", true));
    rows.add(row("zeta", 2L, "alpha", 3.0, "mid", false));
    rows.add(row("zeta", 3L, "alpha", null, "mid", true));
    return rows;
  }

  private static Map<String, Object> row(
      String k1, Object v1, String k2, Object v2, String k3, Object v3) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put(k1, v1);
    row.put(k2, v2);
    row.put(k3, v3);
    return row;
  }

  static Map<String, Object> config(Object... keysAndValues) {
    Map<String, Object> config = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      config.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return config;
  }
}
