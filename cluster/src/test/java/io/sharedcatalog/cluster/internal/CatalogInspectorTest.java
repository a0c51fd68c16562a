package io.sharedcatalog.cluster.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.cluster.SharedMemoryDataCatalog;
import io.sharedcatalog.cluster.SharedMemoryDataset;
import io.sharedcatalog.cluster.internal.CatalogInspector.DatasetInfo;
import io.sharedcatalog.cluster.internal.CatalogInspector.State;
import io.sharedcatalog.cluster.testing.TestCluster;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogInspectorTest {

  @Test
  void theSharedClassNameIsTheSharedMemoryDatasetsOwn() {
    assertEquals(SharedMemoryDataset.class.getName(), CatalogInspector.SHARED_MEMORY_DATASET_CLASS);
    for (String type :
        List.of(
            "SharedMemoryDataset",
            "kedro.io.SharedMemoryDataset",
            "kedro.io.shared_memory_dataset.SharedMemoryDataset",
            SharedMemoryDataset.class.getName())) {
      assertTrue(CatalogInspector.isShared("x", Map.of("type", type)), type);
    }
    assertFalse(CatalogInspector.isShared("x", Map.of("type", "MemoryDataset")));
    assertFalse(CatalogInspector.isShared("x", Map.of("type", "com.acme.Missing")));
    assertFalse(CatalogInspector.isShared("x", Map.of()));
  }

  @Test
  void afterARebindingTheNewBindingsSlotIsShown() {
    try (TestCluster cluster = TestCluster.withMembers(1)) {
      HazelcastInstance client = cluster.startClient();
      SharedMemoryDataCatalog catalog = SharedMemoryDataCatalog.connect(client, "c");
      catalog.get("a", true);
      catalog.save("a", "first");
      CatalogInspector inspector = CatalogInspector.of(client, "c");
      String before = inspector.datasets().get(0).slot();

      catalog.putData("a", "second"); // a new binding: the old slot is deleted

      List<DatasetInfo> after = inspector.datasets();
      assertEquals(1, after.size());
      assertEquals(State.VALUE, after.get(0).state());
      assertFalse(before.equals(after.get(0).slot()), "the new binding's slot");
      assertEquals(Map.of("a", after.get(0).storedBytes()), inspector.storedBytes());
    }
  }
}
