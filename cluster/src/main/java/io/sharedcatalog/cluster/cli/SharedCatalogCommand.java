package io.sharedcatalog.cluster.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The top-level {@code sharedcatalog} command: holds the subcommands and the options every command
 * inherits.
 *
 * <p>This class is not thread-safe.
 */
@Command(
    name = "sharedcatalog",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "One shared data catalog for a cluster of JVMs, and pipelines over it "
          + "(Kedro's DataCatalog, SharedMemoryDataCatalog and ParallelRunner on Hazelcast).",
      ""
    },
    subcommands = {
      MemberCommand.class,
      WorkerCommand.class,
      RunsCommand.class,
      WorkersCommand.class,
      RunCommand.class,
      CatalogCommand.class,
      DemoCommand.class,
      VizCommand.class,
      HelpCommand.class
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  java -jar sharedcatalog.jar demo",
      "  java -jar sharedcatalog.jar demo --write-config conf",
      "  java -jar sharedcatalog.jar run --pipeline demo --catalog conf/catalog.yml",
      "  java -jar sharedcatalog.jar member --port 5701",
      "  java -jar sharedcatalog.jar worker --address 127.0.0.1:5701",
      "  java -jar sharedcatalog.jar viz --pipeline demo --address 127.0.0.1:5701"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      ExitCodes.OK + ":Success.",
      ExitCodes.FAILURE + ":Unexpected error (run again with --verbose for the stack trace).",
      ExitCodes.USAGE + ":Bad command line: unknown command or option, or a malformed value.",
      ExitCodes.BAD_INPUT + ":Bad input: unreadable catalog or parameters, unknown pipeline.",
      ExitCodes.CLUSTER + ":The cluster cannot be started or reached.",
      ExitCodes.NODE_FAILED + ":A node of the pipeline failed.",
      ExitCodes.OUT_OF_MEMORY + ":Out of memory: the process stopped at once (give it more -Xmx)."
    })
final class SharedCatalogCommand implements Runnable {
  @Spec CommandSpec spec;

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Print stack traces of failures and more log lines.")
  boolean verbose;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "Missing a command: member, worker, run, catalog, demo or help.");
  }
}
