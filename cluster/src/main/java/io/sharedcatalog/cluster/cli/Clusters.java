package io.sharedcatalog.cluster.cli;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.cluster.Address;
import com.hazelcast.config.Config;
import com.hazelcast.config.InvalidConfigurationException;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastException;
import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.cluster.ClusterBootstrap;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.UUID;

/**
 * Starts the members and clients of the commands, turning configuration and network failures into
 * one-line {@link CliException}s that say what to do.
 *
 * <p>This class is thread-safe (it has no state).
 */
final class Clusters {
  private Clusters() {}

  /** Builds a member config, reporting a missing or invalid config file as bad input. */
  static Config memberConfig(ClusterBootstrap.MemberBuilder builder) {
    try {
      return builder.build();
    } catch (IllegalArgumentException | InvalidConfigurationException e) {
      throw new CliException(
          ExitCodes.BAD_INPUT, Failures.oneLine(e) + "; fix the file given to --config", e);
    }
  }

  /** Builds a client config, reporting a missing or invalid config file as bad input. */
  static ClientConfig clientConfig(ClusterBootstrap.ClientBuilder builder) {
    try {
      return builder.build();
    } catch (IllegalArgumentException | InvalidConfigurationException e) {
      throw new CliException(
          ExitCodes.BAD_INPUT, Failures.oneLine(e) + "; fix the file given to --client-config", e);
    }
  }

  /**
   * The config of a member that joins nobody by accident: with no cluster name given, a generated
   * private name on a free loopback port whose join list is only itself; with a name, the default
   * config under that name (so it joins that cluster's members).
   */
  static Config embeddedMemberConfig(String clusterName) {
    if (clusterName != null) {
      return memberConfig(ClusterBootstrap.member().clusterName(clusterName));
    }
    int port = freeLoopbackPort();
    Config config =
        memberConfig(
            ClusterBootstrap.member()
                .clusterName(
                    "sharedcatalog-private-" + UUID.randomUUID().toString().substring(0, 8))
                .port(port)
                .joinAddresses(List.of("127.0.0.1:" + port)));
    // Alone by construction: do not wait for others to join.
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.max.wait.seconds.before.join", "0");
    // One member, no migrations: fewer partitions start faster and cost nothing.
    config.setProperty("hazelcast.partition.count", "71");
    return config;
  }

  /**
   * Starts a member.
   *
   * @throws CliException if its fixed port is taken or it cannot bind
   */
  static HazelcastInstance startMember(Config config) {
    var network = config.getNetworkConfig();
    if (!network.isPortAutoIncrement()) {
      requirePortFree(network.getPort());
    }
    try {
      return Hazelcast.newHazelcastInstance(config);
    } catch (HazelcastException e) {
      throw new CliException(
          ExitCodes.CLUSTER,
          "Cannot start a member of cluster '"
              + config.getClusterName()
              + "' on port "
              + network.getPort()
              + ": "
              + Failures.oneLine(e),
          e);
    }
  }

  /**
   * Starts a client.
   *
   * @throws CliException if no member answers in the connect timeout
   */
  static HazelcastInstance startClient(ClientConfig config) {
    try {
      return HazelcastClient.newHazelcastClient(config);
    } catch (IllegalStateException | HazelcastException e) {
      long timeout =
          config
              .getConnectionStrategyConfig()
              .getConnectionRetryConfig()
              .getClusterConnectTimeoutMillis();
      throw new CliException(
          ExitCodes.CLUSTER,
          "Cannot connect to cluster '"
              + config.getClusterName()
              + "' at "
              + String.join(", ", config.getNetworkConfig().getAddresses())
              + (timeout >= 0 ? " within " + timeout / 1000.0 + " s" : "")
              + ": no member answered. Start one with 'sharedcatalog member', or check --address"
              + " and --cluster-name.",
          e);
    }
  }

  /** {@code host:port} of a member or of the member a client is connected to. */
  static String address(HazelcastInstance instance) {
    Address address = instance.getCluster().getLocalMember().getAddress();
    return address.getHost() + ":" + address.getPort();
  }

  private static void requirePortFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 1);
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.CLUSTER,
          "Port "
              + port
              + " on 127.0.0.1 is already in use; stop what listens there or choose another"
              + " port with --port",
          e);
    }
  }

  private static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new CliException(ExitCodes.CLUSTER, "Cannot find a free port on 127.0.0.1", e);
    }
  }
}
