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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code catalog release}: empties the values of datasets of a shared catalog in a running cluster,
 * keeping their registrations (Kedro's {@code release}), to free memory by hand.
 *
 * <p>This class is not thread-safe.
 */
@Command(
    name = "release",
    mixinStandardHelpOptions = true,
    description = {
      "Empties the values of datasets of a shared catalog in a running cluster.",
      "The datasets stay registered (a later save fills them again); every name must be a"
          + " SharedMemoryDataset of the catalog, and all are checked before any is released."
    })
final class CatalogReleaseCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--catalog-name",
      paramLabel = "NAME",
      required = true,
      description = "The shared catalog holding the datasets.")
  String catalogName;

  @Parameters(paramLabel = "NAME", arity = "1..*", description = "The datasets to release.")
  List<String> names = new ArrayList<>();

  @Mixin ClusterOptions cluster;

  @Override
  public Integer call() {
    HazelcastInstance client = cluster.connect(spec);
    try {
      CatalogInspector inspector = LiveCatalogs.inspector(client, catalogName);
      PrintWriter out = spec.commandLine().getOut();
      for (CatalogInspector.Released released : inspector.release(names)) {
        out.printf(
            "Released '%s' of shared catalog '%s': %s.%n",
            released.name(),
            catalogName,
            released.lost()
                ? "its value had been lost with members already"
                : released.freedBytes() == 0
                    ? "it held no value"
                    : LiveCatalogs.bytes(released.freedBytes()) + " freed");
      }
      out.flush();
      return ExitCodes.OK;
    } finally {
      client.shutdown();
    }
  }
}
