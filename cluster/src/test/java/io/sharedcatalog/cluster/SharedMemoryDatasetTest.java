package io.sharedcatalog.cluster;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.catalog.DatasetException;
import io.sharedcatalog.cluster.testing.TestCluster;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SharedMemoryDatasetTest {
  private static TestCluster cluster;
  private static HazelcastInstance memberA;
  private static HazelcastInstance memberB;
  private static HazelcastInstance client;

  private String catalog;

  @BeforeAll
  static void startCluster() {
    cluster = TestCluster.withMembers(2);
    memberA = cluster.members().get(0);
    memberB = cluster.members().get(1);
    client = cluster.startClient();
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  @BeforeEach
  void uniqueCatalog() {
    catalog = "ds-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private <T> SharedMemoryDataset<T> dataset(String name, HazelcastInstance hz) {
    SharedMemoryDataset<T> dataset = new SharedMemoryDataset<>(catalog, name);
    dataset.setManager(hz);
    return dataset;
  }

  @Test
  void aSavedValueLoadsOnEveryMemberAndClient() {
    dataset("sales", memberA).save(List.of(1, 2, 3));

    assertEquals(List.of(1, 2, 3), dataset("sales", memberB).load());
    assertEquals(List.of(1, 2, 3), dataset("sales", client).load());
    assertTrue(dataset("sales", client).exists());
  }

  @Test
  void aSaveFromAClientLoadsOnAMember() {
    dataset("fromClient", client).save("hello");

    assertEquals("hello", dataset("fromClient", memberA).load());
  }

  @Test
  void loadBeforeSaveFailsWithTheDatasetName() {
    SharedMemoryDataset<String> dataset = dataset("never saved", memberA);

    DatasetException e = assertThrows(DatasetException.class, dataset::load);

    assertTrue(e.getMessage().contains("never saved"), e.getMessage());
    assertTrue(e.getMessage().contains("has not been saved yet"), e.getMessage());
    assertFalse(dataset.exists());
  }

  @Test
  void anUnboundDatasetSaysItNeedsAManagerAndHowToBindOne() {
    SharedMemoryDataset<String> dataset = new SharedMemoryDataset<>(catalog, "unbound");

    // Issue 11 item 5: exists() of an unbound dataset is false, as Kedro's; load and save fail.
    assertFalse(dataset.exists());
    for (Runnable use : List.<Runnable>of(dataset::load, () -> dataset.save("x"))) {
      DatasetException e = assertThrows(DatasetException.class, use::run);
      assertTrue(e.getMessage().contains("unbound"), e.getMessage());
      assertTrue(e.getMessage().contains("no manager"), e.getMessage());
      assertTrue(e.getMessage().contains("setManager("), e.getMessage());
      assertTrue(e.getMessage().contains("setManagerDatasets("), e.getMessage());
    }
    assertFalse(dataset.hasManager());
  }

  /** Holds a thread: the codec cannot encode it. */
  static final class Connection {
    final Thread reader = new Thread(() -> {});
  }

  @Test
  void anUnserialisableValueIsRefusedAndThePreviousValueStays() {
    SharedMemoryDataset<Object> dataset = dataset("model", memberA);
    dataset.save("previous");

    DatasetException e = assertThrows(DatasetException.class, () -> dataset.save(new Connection()));

    assertTrue(e.getMessage().contains("model"), e.getMessage());
    assertTrue(e.getMessage().contains(Connection.class.getName()), e.getMessage());
    assertTrue(e.getMessage().contains("no threads"), e.getMessage());
    assertEquals("previous", dataset("model", memberB).load());
  }

  @Test
  void aValueHoldingSomethingUnserialisableDeepInsideIsRefusedToo() {
    SharedMemoryDataset<Object> dataset = dataset("nested", memberA);
    dataset.save(List.of("previous"));
    List<Object> holder = new ArrayList<>(List.of("ok", new Connection()));

    assertThrows(DatasetException.class, () -> dataset.save(holder));

    assertEquals(List.of("previous"), dataset.load());
  }

  @Test
  void savingNullIsRefusedAndThePreviousValueStays() {
    SharedMemoryDataset<String> dataset = dataset("n", memberA);
    dataset.save("kept");

    DatasetException e = assertThrows(DatasetException.class, () -> dataset.save(null));

    assertTrue(e.getMessage().contains("null"), e.getMessage());
    assertEquals("kept", dataset.load());
  }

  @Test
  void releaseRemovesTheValueClusterWide() {
    dataset("tmp", memberA).save(42);
    assertTrue(dataset("tmp", client).exists());

    dataset("tmp", client).release();

    assertFalse(dataset("tmp", memberA).exists());
    assertFalse(dataset("tmp", memberB).exists());
    assertThrows(DatasetException.class, () -> dataset("tmp", memberB).load());
  }

  @Test
  void oddNamesAreKeysLikeAnyOther() {
    List<String> names =
        List.of("with spaces", "dots.in.name", "slashes/in/name", "ünïcødé-名前", "{braces}");
    for (String name : names) {
      dataset(name, memberA).save("value of " + name);
    }
    for (String name : names) {
      assertEquals("value of " + name, dataset(name, client).load());
    }
  }

  @Test
  void loadedValuesAreCopiesSoMutatingThemChangesNothingStored() {
    SharedMemoryDataset<List<String>> dataset = dataset("copies", memberA);
    List<String> saved = new ArrayList<>(List.of("a"));
    dataset.save(saved);
    saved.add("mutated after save");

    List<String> loaded = dataset.load();
    loaded.add("mutated after load");

    assertEquals(List.of("a"), dataset.load());
  }

  @Test
  void concurrentSavesToOneNameEndWithOneWholeValue() throws Exception {
    int writers = 4;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    HazelcastInstance[] instances = {memberA, memberB, client, memberA};
    try {
      for (int w = 0; w < writers; w++) {
        int writer = w;
        SharedMemoryDataset<List<Integer>> dataset = dataset("contended", instances[w]);
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int round = 0; round < 20; round++) {
                    dataset.save(new ArrayList<>(Collections.nCopies(5_000, writer)));
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> future : futures) {
        future.get(60, SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    SharedMemoryDataset<List<Integer>> contended = dataset("contended", client);
    List<Integer> result = contended.load();
    assertEquals(5_000, result.size());
    assertEquals(1, result.stream().distinct().count(), "a mix of writers' values");
  }

  @Test
  void standaloneDatasetsHaveKeysOfTheirOwn() {
    SharedMemoryDataset<String> first = new SharedMemoryDataset<>();
    SharedMemoryDataset<String> second = new SharedMemoryDataset<>();
    first.setManager(memberA);
    second.setManager(memberA);

    first.save("first");

    assertEquals(SharedMemoryDataset.STANDALONE_CATALOG, first.catalogName());
    assertNotEquals(first.datasetName(), second.datasetName());
    assertFalse(second.exists());
    assertTrue(first.toString().startsWith("SharedMemoryDataset("), first.toString());
  }

  @Test
  void aValueSavedFromAClientSurvivesTheClientLeaving() {
    HazelcastInstance leaving = cluster.startClient();
    dataset("outlives", leaving).save("still here");
    leaving.shutdown();

    await().atMost(20, SECONDS).until(() -> dataset("outlives", memberB).exists());
    assertEquals("still here", dataset("outlives", memberB).load());
  }

  @Test
  void aSharedMemoryDatasetIsEphemeralAloneOrInALocalCatalogButNotInAConnectedOne() {
    assertTrue(new SharedMemoryDataset<>().isEphemeral());
    SharedMemoryDataCatalog local = new SharedMemoryDataCatalog();
    local.put("x", new SharedMemoryDataset<>());
    assertTrue(local.get("x").isEphemeral());
    SharedMemoryDataCatalog connected = SharedMemoryDataCatalog.connect(client, catalog);
    connected.put("x", new SharedMemoryDataset<>());
    connected.putData("y", 1);
    connected.get("z", true); // from the runtime pattern
    for (String name : List.of("x", "y", "z")) {
      assertFalse(connected.get(name).isEphemeral(), name);
      // another view of the same shared catalog rebuilds it from the registry: the same answer
      assertFalse(SharedMemoryDataCatalog.connect(memberB, catalog).get(name).isEphemeral(), name);
    }
  }
}
