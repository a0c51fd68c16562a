package io.sharedcatalog.cluster.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.cluster.testing.TestCluster;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Names the order list lacks, as after a split brain's merge kept the other side's list: they are
 * listed after the listed names, by first generation, the same for every process; and once listed
 * they keep their places, so a name registered afterwards goes after them.
 */
class CatalogRegistryOrderTest {
  private static final Map<String, Object> CONFIG = Map.of("type", "SharedMemoryDataset");
  private final TestCluster cluster = TestCluster.withMembers(1);

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void namesMissingFromTheOrderListKeepTheirPlacesBeforeLaterNames() {
    HazelcastInstance client = cluster.startClient();
    CatalogRegistry registry = CatalogRegistry.of(client, "merged");
    for (String name : List.of("x1", "y2", "y1", "x2")) {
      registry.putIfAbsent(name, CONFIG, registry.newGeneration());
    }
    // The merge kept the list of the side that registered x1 and x2 only.
    client.getList(CatalogRegistry.mapName("merged", "order")).removeAll(List.of("y2", "y1"));

    CatalogRegistry other = CatalogRegistry.of(cluster.startClient(), "merged");
    assertEquals(List.of("x1", "x2", "y2", "y1"), names(other));
    assertEquals(names(other), names(registry));

    registry.putIfAbsent("later", CONFIG, registry.newGeneration());
    assertEquals(List.of("x1", "x2", "y2", "y1", "later"), names(registry));
    assertEquals(names(registry), names(other));
  }

  private static List<String> names(CatalogRegistry registry) {
    return registry.entries().stream().map(CatalogRegistry.Entry::name).toList();
  }
}
