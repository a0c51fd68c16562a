package io.sharedcatalog.cluster.testing;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Real Hazelcast members and clients for one test, on 127.0.0.1 only, on a cluster name of its own.
 * The first member takes a free port; every later member joins by TCP-IP listing only the first
 * member's address (no multicast, no auto-detection). {@link #close()} terminates them all.
 *
 * <p>This class is not thread-safe.
 */
public final class TestCluster implements AutoCloseable {
  private final String clusterName;
  private final List<HazelcastInstance> members = new ArrayList<>();
  private final List<HazelcastInstance> clients = new ArrayList<>();
  private String firstMemberAddress;

  public TestCluster() {
    this("sc-test-" + UUID.randomUUID().toString().substring(0, 8));
  }

  public TestCluster(String clusterName) {
    this.clusterName = clusterName;
  }

  /** Starts a cluster of {@code members} members and returns it. */
  public static TestCluster withMembers(int members) {
    TestCluster cluster = new TestCluster();
    for (int i = 0; i < members; i++) {
      cluster.startMember();
    }
    return cluster;
  }

  public String clusterName() {
    return clusterName;
  }

  /** {@code 127.0.0.1:PORT} of the first member; null before one is started. */
  public String firstMemberAddress() {
    return firstMemberAddress;
  }

  public List<HazelcastInstance> members() {
    return List.copyOf(members);
  }

  /** A member config on a free loopback port; join lists only the first member's address. */
  public Config memberConfig(int port) {
    Config config = new Config();
    config.setClusterName(clusterName);
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.setProperty("hazelcast.socket.bind.any", "false");
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.max.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.partition.count", "71");
    config.setProperty("hazelcast.graceful.shutdown.max.wait", "10");
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(port).setPortAutoIncrement(false).setPublicAddress("127.0.0.1:" + port);
    network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    JoinConfig join = network.getJoin();
    join.getAutoDetectionConfig().setEnabled(false);
    join.getMulticastConfig().setEnabled(false);
    join.getTcpIpConfig()
        .setEnabled(true)
        .addMember(firstMemberAddress == null ? "127.0.0.1:" + port : firstMemberAddress);
    return config;
  }

  /** Starts one more member and returns it. */
  public HazelcastInstance startMember() {
    return startMember(config -> {});
  }

  /** Starts one more member whose config {@code tweak} changed first, and returns it. */
  public HazelcastInstance startMember(java.util.function.Consumer<Config> tweak) {
    RuntimeException last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      int port = freePort();
      try {
        Config config = memberConfig(port);
        tweak.accept(config);
        HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
        members.add(member);
        if (firstMemberAddress == null) {
          firstMemberAddress = "127.0.0.1:" + port;
        }
        return member;
      } catch (RuntimeException e) {
        last = e; // the port was taken between probing and binding: try another
      }
    }
    throw last;
  }

  /** A client config that connects to the first member of this cluster. */
  public ClientConfig clientConfig() {
    if (firstMemberAddress == null) {
      throw new IllegalStateException("start a member before a client");
    }
    ClientConfig config = new ClientConfig();
    config.setClusterName(clusterName);
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.getNetworkConfig().addAddress(firstMemberAddress);
    config
        .getConnectionStrategyConfig()
        .getConnectionRetryConfig()
        .setClusterConnectTimeoutMillis(20_000);
    return config;
  }

  /** Starts a client of this cluster and returns it. */
  public HazelcastInstance startClient() {
    HazelcastInstance client = HazelcastClient.newHazelcastClient(clientConfig());
    clients.add(client);
    return client;
  }

  /** Terminates a member abruptly, as a crash would. */
  public void terminate(HazelcastInstance member) {
    member.getLifecycleService().terminate();
    members.remove(member);
  }

  @Override
  public void close() {
    for (HazelcastInstance client : clients) {
      client.shutdown();
    }
    for (HazelcastInstance member : members) {
      member.getLifecycleService().terminate();
    }
    clients.clear();
    members.clear();
  }

  /** A port that was free on 127.0.0.1 a moment ago. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
