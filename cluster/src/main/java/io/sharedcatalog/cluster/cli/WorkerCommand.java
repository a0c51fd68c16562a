package io.sharedcatalog.cluster.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code worker}: connects to the cluster as a client and runs nodes of the cluster's parallel runs
 * until stopped.
 *
 * <p>This class is not thread-safe.
 */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description = {
      "Connects to the cluster as a Hazelcast client and runs nodes of its parallel runs until",
      "stopped (Ctrl+C). Pipelines are found by name through PipelineRegistry on the class path."
    })
final class WorkerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--client-config",
      paramLabel = "FILE",
      description =
          "Hazelcast client config (.yaml or .xml). Default: -Dhazelcast.client.config, else the"
              + " packaged hazelcast-client.yaml (127.0.0.1:5701).")
  Path clientConfig;

  @Option(
      names = "--cluster-name",
      paramLabel = "NAME",
      description = "Cluster name, overriding the config's.")
  String clusterName;

  @Option(
      names = "--address",
      paramLabel = "HOST:PORT",
      description = "A member to connect to (repeatable), overriding the config's.")
  List<String> addresses = new ArrayList<>();

  @Override
  public Integer call() {
    throw new CliException(ExitCodes.FAILURE, "Remote workers are not available in this build yet");
  }
}
