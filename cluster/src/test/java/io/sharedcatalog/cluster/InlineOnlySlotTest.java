package io.sharedcatalog.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.LocalMapStats;
import io.sharedcatalog.catalog.Dataset;
import io.sharedcatalog.catalog.DatasetException;
import io.sharedcatalog.cluster.internal.CatalogRegistry;
import io.sharedcatalog.cluster.internal.store.ValueStore;
import io.sharedcatalog.cluster.testing.TestCluster;
import io.sharedcatalog.pipeline.PipelineRegistry;
import io.sharedcatalog.runner.RunOptions;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A connected catalog's new bindings have inline-only slots ({@code name#-g}): a large inline value
 * is saved into one with a plain {@code set}, checked against the binding afterwards, and a chunked
 * value re-binds the name to a slot that takes chunks (the catalog's save, and the runner's
 * promotion of a staged output), so no {@code set} ever overwrites a manifest and leaves its chunks
 * behind.
 */
class InlineOnlySlotTest {
  private static final int MIB = 1 << 20;

  @Test
  void aLargeInlineValueIsSavedWithOneSetAndLoadsOnAnotherClient() {
    try (TestCluster cluster = TestCluster.withMembers(1)) {
      String name = catalogName();
      SharedMemoryDataCatalog a = SharedMemoryDataCatalog.connect(cluster.startClient(), name);
      SharedMemoryDataCatalog b = SharedMemoryDataCatalog.connect(cluster.startClient(), name);
      a.get("d", true); // bound by the runtime pattern, as a pipeline's output is
      a.save("d", random(MIB, 1));
      String slot = registry(cluster, name).entry("d").orElseThrow().slot();
      assertTrue(
          CatalogRegistry.isInlineOnly(slot), "a new binding's slot takes inline values only");

      long setsBefore = valueStats(cluster, name).getSetOperationCount();
      long putsBefore = valueStats(cluster, name).getPutOperationCount();
      a.save("d", random(MIB, 2));

      assertEquals(setsBefore + 1, valueStats(cluster, name).getSetOperationCount(), "one set");
      assertEquals(putsBefore, valueStats(cluster, name).getPutOperationCount(), "no replace");
      assertArrayEquals(random(MIB, 2), b.load("d", byte[].class));
      assertEquals(slot, registry(cluster, name).entry("d").orElseThrow().slot(), "same binding");
    }
  }

  @Test
  void aChunkedValueReBindsTheNameToASlotThatTakesChunksAndNoChunkIsLeftBehind() {
    try (TestCluster cluster = TestCluster.withMembers(1)) {
      String name = catalogName();
      SharedMemoryDataCatalog a = SharedMemoryDataCatalog.connect(cluster.startClient(), name);
      SharedMemoryDataCatalog b = SharedMemoryDataCatalog.connect(cluster.startClient(), name);
      a.get("d", true); // bound by the runtime pattern, as a pipeline's output is
      a.save("d", random(MIB, 1));
      assertArrayEquals(random(MIB, 1), b.load("d", byte[].class)); // b holds the first binding
      String inlineOnly = registry(cluster, name).entry("d").orElseThrow().slot();

      a.save("d", random(5 * MIB, 2));

      String chunkSlot = registry(cluster, name).entry("d").orElseThrow().slot();
      assertFalse(CatalogRegistry.isInlineOnly(chunkSlot), "re-bound to a slot that takes chunks");
      assertEquals(Set.of(chunkSlot), values(cluster, name).keySet(), "the old slot is deleted");
      assertArrayEquals(random(5 * MIB, 2), b.load("d", byte[].class), "b follows the re-binding");
      assertEquals(3, chunks(cluster, name).size(), "5 MiB in chunks of 2 MiB less 4 KiB");

      a.save("d", random(MIB, 3)); // inline again, into the same slot: the chunks are deleted
      assertEquals(chunkSlot, registry(cluster, name).entry("d").orElseThrow().slot());
      assertEquals(0, chunks(cluster, name).size(), "the replaced value's chunks are deleted");
      assertArrayEquals(random(MIB, 3), b.load("d", byte[].class));

      b.save("d", random(5 * MIB, 4));
      assertEquals(chunkSlot, registry(cluster, name).entry("d").orElseThrow().slot());
      assertEquals(3, chunks(cluster, name).size());
      assertArrayEquals(random(5 * MIB, 4), a.load("d", byte[].class));
      a.release("d");
      assertEquals(0, chunks(cluster, name).size(), "a release deletes the chunks");
      assertFalse(values(cluster, name).containsKey(inlineOnly));
    }
  }

  @Test
  void aSetThroughAStaleBindingRemovesTheSlotItReCreatedAndTheCatalogSavesToTheNewBinding() {
    try (TestCluster cluster = TestCluster.withMembers(1)) {
      String name = catalogName();
      SharedMemoryDataCatalog a = SharedMemoryDataCatalog.connect(cluster.startClient(), name);
      SharedMemoryDataCatalog b = SharedMemoryDataCatalog.connect(cluster.startClient(), name);
      a.get("d", true); // bound by the runtime pattern, as a pipeline's output is
      a.save("d", random(MIB, 1));
      String old = registry(cluster, name).entry("d").orElseThrow().slot();
      @SuppressWarnings("unchecked")
      Dataset<Object> held = (Dataset<Object>) a.get("d", true);

      b.putData("d", "re-bound by b"); // a new binding, a new slot; the old one is deleted
      String current = registry(cluster, name).entry("d").orElseThrow().slot();
      assertFalse(values(cluster, name).containsKey(old));

      DatasetException stale =
          assertThrows(DatasetException.class, () -> held.save(random(MIB, 2)));
      assertTrue(stale.getMessage().contains("another process has bound 'd'"), stale.getMessage());
      assertEquals(
          Set.of(current), values(cluster, name).keySet(), "the slot the set re-created is gone");
      assertEquals("re-bound by b", b.load("d"), "nothing reached the new binding");

      a.save("d", random(MIB, 3)); // the catalog's save goes to the new binding
      assertArrayEquals(random(MIB, 3), b.load("d", byte[].class));
      assertEquals(current, registry(cluster, name).entry("d").orElseThrow().slot());
    }
  }

  @Test
  void aRemoteNodesChunkedOutputIsAdoptedFromItsStagedSlotWithoutPassingThroughTheDriver() {
    try (TestCluster cluster = TestCluster.withMembers(1)) {
      HazelcastInstance driver = cluster.startClient();
      String name = catalogName();
      SharedMemoryDataCatalog catalog = SharedMemoryDataCatalog.connect(driver, name);
      try (Worker worker =
          Worker.start(
              cluster.startClient(),
              WorkerOptions.builder().workerId("adopt-worker").threads(1).build())) {
        ParallelRunner runner = new ParallelRunner(driver, 0);
        long chunkWrites = chunkWrites(cluster, name);
        catalog.putData("seed", 3);

        runner.run(
            PipelineRegistry.find(CommitOutputTestPipelines.BLOB),
            catalog,
            RunOptions.builder().runId("adopt-1").build());

        byte[] expected = new byte[CommitOutputTestPipelines.BLOB_BYTES];
        java.util.Arrays.fill(expected, (byte) 3);
        assertArrayEquals(expected, catalog.load("blob", byte[].class));
        String slot = registry(cluster, name).entry("blob").orElseThrow().slot();
        assertFalse(CatalogRegistry.isInlineOnly(slot), "re-bound to a slot that takes chunks");
        // the worker wrote the 3 chunks once; a save through the driver would have written 3 more
        assertEquals(chunkWrites + 3, chunkWrites(cluster, name), "the staged chunks were adopted");
        assertEquals(3, chunks(cluster, name).size());
        assertNothingStaged(cluster, name);

        catalog.putData("seed", 4);
        runner.run(
            PipelineRegistry.find(CommitOutputTestPipelines.BLOB),
            catalog,
            RunOptions.builder().runId("adopt-2").build());

        java.util.Arrays.fill(expected, (byte) 4);
        assertArrayEquals(expected, catalog.load("blob", byte[].class));
        assertEquals(slot, registry(cluster, name).entry("blob").orElseThrow().slot(), "moved");
        assertEquals(chunkWrites + 6, chunkWrites(cluster, name));
        assertEquals(3, chunks(cluster, name).size(), "the first run's chunks are deleted");
        assertNothingStaged(cluster, name);
      }
    }
  }

  private static String catalogName() {
    return "inline-only-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static CatalogRegistry registry(TestCluster cluster, String catalog) {
    return CatalogRegistry.of(cluster.members().get(0), catalog);
  }

  private static IMap<String, Object> values(TestCluster cluster, String catalog) {
    return cluster.members().get(0).getMap(ValueStore.mapName(catalog, "values"));
  }

  private static IMap<Object, byte[]> chunks(TestCluster cluster, String catalog) {
    return cluster.members().get(0).getMap(ValueStore.mapName(catalog, "chunks"));
  }

  private static LocalMapStats valueStats(TestCluster cluster, String catalog) {
    return values(cluster, catalog).getLocalMapStats();
  }

  /** Chunk writes the only member has applied (its statistics count every set and put). */
  private static long chunkWrites(TestCluster cluster, String catalog) {
    LocalMapStats stats = chunks(cluster, catalog).getLocalMapStats();
    return stats.getSetOperationCount() + stats.getPutOperationCount();
  }

  private static void assertNothingStaged(TestCluster cluster, String catalog) {
    Set<String> keys = values(cluster, catalog).keySet();
    assertTrue(keys.stream().noneMatch(k -> k.startsWith("__attempt.")), keys.toString());
  }
}
