package io.sharedcatalog.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import io.sharedcatalog.cluster.internal.store.ValueStore;
import io.sharedcatalog.cluster.testing.TestCluster;
import io.sharedcatalog.pipeline.PipelineRegistry;
import io.sharedcatalog.runner.RunOptions;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Outputs of a node run by a remote {@link Worker}: a small one travels in the attempt's commit and
 * is published by the driver without ever being staged in a slot; a large one is staged, then
 * moved. Both end up as the datasets' values, and nothing staged is left.
 */
class ParallelRunnerSmallOutputsTest {

  @Test
  void aSmallOutputIsPublishedFromTheCommitAndALargeOneFromItsStagedSlot() {
    try (TestCluster cluster = TestCluster.withMembers(1)) {
      HazelcastInstance driver = cluster.startClient();
      String catalogName = "small-out-" + UUID.randomUUID().toString().substring(0, 8);
      SharedMemoryDataCatalog catalog = SharedMemoryDataCatalog.connect(driver, catalogName);
      catalog.putData("seed", 41);
      IMap<String, byte[]> values = driver.getMap(ValueStore.mapName(catalogName, "values"));
      Set<String> staged = ConcurrentHashMap.newKeySet();
      values.addEntryListener(
          (EntryAddedListener<String, byte[]>)
              (EntryEvent<String, byte[]> e) -> {
                if (e.getKey().startsWith("__attempt.")) {
                  staged.add(e.getKey());
                }
              },
          false);
      try (Worker worker =
          Worker.start(
              cluster.startClient(),
              WorkerOptions.builder().workerId("small-out-worker").threads(2).build())) {
        new ParallelRunner(driver, 0)
            .run(
                PipelineRegistry.find(CommitOutputTestPipelines.MAKE_AND_USE),
                catalog,
                RunOptions.builder().runId("small-out-run").build());
      }

      // tiny and large are intermediates, released after "use" read them: its result shows both
      assertEquals("tiny-41:" + CommitOutputTestPipelines.LARGE_BYTES, catalog.load("summary"));
      // only the large output was staged (the listener hears of it a little later)
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> staged.contains("__attempt.small-out-run.1.large"));
      assertEquals(Set.of("__attempt.small-out-run.1.large"), staged, "only the large one staged");
      assertTrue(
          values.keySet().stream().noneMatch(k -> k.startsWith("__attempt.")),
          "nothing staged is left: " + values.keySet());
    }
  }

  @Test
  void aCommitCarriesSmallOutputsOnlyUpToItsTotalLimitAndStagesTheRest() {
    try (TestCluster cluster = TestCluster.withMembers(1)) {
      HazelcastInstance driver = cluster.startClient();
      String catalogName = "many-out-" + UUID.randomUUID().toString().substring(0, 8);
      SharedMemoryDataCatalog catalog = SharedMemoryDataCatalog.connect(driver, catalogName);
      catalog.putData("seed", 1);
      IMap<String, byte[]> values = driver.getMap(ValueStore.mapName(catalogName, "values"));
      Set<String> staged = ConcurrentHashMap.newKeySet();
      values.addEntryListener(
          (EntryAddedListener<String, byte[]>)
              (EntryEvent<String, byte[]> e) -> {
                if (e.getKey().startsWith("__attempt.")) {
                  staged.add(e.getKey());
                }
              },
          false);
      try (Worker worker =
          Worker.start(
              cluster.startClient(),
              WorkerOptions.builder().workerId("many-out-worker").threads(1).build())) {
        new ParallelRunner(driver, 0)
            .run(
                PipelineRegistry.find(CommitOutputTestPipelines.MANY_OUTPUTS),
                catalog,
                RunOptions.builder().runId("many-out-run").build());
      }

      assertEquals(
          6 * CommitOutputTestPipelines.MANY_BYTES, catalog.load("total_length", Integer.class));
      // four entries of about 15 KB fit the commit's 64 KiB, the fifth and sixth are staged
      Set<String> expected = Set.of("__attempt.many-out-run.1.m5", "__attempt.many-out-run.1.m6");
      await().atMost(Duration.ofSeconds(10)).until(() -> staged.containsAll(expected));
      assertEquals(expected, staged);
      assertTrue(values.keySet().stream().noneMatch(k -> k.startsWith("__attempt.")));
    }
  }
}
