package io.sharedcatalog.cluster.cli;

import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.cluster.ClusterBootstrap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The options of the commands that connect to a running cluster as a client ({@code --address},
 * {@code --cluster-name}, {@code --client-config}, as for {@code worker}), and the connection they
 * make.
 *
 * <p>This class is not thread-safe.
 */
final class ClusterOptions {
  @Option(
      names = "--address",
      paramLabel = "HOST:PORT",
      description = "A member to connect to (repeatable), overriding the client config's.")
  List<String> addresses = new ArrayList<>();

  @Option(
      names = "--cluster-name",
      paramLabel = "NAME",
      description = "Cluster name, overriding the client config's.")
  String clusterName;

  @Option(
      names = "--client-config",
      paramLabel = "FILE",
      description =
          "Hazelcast client config (.yaml or .xml). Default: -Dhazelcast.client.config, else the"
              + " packaged hazelcast-client.yaml (127.0.0.1:5701).")
  Path clientConfig;

  /**
   * Connects to the cluster as a client; the caller shuts it down.
   *
   * @throws picocli.CommandLine.ParameterException if an address is not {@code HOST:PORT}
   * @throws CliException if no member answers, or the config file is bad
   */
  HazelcastInstance connect(CommandSpec spec) {
    RunCommand.validateAddresses(spec, addresses);
    return Clusters.startClient(
        Clusters.clientConfig(
            ClusterBootstrap.client()
                .config(clientConfig)
                .clusterName(clusterName)
                .addresses(addresses)));
  }
}
