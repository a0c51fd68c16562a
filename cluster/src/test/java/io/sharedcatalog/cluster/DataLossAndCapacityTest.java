package io.sharedcatalog.cluster;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.catalog.DatasetException;
import io.sharedcatalog.cluster.internal.PartitionLossWatch;
import io.sharedcatalog.cluster.internal.store.StoreSettings;
import io.sharedcatalog.cluster.internal.store.ValueStore;
import io.sharedcatalog.cluster.testing.TestCluster;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Losing more members than the backups cover is loud; a value too big is refused up front. */
class DataLossAndCapacityTest {

  @Test
  void aLoadAfterPartitionsWereLostSaysDataMayHaveBeenLostInsteadOfOnlyNotFound() {
    try (TestCluster cluster = new TestCluster()) {
      // no backups, so one member's death loses partitions (as two of three would with one)
      HazelcastInstance kept =
          cluster.startMember(
              c -> c.addMapConfig(new MapConfig("sharedcatalog.*").setBackupCount(0)));
      HazelcastInstance lost =
          cluster.startMember(
              c -> c.addMapConfig(new MapConfig("sharedcatalog.*").setBackupCount(0)));
      HazelcastInstance client = cluster.startClient();
      SharedMemoryDataCatalog catalog = SharedMemoryDataCatalog.connect(client, "lossy");
      for (int i = 0; i < 40; i++) {
        catalog.putData("a-" + i, i);
      }

      cluster.terminate(lost);
      await().atMost(30, SECONDS).until(() -> PartitionLossWatch.of(client).describe().isPresent());

      List<String> failures = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        try {
          assertEquals(i, catalog.load("a-" + i, Integer.class));
        } catch (DatasetException e) {
          failures.add(e.getMessage());
        }
      }
      assertFalse(failures.isEmpty(), "some of the 40 datasets lived on the member that died");
      for (String message : failures) {
        assertTrue(message.contains("may have been lost"), message);
        assertTrue(message.contains("partition(s) lost"), message);
      }
      assertTrue(kept.getLifecycleService().isRunning());
    }
  }

  @Test
  void aValueTooBigForTheMembersIsRefusedBeforeSendingAndTheClusterStaysUsable() {
    try (TestCluster cluster = new TestCluster()) {
      // members publish their heap; this one claims 64 MB, so values over 32 MB are refused
      cluster.startMember(
          c -> c.getMemberAttributeConfig().setAttribute(ValueStore.HEAP_ATTRIBUTE, "64000000"));
      HazelcastInstance client = cluster.startClient();
      SharedMemoryDataCatalog catalog = SharedMemoryDataCatalog.connect(client, "capacity");
      catalog.putData("big", "the previous value");

      DatasetException e =
          assertThrows(DatasetException.class, () -> catalog.save("big", new byte[40_000_000]));

      assertTrue(e.getMessage().contains("big"), e.getMessage());
      assertTrue(e.getMessage().contains("40000000"), e.getMessage());
      assertTrue(e.getMessage().contains(StoreSettings.MAX_VALUE_BYTES_PROPERTY), e.getMessage());
      assertEquals("the previous value", catalog.load("big", String.class));
      catalog.putData("small", new byte[1_000_000]);
      assertEquals(1_000_000, catalog.load("small", byte[].class).length);
    }
  }
}
