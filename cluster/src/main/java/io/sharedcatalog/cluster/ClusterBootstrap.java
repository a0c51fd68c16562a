package io.sharedcatalog.cluster;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.XmlClientConfigBuilder;
import com.hazelcast.client.config.YamlClientConfigBuilder;
import com.hazelcast.config.Config;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.SerializationConfig;
import com.hazelcast.config.TcpIpConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.cluster.internal.store.ValueStore;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts Hazelcast members and clients configured for sharedcatalog.
 *
 * <p>The configuration comes from the first of these that is present:
 *
 * <ol>
 *   <li>a path given here ({@link #startMember(Path)}, {@link MemberBuilder#config(Path)}, …);
 *   <li>the system property {@value #MEMBER_CONFIG_PROPERTY} (members) or {@value
 *       #CLIENT_CONFIG_PROPERTY} (clients), read as Hazelcast itself reads it (a file path, or
 *       {@code classpath:} followed by a resource);
 *   <li>the packaged defaults {@value #DEFAULT_MEMBER_CONFIG} and {@value #DEFAULT_CLIENT_CONFIG}
 *       (copies of the repository's {@code hazelcast.yaml} and {@code hazelcast-client.yaml}):
 *       loopback only, TCP-IP join on {@code 127.0.0.1:5701}, no multicast, one synchronous backup
 *       per map entry.
 * </ol>
 *
 * <p>The builders ({@link #member()}, {@link #client()}) then apply the overrides a command line
 * needs: cluster name, port, addresses. Unless the configuration sets a Java serialization filter
 * of its own, they also turn on Hazelcast's with its default allow-list ({@code java.*}, {@code
 * javax.*}, {@code com.hazelcast.*}, primitives and arrays): the cluster holds only strings, JSON
 * and bytes, so an object of any other class found in it is refused before its class is loaded,
 * instead of being instantiated by Java serialization. Nothing here is needed to use the shared
 * catalog: {@link SharedMemoryDataCatalog#connect} works on any {@link HazelcastInstance} (give one
 * of your own the same filter: {@code SerializationConfig.setJavaSerializationFilterConfig}).
 *
 * <p>This class is thread-safe.
 */
public final class ClusterBootstrap {
  /** The system property naming a member config file, as Hazelcast reads it. */
  public static final String MEMBER_CONFIG_PROPERTY = "hazelcast.config";

  /** The system property naming a client config file, as Hazelcast reads it. */
  public static final String CLIENT_CONFIG_PROPERTY = "hazelcast.client.config";

  /** Classpath resource of the packaged default member config. */
  public static final String DEFAULT_MEMBER_CONFIG = "io/sharedcatalog/cluster/hazelcast.yaml";

  /** Classpath resource of the packaged default client config. */
  public static final String DEFAULT_CLIENT_CONFIG =
      "io/sharedcatalog/cluster/hazelcast-client.yaml";

  private static final Logger log = LoggerFactory.getLogger(ClusterBootstrap.class);

  private ClusterBootstrap() {}

  /**
   * Starts a member from the system property {@value #MEMBER_CONFIG_PROPERTY} if set, else from the
   * packaged defaults.
   *
   * @return the running member
   */
  public static HazelcastInstance startMember() {
    return member().start();
  }

  /**
   * Starts a member from a Hazelcast config file ({@code .yaml}, {@code .yml} or {@code .xml}).
   *
   * @param config the member config file
   * @return the running member
   * @throws IllegalArgumentException if the file does not exist
   */
  public static HazelcastInstance startMember(Path config) {
    return member().config(Objects.requireNonNull(config, "config")).start();
  }

  /**
   * Starts a client from the system property {@value #CLIENT_CONFIG_PROPERTY} if set, else from the
   * packaged defaults.
   *
   * @return the connected client
   * @throws IllegalStateException if no member can be reached in the configured time
   */
  public static HazelcastInstance startClient() {
    return client().start();
  }

  /**
   * Starts a client from a Hazelcast client config file ({@code .yaml}, {@code .yml} or {@code
   * .xml}).
   *
   * @param config the client config file
   * @return the connected client
   * @throws IllegalArgumentException if the file does not exist
   * @throws IllegalStateException if no member can be reached in the configured time
   */
  public static HazelcastInstance startClient(Path config) {
    return client().config(Objects.requireNonNull(config, "config")).start();
  }

  /** Returns a builder for a member config with overrides. */
  public static MemberBuilder member() {
    return new MemberBuilder();
  }

  /** Returns a builder for a client config with overrides. */
  public static ClientBuilder client() {
    return new ClientBuilder();
  }

  /**
   * A member's config source and overrides; {@link #build()} gives the Hazelcast {@link Config},
   * {@link #start()} a running member.
   *
   * <p>This class is not thread-safe.
   */
  public static final class MemberBuilder {
    private Path config;
    private String clusterName;
    private Integer port;
    private List<String> joinAddresses;

    private MemberBuilder() {}

    /**
     * Reads the config from this file instead of the system property or the packaged defaults.
     *
     * @param config a Hazelcast member config file, or null for the default source
     * @return this builder
     */
    public MemberBuilder config(Path config) {
      this.config = config;
      return this;
    }

    /**
     * Overrides the cluster name.
     *
     * @param clusterName the cluster name, or null to keep the configured one
     * @return this builder
     * @throws IllegalArgumentException if the name is blank
     */
    public MemberBuilder clusterName(String clusterName) {
      if (clusterName != null && clusterName.isBlank()) {
        throw new IllegalArgumentException("clusterName must not be blank");
      }
      this.clusterName = clusterName;
      return this;
    }

    /**
     * Binds exactly this port (no auto-increment) and adds {@code 127.0.0.1:port} to the TCP-IP
     * member list, so a member started alone on a custom port forms its own cluster at once.
     *
     * @param port a port in 1..65535, or null to keep the configured one
     * @return this builder
     * @throws IllegalArgumentException if the port is out of range
     */
    public MemberBuilder port(Integer port) {
      if (port != null && (port < 1 || port > 65535)) {
        throw new IllegalArgumentException("port must be in 1..65535 but was " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Replaces the TCP-IP join member list ({@code host:port} entries).
     *
     * @param joinAddresses the addresses of members to join, or null to keep the configured ones
     * @return this builder
     */
    public MemberBuilder joinAddresses(List<String> joinAddresses) {
      this.joinAddresses = joinAddresses == null ? null : List.copyOf(joinAddresses);
      return this;
    }

    /**
     * Returns the member config: the source, then the overrides.
     *
     * @throws IllegalArgumentException if a config file given does not exist
     */
    public Config build() {
      Config result = loadMemberConfig(config);
      if (clusterName != null) {
        result.setClusterName(clusterName);
      }
      NetworkConfig network = result.getNetworkConfig();
      TcpIpConfig tcpIp = network.getJoin().getTcpIpConfig();
      if (joinAddresses != null) {
        tcpIp.setMembers(new ArrayList<>(joinAddresses));
      }
      if (port != null) {
        network.setPort(port).setPortAutoIncrement(false);
        String publicAddress = network.getPublicAddress();
        if (publicAddress != null && publicAddress.contains(":")) {
          network.setPublicAddress(
              publicAddress.substring(0, publicAddress.lastIndexOf(':')) + ":" + port);
        }
        String self = "127.0.0.1:" + port;
        if (tcpIp.isEnabled() && !tcpIp.getMembers().contains(self)) {
          tcpIp.addMember(self);
        }
      }
      // lets every process size its largest value by what this member can hold
      result
          .getMemberAttributeConfig()
          .setAttribute(ValueStore.HEAP_ATTRIBUTE, Long.toString(Runtime.getRuntime().maxMemory()));
      filterJavaSerialization(result.getSerializationConfig());
      return result;
    }

    /** Builds the config and starts a member with it. */
    public HazelcastInstance start() {
      Config built = build();
      log.info(
          "Starting Hazelcast member of cluster '{}' on port {}",
          built.getClusterName(),
          built.getNetworkConfig().getPort());
      return Hazelcast.newHazelcastInstance(built);
    }
  }

  /**
   * A client's config source and overrides; {@link #build()} gives the Hazelcast {@link
   * ClientConfig}, {@link #start()} a connected client.
   *
   * <p>This class is not thread-safe.
   */
  public static final class ClientBuilder {
    private Path config;
    private String clusterName;
    private List<String> addresses;

    private ClientBuilder() {}

    /**
     * Reads the config from this file instead of the system property or the packaged defaults.
     *
     * @param config a Hazelcast client config file, or null for the default source
     * @return this builder
     */
    public ClientBuilder config(Path config) {
      this.config = config;
      return this;
    }

    /**
     * Overrides the cluster name.
     *
     * @param clusterName the cluster name, or null to keep the configured one
     * @return this builder
     * @throws IllegalArgumentException if the name is blank
     */
    public ClientBuilder clusterName(String clusterName) {
      if (clusterName != null && clusterName.isBlank()) {
        throw new IllegalArgumentException("clusterName must not be blank");
      }
      this.clusterName = clusterName;
      return this;
    }

    /**
     * Replaces the member addresses the client connects to ({@code host:port} entries).
     *
     * @param addresses member addresses, or null or empty to keep the configured ones
     * @return this builder
     */
    public ClientBuilder addresses(List<String> addresses) {
      this.addresses = addresses == null || addresses.isEmpty() ? null : List.copyOf(addresses);
      return this;
    }

    /**
     * Returns the client config: the source, then the overrides.
     *
     * @throws IllegalArgumentException if a config file given does not exist
     */
    public ClientConfig build() {
      ClientConfig result = loadClientConfig(config);
      if (clusterName != null) {
        result.setClusterName(clusterName);
      }
      if (addresses != null) {
        result.getNetworkConfig().setAddresses(new ArrayList<>(addresses));
      }
      filterJavaSerialization(result.getSerializationConfig());
      return result;
    }

    /**
     * Builds the config and starts a client with it.
     *
     * @throws IllegalStateException if no member can be reached in the configured time
     */
    public HazelcastInstance start() {
      ClientConfig built = build();
      log.info(
          "Connecting a Hazelcast client to cluster '{}' at {}",
          built.getClusterName(),
          built.getNetworkConfig().getAddresses());
      return HazelcastClient.newHazelcastClient(built);
    }
  }

  /** Turns on Hazelcast's Java serialization filter (default allow-list) unless one is set. */
  private static void filterJavaSerialization(SerializationConfig serialization) {
    if (serialization.getJavaSerializationFilterConfig() == null) {
      serialization.setJavaSerializationFilterConfig(new JavaSerializationFilterConfig());
    }
  }

  private static Config loadMemberConfig(Path file) {
    if (file != null) {
      requireFile(file, "member");
      try {
        return Config.loadFromFile(file.toFile());
      } catch (FileNotFoundException e) {
        throw new IllegalArgumentException("Hazelcast member config file not found: " + file, e);
      }
    }
    if (System.getProperty(MEMBER_CONFIG_PROPERTY) != null) {
      return Config.load(); // Hazelcast reads the property itself (file path or classpath:)
    }
    return Config.loadFromClasspath(ClusterBootstrap.class.getClassLoader(), DEFAULT_MEMBER_CONFIG);
  }

  private static ClientConfig loadClientConfig(Path file) {
    if (file != null) {
      requireFile(file, "client");
      String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
      try {
        return name.endsWith(".xml")
            ? new XmlClientConfigBuilder(file.toFile()).build()
            : new YamlClientConfigBuilder(file.toFile()).build();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read Hazelcast client config file " + file, e);
      }
    }
    if (System.getProperty(CLIENT_CONFIG_PROPERTY) != null) {
      return ClientConfig.load(); // Hazelcast reads the property itself (file path or classpath:)
    }
    var stream = ClusterBootstrap.class.getClassLoader().getResourceAsStream(DEFAULT_CLIENT_CONFIG);
    if (stream == null) {
      throw new IllegalStateException(
          "The packaged client config " + DEFAULT_CLIENT_CONFIG + " is missing from the classpath");
    }
    try (stream) {
      return new YamlClientConfigBuilder(stream).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void requireFile(Path file, String kind) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "Hazelcast " + kind + " config file not found: " + file.toAbsolutePath());
    }
  }
}
