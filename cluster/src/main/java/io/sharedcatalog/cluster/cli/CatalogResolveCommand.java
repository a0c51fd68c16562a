package io.sharedcatalog.cluster.cli;

import io.sharedcatalog.catalog.CatalogConfigResolver;
import io.sharedcatalog.pipeline.Pipeline;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code catalog resolve}: the configured datasets and the pipelines' datasets that a pattern
 * matches, with their filled-in config, as YAML (Kedro's {@code kedro catalog resolve-patterns}).
 *
 * <p>This class is not thread-safe.
 */
@Command(
    name = "resolve",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the resolved config of the datasets (Kedro's resolve-patterns).",
      "As YAML: every configured dataset, and every dataset of the pipeline(s) that a pattern of"
          + " the catalog matches, placeholders filled in."
    })
final class CatalogResolveCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin CatalogOptions options;

  @Override
  public Integer call() {
    CatalogConfigResolver resolver = options.resolver();
    Set<String> names = new LinkedHashSet<>(CatalogOptions.configuredNames(resolver));
    for (Pipeline pipeline : options.pipelines().values()) {
      names.addAll(new java.util.TreeSet<>(pipeline.datasets()));
    }
    Map<String, Object> resolved = new LinkedHashMap<>();
    for (CatalogOptions.Entry entry : CatalogOptions.classify(resolver, names)) {
      switch (entry.source()) {
        case DATASETS -> resolved.put(entry.name(), resolver.config().get(entry.name()));
        case FACTORIES -> resolved.put(entry.name(), resolver.resolvePattern(entry.name()));
        case DEFAULTS -> {
          // Kedro leaves out datasets that only the runtime default would create.
        }
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(Yaml.dump(resolved));
    out.flush();
    return ExitCodes.OK;
  }
}
