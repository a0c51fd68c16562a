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
      SharedMemoryDataCatalog catalog = catalog(driver, "small-out-");
      catalog.putData("seed", 41);

      Set<String> staged =
          runNotingStagedSlots(
              cluster, driver, catalog, CommitOutputTestPipelines.MAKE_AND_USE, "small-out-run", 2);

      // tiny and large are intermediates, released after "use" read them: its result shows both
      assertEquals("tiny-41:" + CommitOutputTestPipelines.LARGE_BYTES, catalog.load("summary"));
      // only the large output was staged (the listener hears of it a little later)
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> staged.contains("__attempt.small-out-run.1.large"));
      assertEquals(Set.of("__attempt.small-out-run.1.large"), staged, "only the large one staged");
      assertNothingStagedLeft(driver, catalog);
    }
  }

  @Test
  void aCommitCarriesSmallOutputsOnlyUpToItsTotalLimitAndStagesTheRest() {
    try (TestCluster cluster = TestCluster.withMembers(1)) {
      HazelcastInstance driver = cluster.startClient();
      SharedMemoryDataCatalog catalog = catalog(driver, "many-out-");
      catalog.putData("seed", 1);

      Set<String> staged =
          runNotingStagedSlots(
              cluster, driver, catalog, CommitOutputTestPipelines.MANY_OUTPUTS, "many-out-run", 1);

      assertEquals(
          6 * CommitOutputTestPipelines.MANY_BYTES, catalog.load("total_length", Integer.class));
      // four entries of about 15 KB fit the commit's 64 KiB, the fifth and sixth are staged
      Set<String> expected = Set.of("__attempt.many-out-run.1.m5", "__attempt.many-out-run.1.m6");
      await().atMost(Duration.ofSeconds(10)).until(() -> staged.containsAll(expected));
      assertEquals(expected, staged);
      assertNothingStagedLeft(driver, catalog);
    }
  }

  private static SharedMemoryDataCatalog catalog(HazelcastInstance driver, String prefix) {
    return SharedMemoryDataCatalog.connect(
        driver, prefix + UUID.randomUUID().toString().substring(0, 8));
  }

  /**
   * Runs the registered pipeline on one remote worker with {@code threads} threads (the driver has
   * none) and returns the staged slots the run creates, as an entry listener on the catalog's
   * values map hears of them (the set may still grow a little after the run).
   */
  private static Set<String> runNotingStagedSlots(
      TestCluster cluster,
      HazelcastInstance driver,
      SharedMemoryDataCatalog catalog,
      String pipeline,
      String runId,
      int threads) {
    Set<String> staged = ConcurrentHashMap.newKeySet();
    values(driver, catalog)
        .addEntryListener(
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
            WorkerOptions.builder().workerId(runId + "-worker").threads(threads).build())) {
      new ParallelRunner(driver, 0)
          .run(PipelineRegistry.find(pipeline), catalog, RunOptions.builder().runId(runId).build());
    }
    return staged;
  }

  private static void assertNothingStagedLeft(
      HazelcastInstance driver, SharedMemoryDataCatalog catalog) {
    Set<String> keys = values(driver, catalog).keySet();
    assertTrue(
        keys.stream().noneMatch(k -> k.startsWith("__attempt.")),
        "nothing staged is left: " + keys);
  }

  private static IMap<String, byte[]> values(
      HazelcastInstance driver, SharedMemoryDataCatalog catalog) {
    return driver.getMap(ValueStore.mapName(catalog.catalogName(), "values"));
  }
}
