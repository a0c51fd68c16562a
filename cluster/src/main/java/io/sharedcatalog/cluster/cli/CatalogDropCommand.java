package io.sharedcatalog.cluster.cli;

import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.cluster.internal.CatalogInspector;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code catalog drop}: destroys a shared catalog in a running cluster, with every dataset and
 * value, after {@code --yes}.
 *
 * <p>This class is not thread-safe.
 */
@Command(
    name = "drop",
    mixinStandardHelpOptions = true,
    description = {
      "Destroys a shared catalog in a running cluster: its registry, values, chunks, order list"
          + " and ids, for every member and client.",
      "Without --yes it only says what it would drop. Drop a catalog no process is connected"
          + " to: a process that stays connected keeps its handles to the destroyed objects and"
          + " should connect again."
    })
final class CatalogDropCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--catalog-name",
      paramLabel = "NAME",
      required = true,
      description = "The shared catalog to drop.")
  String catalogName;

  @Option(names = "--yes", description = "Really drop it.")
  boolean yes;

  @Mixin ClusterOptions cluster;

  @Override
  public Integer call() {
    HazelcastInstance client = cluster.connect(spec);
    try {
      CatalogInspector inspector = LiveCatalogs.inspector(client, catalogName);
      LiveCatalogs.Totals totals = LiveCatalogs.Totals.of(inspector.datasets());
      String what =
          totals.datasets()
              + " dataset"
              + (totals.datasets() == 1 ? "" : "s")
              + " ("
              + LiveCatalogs.bytes(totals.storedBytes())
              + " stored)";
      if (!yes) {
        throw new CliException(
            ExitCodes.USAGE,
            "Dropping shared catalog '"
                + catalogName
                + "' would delete its "
                + what
                + " for every member and client of cluster '"
                + client.getConfig().getClusterName()
                + "'; add --yes to drop it.");
      }
      List<String> destroyed = inspector.drop();
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          "Dropped shared catalog '%s': %s; destroyed %s.%n",
          catalogName, what, String.join(", ", destroyed));
      out.flush();
      return ExitCodes.OK;
    } finally {
      client.shutdown();
    }
  }
}
