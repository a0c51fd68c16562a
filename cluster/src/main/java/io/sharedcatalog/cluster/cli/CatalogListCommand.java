package io.sharedcatalog.cluster.cli;

import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.catalog.CatalogConfigResolver;
import io.sharedcatalog.cluster.internal.CatalogInspector;
import io.sharedcatalog.pipeline.Pipeline;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code catalog list}: with {@code --catalog FILE}, one line per dataset of the file with its type
 * and where it comes from; with {@code --catalog-name NAME}, every dataset of that shared catalog
 * in a running cluster with its value's state, size and last save.
 *
 * <p>This class is not thread-safe.
 */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = {
      "Lists the catalog's datasets with their types.",
      "One line per dataset: name, type, and where it comes from (datasets: configured by name;"
          + " factories: matched by a pattern; defaults: the shared catalog's runtime pattern)."
          + " With --pipeline, the datasets that pipeline uses.",
      "With --catalog-name instead of --catalog: every dataset of that shared catalog in a running"
          + " cluster, in catalog order, with its type, whether it has a value, the value's stored"
          + " size (inline or in chunks), when and by which process it was last saved, and LOST"
          + " for a shared dataset whose value was lost with members."
    })
final class CatalogListCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--catalog",
      paramLabel = "FILE",
      description = "The catalog.yml to read (a credentials.yml beside it is read too).")
  Path catalog;

  @Option(
      names = "--pipeline",
      paramLabel = "NAME",
      description =
          "With --catalog: look at this registered pipeline's datasets. Default: every registered"
              + " one.")
  String pipeline;

  @Option(
      names = "--catalog-name",
      paramLabel = "NAME",
      description = "List the shared catalog of this name in a running cluster.")
  String catalogName;

  @Option(
      names = "--json",
      description = "With --catalog-name: print one JSON document instead of a table.")
  boolean json;

  @Mixin ClusterOptions cluster;

  @Override
  public Integer call() {
    if (catalog != null && catalogName != null) {
      throw new ParameterException(
          spec.commandLine(),
          "Give either --catalog FILE (a catalog file) or --catalog-name NAME (a shared catalog in"
              + " a cluster), not both.");
    }
    if (catalogName != null) {
      return listLive();
    }
    if (catalog == null) {
      throw new ParameterException(
          spec.commandLine(),
          "Missing required option: '--catalog=FILE' (a catalog file) or '--catalog-name=NAME' (a"
              + " shared catalog in a running cluster).");
    }
    if (json) {
      throw new ParameterException(
          spec.commandLine(), "--json works with --catalog-name only, not with --catalog.");
    }
    CatalogOptions options = new CatalogOptions();
    options.catalog = catalog;
    options.pipeline = pipeline;
    CatalogConfigResolver resolver = options.resolver();
    PrintWriter out = spec.commandLine().getOut();
    if (options.pipeline == null) {
      print(out, CatalogOptions.classify(resolver, CatalogOptions.configuredNames(resolver)));
    } else {
      for (Map.Entry<String, Pipeline> pipeline : options.pipelines().entrySet()) {
        print(
            out,
            CatalogOptions.classify(
                resolver, CatalogOptions.namesWith(resolver, pipeline.getValue())));
      }
    }
    out.flush();
    return ExitCodes.OK;
  }

  private Integer listLive() {
    if (pipeline != null) {
      throw new ParameterException(
          spec.commandLine(), "--pipeline works with --catalog only, not with --catalog-name.");
    }
    HazelcastInstance client = cluster.connect(spec);
    try {
      CatalogInspector inspector = LiveCatalogs.inspector(client, catalogName);
      var datasets = inspector.datasets();
      String clusterName = client.getConfig().getClusterName();
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(
            LiveCatalogs.listJson(
                clusterName,
                catalogName,
                datasets,
                inspector.unregisteredNames(),
                inspector.partitionLoss()));
      } else {
        LiveCatalogs.printList(
            out,
            clusterName,
            catalogName,
            datasets,
            inspector.unregisteredNames(),
            inspector.partitionLoss());
      }
      out.flush();
      return ExitCodes.OK;
    } finally {
      client.shutdown();
    }
  }

  private static void print(PrintWriter out, List<CatalogOptions.Entry> entries) {
    int width = entries.stream().mapToInt(entry -> entry.name().length()).max().orElse(0);
    int typeWidth = entries.stream().mapToInt(entry -> entry.type().length()).max().orElse(0);
    for (CatalogOptions.Entry entry : entries) {
      out.printf(
          "%-" + width + "s  %-" + typeWidth + "s  %s%n",
          entry.name(),
          entry.type(),
          entry.source().label);
    }
  }
}
