package io.sharedcatalog.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.cluster.testing.TestCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterBootstrapTest {
  private HazelcastInstance member;
  private HazelcastInstance client;

  @AfterEach
  void stop() {
    if (client != null) {
      client.shutdown();
    }
    if (member != null) {
      member.getLifecycleService().terminate();
    }
    System.clearProperty(ClusterBootstrap.MEMBER_CONFIG_PROPERTY);
    System.clearProperty(ClusterBootstrap.CLIENT_CONFIG_PROPERTY);
  }

  @Test
  void packagedDefaultsBindLoopbackWithTcpIpJoinAndOneBackup() {
    Config config = ClusterBootstrap.member().build();

    assertEquals("sharedcatalog", config.getClusterName());
    assertTrue(config.getNetworkConfig().getInterfaces().isEnabled());
    assertEquals(
        List.of("127.0.0.1"),
        List.copyOf(config.getNetworkConfig().getInterfaces().getInterfaces()));
    assertTrue(config.getNetworkConfig().getJoin().getTcpIpConfig().isEnabled());
    assertFalse(config.getNetworkConfig().getJoin().getMulticastConfig().isEnabled());
    assertEquals(1, config.getMapConfig("sharedcatalog.any.values").getBackupCount());
    assertEquals(
        List.of("127.0.0.1:5701"),
        ClusterBootstrap.client().build().getNetworkConfig().getAddresses());
  }

  @Test
  void memberFromPackagedDefaultsStartsOnAChosenPortAndAClientConnects() {
    String clusterName = "sc-boot-" + UUID.randomUUID().toString().substring(0, 8);
    int port = TestCluster.freePort();

    member = ClusterBootstrap.member().clusterName(clusterName).port(port).start();
    client =
        ClusterBootstrap.client()
            .clusterName(clusterName)
            .addresses(List.of("127.0.0.1:" + port))
            .start();

    assertEquals(port, member.getCluster().getLocalMember().getAddress().getPort());
    assertEquals("127.0.0.1", member.getCluster().getLocalMember().getAddress().getHost());
    client.getMap("sharedcatalog.boot.values").put("k", "v");
    assertEquals("v", member.getMap("sharedcatalog.boot.values").get("k"));
  }

  @Test
  void systemPropertiesReplaceThePackagedDefaults(@TempDir Path dir) throws Exception {
    Path memberYaml = dir.resolve("member.yaml");
    Files.writeString(memberYaml, "hazelcast:\n  cluster-name: from-property\n");
    Path clientYaml = dir.resolve("client.yaml");
    Files.writeString(clientYaml, "hazelcast-client:\n  cluster-name: client-from-property\n");
    System.setProperty(ClusterBootstrap.MEMBER_CONFIG_PROPERTY, memberYaml.toString());
    System.setProperty(ClusterBootstrap.CLIENT_CONFIG_PROPERTY, clientYaml.toString());

    assertEquals("from-property", ClusterBootstrap.member().build().getClusterName());
    assertEquals("client-from-property", ClusterBootstrap.client().build().getClusterName());
  }

  @Test
  void aGivenFileWinsAndOverridesApplyOnTop(@TempDir Path dir) throws Exception {
    Path clientYaml = dir.resolve("client.yml");
    Files.writeString(clientYaml, "hazelcast-client:\n  cluster-name: from-file\n");
    Path memberXml = dir.resolve("member.xml");
    Files.writeString(
        memberXml,
        "<hazelcast xmlns=\"http://www.hazelcast.com/schema/config\">"
            + "<cluster-name>xml-cluster</cluster-name></hazelcast>");

    ClientConfig clientConfig =
        ClusterBootstrap.client()
            .config(clientYaml)
            .addresses(List.of("127.0.0.1:6000", "127.0.0.1:6001"))
            .build();
    Config memberConfig = ClusterBootstrap.member().config(memberXml).port(6100).build();

    assertEquals("from-file", clientConfig.getClusterName());
    assertEquals(
        List.of("127.0.0.1:6000", "127.0.0.1:6001"),
        clientConfig.getNetworkConfig().getAddresses());
    assertEquals("xml-cluster", memberConfig.getClusterName());
    assertEquals(6100, memberConfig.getNetworkConfig().getPort());
    assertFalse(memberConfig.getNetworkConfig().isPortAutoIncrement());
  }

  @Test
  void aMissingConfigFileIsReportedWithItsPath(@TempDir Path dir) {
    Path missing = dir.resolve("nope.yaml");

    IllegalArgumentException member =
        assertThrows(IllegalArgumentException.class, () -> ClusterBootstrap.startMember(missing));
    IllegalArgumentException client =
        assertThrows(IllegalArgumentException.class, () -> ClusterBootstrap.startClient(missing));

    assertTrue(member.getMessage().contains("nope.yaml"), member.getMessage());
    assertTrue(client.getMessage().contains("nope.yaml"), client.getMessage());
  }

  @Test
  void overridesRejectNonsense() {
    assertThrows(IllegalArgumentException.class, () -> ClusterBootstrap.member().port(0));
    assertThrows(IllegalArgumentException.class, () -> ClusterBootstrap.member().clusterName(" "));
  }
}
