package io.sharedcatalog.cluster.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code catalog patterns}: the dataset factory patterns, most specific first (Kedro's {@code kedro
 * catalog list-patterns}).
 *
 * <p>This class is not thread-safe.
 */
@Command(
    name = "patterns",
    mixinStandardHelpOptions = true,
    description =
        "Lists the catalog's dataset patterns, most specific first (Kedro's list-patterns).")
final class CatalogPatternsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin CatalogOptions options;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    for (String pattern : options.resolver().listPatterns()) {
      out.println(pattern);
    }
    out.flush();
    return ExitCodes.OK;
  }
}
