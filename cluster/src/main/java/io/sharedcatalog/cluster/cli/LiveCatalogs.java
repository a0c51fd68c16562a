package io.sharedcatalog.cluster.cli;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.json.JsonUtil;
import io.sharedcatalog.cluster.internal.CatalogInspector;
import io.sharedcatalog.cluster.internal.CatalogInspector.DatasetInfo;
import io.sharedcatalog.cluster.internal.CatalogInspector.State;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the live {@code catalog} commands print about the shared catalogs of a running cluster: the
 * text tables and the JSON documents (written with Hazelcast's {@link JsonUtil}), from what {@link
 * CatalogInspector} reads.
 *
 * <p>This class is thread-safe (it has no state).
 */
final class LiveCatalogs {
  private LiveCatalogs() {}

  /**
   * The inspector of catalog {@code catalogName}, which must exist in the cluster.
   *
   * @throws CliException with {@link ExitCodes#BAD_INPUT} naming the catalogs there otherwise
   */
  static CatalogInspector inspector(HazelcastInstance hz, String catalogName) {
    List<String> names = CatalogInspector.catalogNames(hz);
    if (!names.contains(catalogName)) {
      throw new CliException(
          ExitCodes.BAD_INPUT,
          "Shared catalog '"
              + catalogName
              + "' not found in cluster '"
              + hz.getConfig().getClusterName()
              + "'; "
              + (names.isEmpty()
                  ? "the cluster holds no shared catalog."
                  : "catalogs there: "
                      + String.join(", ", names.subList(0, Math.min(names.size(), 20)))
                      + (names.size() > 20 ? ", ..." : "")
                      + ". Check --catalog-name."));
    }
    return CatalogInspector.of(hz, catalogName);
  }

  /** The totals of a catalog's datasets. */
  record Totals(int datasets, int withValue, long storedBytes, int lost) {
    static Totals of(List<DatasetInfo> datasets) {
      int withValue = 0;
      int lost = 0;
      long bytes = 0;
      for (DatasetInfo info : datasets) {
        if (info.state() == State.VALUE) {
          withValue++;
          bytes += info.storedBytes();
        } else if (info.state() == State.LOST) {
          lost++;
        }
      }
      return new Totals(datasets.size(), withValue, bytes, lost);
    }

    Map<String, Object> toJson() {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("datasets", datasets);
      json.put("withValue", withValue);
      json.put("storedBytes", storedBytes);
      json.put("lost", lost);
      return json;
    }
  }

  /** Prints {@code catalog list} of a live catalog as a table. */
  static void printList(
      PrintWriter out,
      String clusterName,
      String catalogName,
      List<DatasetInfo> datasets,
      List<String> unregistered,
      Optional<String> partitionLoss) {
    Totals totals = Totals.of(datasets);
    out.printf(
        "Shared catalog '%s' in cluster '%s': %d dataset%s, %d with a value (%s stored)%s.%n",
        catalogName,
        clusterName,
        totals.datasets(),
        totals.datasets() == 1 ? "" : "s",
        totals.withValue(),
        bytes(totals.storedBytes()),
        totals.lost() == 0 ? "" : ", " + totals.lost() + " LOST");
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"NAME", "TYPE", "VALUE", "SIZE", "STORED", "SAVED AT", "SAVED BY"});
    for (DatasetInfo info : datasets) {
      boolean value = info.state() == State.VALUE;
      rows.add(
          new String[] {
            info.name(),
            info.type(),
            valueLabel(info.state()),
            value ? bytes(info.storedBytes()) : "-",
            value ? storage(info) : "-",
            value ? savedAt(info.savedAtMillis()) : "-",
            value ? info.saver() : "-"
          });
    }
    printTable(out, rows);
    for (DatasetInfo info : datasets) {
      if (info.state() == State.LOST) {
        out.printf(
            "LOST: '%s' is registered but its value's slot %s is missing: the value was lost with"
                + " members (more failed at once than there are backups). Save it again.%n",
            info.name(), info.slot());
      } else if (info.state() == State.CORRUPT) {
        out.printf(
            "CORRUPT: the stored value of '%s' is not what a save writes (%s). Save it again.%n",
            info.name(), info.problem());
      }
    }
    if (!unregistered.isEmpty()) {
      out.printf(
          "UNREGISTERED: %s %s in the catalog's order list but %s no registration (lost with"
              + " members, or a registration that did not complete): %s. Register and save %s"
              + " again.%n",
          unregistered.size(),
          unregistered.size() == 1 ? "name is" : "names are",
          unregistered.size() == 1 ? "has" : "have",
          String.join(", ", unregistered),
          unregistered.size() == 1 ? "it" : "them");
    }
    partitionLoss.ifPresent(
        loss -> out.printf("This process saw the cluster lose partitions: %s.%n", loss));
  }

  /** The JSON document of {@code catalog list --json} of a live catalog. */
  static String listJson(
      String clusterName,
      String catalogName,
      List<DatasetInfo> datasets,
      List<String> unregistered,
      Optional<String> partitionLoss) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("catalog", catalogName);
    json.put("cluster", clusterName);
    List<Object> entries = new ArrayList<>();
    for (DatasetInfo info : datasets) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("name", info.name());
      entry.put("type", info.type());
      entry.put("state", info.state().name().toLowerCase(Locale.ROOT).replace('_', '-'));
      entry.put("hasValue", info.state() == State.VALUE);
      entry.put("lost", info.state() == State.LOST);
      entry.put("slot", info.slot());
      if (info.state() == State.VALUE) {
        entry.put("storedBytes", info.storedBytes());
        entry.put("storage", info.chunks() == 0 ? "inline" : "chunked");
        entry.put("chunks", info.chunks());
        entry.put("savedAt", Instant.ofEpochMilli(info.savedAtMillis()).toString());
        entry.put("savedAtMillis", info.savedAtMillis());
        entry.put("savedBy", info.saver());
      }
      if (!info.problem().isEmpty()) {
        entry.put("problem", info.problem());
      }
      entries.add(entry);
    }
    json.put("datasets", entries);
    json.put("unregistered", unregistered);
    json.put("totals", Totals.of(datasets).toJson());
    partitionLoss.ifPresent(loss -> json.put("partitionLoss", loss));
    return toJson(json);
  }

  /** One catalog's line in {@code catalog catalogs}. */
  record CatalogSummary(String name, Totals totals) {}

  /** Prints {@code catalog catalogs} as a table. */
  static void printCatalogs(PrintWriter out, String clusterName, List<CatalogSummary> catalogs) {
    if (catalogs.isEmpty()) {
      out.printf("No shared catalog in cluster '%s'.%n", clusterName);
      return;
    }
    out.printf(
        "%d shared catalog%s in cluster '%s':%n",
        catalogs.size(), catalogs.size() == 1 ? "" : "s", clusterName);
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"CATALOG", "DATASETS", "WITH VALUE", "STORED", "LOST"});
    for (CatalogSummary catalog : catalogs) {
      Totals totals = catalog.totals();
      rows.add(
          new String[] {
            catalog.name(),
            String.valueOf(totals.datasets()),
            String.valueOf(totals.withValue()),
            bytes(totals.storedBytes()),
            String.valueOf(totals.lost())
          });
    }
    printTable(out, rows);
  }

  /** The JSON document of {@code catalog catalogs --json}. */
  static String catalogsJson(String clusterName, List<CatalogSummary> catalogs) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("cluster", clusterName);
    List<Object> entries = new ArrayList<>();
    for (CatalogSummary catalog : catalogs) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("name", catalog.name());
      entry.putAll(catalog.totals().toJson());
      entries.add(entry);
    }
    json.put("catalogs", entries);
    return toJson(json);
  }

  /** A byte count as people read it: {@code 812 B}, {@code 12.3 KiB}, {@code 64.0 MiB}. */
  static String bytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }

  private static String valueLabel(State state) {
    return switch (state) {
      case VALUE -> "yes";
      case EMPTY -> "empty";
      case LOST -> "LOST";
      case NOT_SHARED -> "not in cluster";
      case CORRUPT -> "CORRUPT";
    };
  }

  private static String storage(DatasetInfo info) {
    return info.chunks() == 0
        ? "inline"
        : info.chunks() + " chunk" + (info.chunks() == 1 ? "" : "s");
  }

  private static String savedAt(long millis) {
    return Instant.ofEpochMilli(millis).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static void printTable(PrintWriter out, List<String[]> rows) {
    int columns = rows.get(0).length;
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        line.append(row[i]);
        if (i < columns - 1) {
          line.append(" ".repeat(widths[i] - row[i].length() + 2));
        }
      }
      out.println(line.toString().stripTrailing());
    }
  }

  private static String toJson(Object value) {
    try {
      return JsonUtil.toJson(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
