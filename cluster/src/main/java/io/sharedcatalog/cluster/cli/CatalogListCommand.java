package io.sharedcatalog.cluster.cli;

import io.sharedcatalog.catalog.CatalogConfigResolver;
import io.sharedcatalog.pipeline.Pipeline;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code catalog list}: one line per dataset with its type and where it comes from.
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
          + " With --pipeline, the datasets that pipeline uses."
    })
final class CatalogListCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin CatalogOptions options;

  @Override
  public Integer call() {
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
