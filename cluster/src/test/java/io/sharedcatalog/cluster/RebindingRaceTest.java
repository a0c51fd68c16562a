package io.sharedcatalog.cluster;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.catalog.DatasetException;
import io.sharedcatalog.catalog.MemoryDataset;
import io.sharedcatalog.cluster.internal.store.ValueStore;
import io.sharedcatalog.cluster.testing.TestCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Re-binding races on real members and clients: three processes re-bind one name and save to it at
 * once, round after round, while a fourth loads it without pause.
 */
class RebindingRaceTest {
  private static final int SAVES = 5;
  private static TestCluster cluster;
  private static List<HazelcastInstance> actors;
  private static HazelcastInstance loader;

  @BeforeAll
  static void startCluster() {
    cluster = TestCluster.withMembers(2);
    actors = List.of(cluster.members().get(0), cluster.members().get(1), cluster.startClient());
    loader = cluster.startClient();
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  /** A value as a failure names it: without its padding. */
  private static String label(Object value) {
    String text = String.valueOf(value);
    int pad = text.indexOf("-x");
    return pad < 0 ? text : text.substring(0, pad) + "-(padding)";
  }

  /** The round a value was saved in: values are {@code r<round>-p<actor>-s<save>}. */
  private static int roundOf(Object value) {
    String text = (String) value;
    return Integer.parseInt(text.substring(1, text.indexOf('-')));
  }

  /**
   * With short values (inline, one array), values of 300,000 characters (inline, stored as a split
   * entry: header and body as two arrays) and values over the inline limit (chunks and a manifest).
   */
  @ParameterizedTest(name = "values of {0} padding characters, {1} rounds")
  @CsvSource({"0, 25", "300000, 25", "2200000, 6"})
  void noAcknowledgedSaveAfterTheLastRebindingIsLostAndNoLoadGoesBackToAnOlderBinding(
      int padding, int rounds) throws Exception {
    String pad = padding == 0 ? "" : "-" + "x".repeat(padding);
    String catalog = "race-" + System.nanoTime();
    List<SharedMemoryDataCatalog> views = new ArrayList<>();
    for (HazelcastInstance hz : actors) {
      views.add(SharedMemoryDataCatalog.connect(hz, catalog));
    }
    SharedMemoryDataCatalog loading = SharedMemoryDataCatalog.connect(loader, catalog);
    AtomicInteger completedRound = new AtomicInteger(-1);
    AtomicBoolean stop = new AtomicBoolean();
    Set<String> failures = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(actors.size() + 1);
    try {
      Future<Integer> loads =
          pool.submit(
              () -> {
                int count = 0;
                int lastSeen = -1;
                while (!stop.get()) {
                  int floor = completedRound.get();
                  Object value;
                  try {
                    value = loading.load("m");
                  } catch (DatasetException e) {
                    continue; // not registered yet, or a new binding not saved yet
                  }
                  int round = roundOf(value);
                  if (round < floor) {
                    failures.add(
                        "loaded " + label(value) + " after round " + floor + " had completed");
                  }
                  if (round < lastSeen) {
                    failures.add("loaded " + label(value) + " after a value of round " + lastSeen);
                  }
                  lastSeen = Math.max(lastSeen, round);
                  count++;
                }
                return count;
              });
      for (int round = 0; round < rounds; round++) {
        CyclicBarrier start = new CyclicBarrier(actors.size());
        List<Future<String>> lastSaves = new ArrayList<>();
        for (int p = 0; p < actors.size(); p++) {
          SharedMemoryDataCatalog view = views.get(p);
          String prefix = "r" + round + "-p" + p + "-s";
          lastSaves.add(
              pool.submit(
                  () -> {
                    start.await(10, SECONDS);
                    view.put("m", new MemoryDataset<>());
                    String last = null;
                    for (int s = 0; s < SAVES; s++) {
                      last = prefix + s + pad;
                      view.save("m", last);
                    }
                    return last;
                  }));
        }
        Set<String> finals = ConcurrentHashMap.newKeySet();
        for (Future<String> last : lastSaves) {
          finals.add(last.get(30, SECONDS));
        }
        completedRound.set(round);
        for (SharedMemoryDataCatalog view : views) {
          Object value = view.load("m");
          assertTrue(
              finals.contains(value),
              "round "
                  + round
                  + ": "
                  + label(value)
                  + " is not the last save of any process "
                  + finals.stream().map(RebindingRaceTest::label).toList());
        }
      }
      stop.set(true);
      assertTrue(loads.get(30, SECONDS) > 0, "the loader loaded something");
    } finally {
      stop.set(true);
      pool.shutdownNow();
    }
    assertEquals(Set.of(), failures);
    long slots =
        loader.<String, byte[]>getMap(ValueStore.mapName(catalog, "values")).keySet().stream()
            .filter(slot -> slot.startsWith("m#"))
            .count();
    assertEquals(1, slots, "only the last binding's slot is left");
  }
}
