package io.sharedcatalog.cluster.cli;

import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.cluster.internal.CatalogInspector;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code catalog catalogs}: the shared catalogs of a running cluster, with their dataset counts and
 * stored bytes.
 *
 * <p>This class is not thread-safe.
 */
@Command(
    name = "catalogs",
    mixinStandardHelpOptions = true,
    description = {
      "Lists the shared catalogs in a running cluster.",
      "One line per catalog: its datasets, how many have a value, the bytes their values take in"
          + " the cluster, and how many were lost with members."
    })
final class CatalogCatalogsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print one JSON document instead of a table.")
  boolean json;

  @Mixin ClusterOptions cluster;

  @Override
  public Integer call() {
    HazelcastInstance client = cluster.connect(spec);
    try {
      List<LiveCatalogs.CatalogSummary> summaries = new ArrayList<>();
      for (String name : CatalogInspector.catalogNames(client)) {
        summaries.add(
            new LiveCatalogs.CatalogSummary(
                name, LiveCatalogs.Totals.of(CatalogInspector.of(client, name).datasets())));
      }
      String clusterName = client.getConfig().getClusterName();
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(LiveCatalogs.catalogsJson(clusterName, summaries));
      } else {
        LiveCatalogs.printCatalogs(out, clusterName, summaries);
      }
      out.flush();
      return ExitCodes.OK;
    } finally {
      client.shutdown();
    }
  }
}
