package io.sharedcatalog.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import com.hazelcast.config.InvalidConfigurationException;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.spi.merge.LatestUpdateMergePolicy;
import com.hazelcast.spi.merge.PutIfAbsentMergePolicy;
import io.sharedcatalog.cluster.testing.TestCluster;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The default member config's split-brain merge policies (README, "Split brain"): the later write
 * wins for registrations and values, chunks and the runner's maps keep what is there and add what
 * is not, the order list keeps the larger side's list; and a member starts with them (Hazelcast
 * refuses to start a member whose map has {@link LatestUpdateMergePolicy} without per-entry stats).
 * {@code SplitBrainIT} drives a real split and merge with this config.
 */
class MergePolicyConfigTest {
  private static final String LATEST = LatestUpdateMergePolicy.class.getSimpleName();
  private static final String IF_ABSENT = PutIfAbsentMergePolicy.class.getSimpleName();

  private HazelcastInstance member;

  @AfterEach
  void stop() {
    if (member != null) {
      member.getLifecycleService().terminate();
    }
  }

  @Test
  void eachMapOfTheCatalogAndTheRunnerHasItsMergePolicy() {
    Config config = ClusterBootstrap.member().build();
    for (String catalog : List.of("demo", "tasks", "a.b")) {
      for (String purpose : List.of("registry", "values")) {
        String map = "sharedcatalog." + catalog + "." + purpose;
        assertEquals(LATEST, config.getMapConfig(map).getMergePolicyConfig().getPolicy(), map);
        assertTrue(config.getMapConfig(map).isPerEntryStatsEnabled(), map);
      }
      String chunks = "sharedcatalog." + catalog + ".chunks";
      assertEquals(IF_ABSENT, config.getMapConfig(chunks).getMergePolicyConfig().getPolicy());
      String order = "sharedcatalog." + catalog + ".order";
      assertEquals(IF_ABSENT, config.getListConfig(order).getMergePolicyConfig().getPolicy());
      assertEquals(1, config.getListConfig(order).getBackupCount());
      String tasks = "sharedcatalog." + catalog + ".tasks.run-1";
      assertEquals(IF_ABSENT, config.getMapConfig(tasks).getMergePolicyConfig().getPolicy());
    }
    assertEquals(
        IF_ABSENT, config.getMapConfig("sharedcatalog.runs").getMergePolicyConfig().getPolicy());
    assertEquals(1, config.getMapConfig("sharedcatalog.demo.values").getBackupCount());
  }

  @Test
  void aMemberStartsOnTheDefaultConfigAndWouldRefuseLatestUpdateWithoutEntryStats() {
    Config broken = memberConfig();
    broken.getMapConfig("sharedcatalog.*.values").setPerEntryStatsEnabled(false);
    InvalidConfigurationException refused =
        assertThrows(
            InvalidConfigurationException.class, () -> Hazelcast.newHazelcastInstance(broken));
    assertTrue(refused.getMessage().contains("perEntryStatsEnabled"), refused.getMessage());

    member = Hazelcast.newHazelcastInstance(memberConfig());
    for (String purpose : List.of("registry", "values", "chunks")) {
      member.getMap("sharedcatalog.demo." + purpose).put("k", "v");
      assertEquals("v", member.getMap("sharedcatalog.demo." + purpose).get("k"));
    }
    member.getList("sharedcatalog.demo.order").add("k");
    member.getMap("sharedcatalog.runs").put("k", "v");
    assertEquals(List.of("k"), List.copyOf(member.getList("sharedcatalog.demo.order")));
  }

  private static Config memberConfig() {
    return ClusterBootstrap.member()
        .clusterName("sc-merge-" + UUID.randomUUID().toString().substring(0, 8))
        .port(TestCluster.freePort())
        .build();
  }
}
