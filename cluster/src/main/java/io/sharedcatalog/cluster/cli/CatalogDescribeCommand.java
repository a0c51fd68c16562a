package io.sharedcatalog.cluster.cli;

import io.sharedcatalog.catalog.CatalogConfigResolver;
import io.sharedcatalog.pipeline.Pipeline;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code catalog describe}: per pipeline, its datasets grouped by where they come from and by type
 * (Kedro's {@code kedro catalog describe-datasets}).
 *
 * <p>This class is not thread-safe.
 */
@Command(
    name = "describe",
    mixinStandardHelpOptions = true,
    description = {
      "Describes each pipeline's datasets (Kedro's describe-datasets).",
      "As YAML, grouped by where they come from (datasets, factories, defaults) and by type."
    })
final class CatalogDescribeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin CatalogOptions options;

  @Override
  public Integer call() {
    CatalogConfigResolver resolver = options.resolver();
    Map<String, Object> described = new LinkedHashMap<>();
    for (Map.Entry<String, Pipeline> pipeline : options.pipelines().entrySet()) {
      List<CatalogOptions.Entry> entries =
          CatalogOptions.classify(
              resolver, CatalogOptions.namesWith(resolver, pipeline.getValue()));
      Map<String, Object> groups = new LinkedHashMap<>();
      for (CatalogOptions.Source source : CatalogOptions.Source.values()) {
        groups.put(source.label, CatalogOptions.byType(entries, source));
      }
      described.put(pipeline.getKey(), groups);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(Yaml.dump(described));
    out.flush();
    return ExitCodes.OK;
  }
}
