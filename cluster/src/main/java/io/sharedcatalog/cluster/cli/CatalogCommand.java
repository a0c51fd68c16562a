package io.sharedcatalog.cluster.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code catalog}: looks at a catalog file without running anything, Kedro's {@code kedro catalog}
 * commands; and at the shared catalogs of a running cluster, which it can also free.
 *
 * <p>This class is not thread-safe.
 */
@Command(
    name = "catalog",
    mixinStandardHelpOptions = true,
    description = {
      "Shows what a catalog file defines (Kedro's kedro catalog commands),",
      "and what the shared catalogs of a running cluster hold (list --catalog-name, catalogs),"
          + " freeing them by hand (release, drop)."
    },
    subcommands = {
      CatalogListCommand.class,
      CatalogPatternsCommand.class,
      CatalogResolveCommand.class,
      CatalogDescribeCommand.class,
      CatalogCatalogsCommand.class,
      CatalogReleaseCommand.class,
      CatalogDropCommand.class,
      HelpCommand.class
    })
final class CatalogCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(),
        "Missing a subcommand: list, patterns, resolve, describe, catalogs, release or drop.");
  }
}
