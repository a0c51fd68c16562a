package io.sharedcatalog.cluster.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.sharedcatalog.cluster.testing.TestCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Reads of a real map from many client threads at once share {@code getAll} calls. */
class CoalescedReadsTest {

  @Test
  void concurrentReadsShareCallsAndEachSeesTheWritesBeforeIt() throws Exception {
    try (TestCluster cluster = TestCluster.withMembers(2)) {
      HazelcastInstance client = cluster.startClient();
      IMap<String, String> map = client.getMap("coalesced-" + System.nanoTime());
      for (int i = 0; i < 64; i++) {
        map.set("k" + i, "v" + i);
      }
      AtomicInteger calls = new AtomicInteger();
      List<Integer> sizes = new CopyOnWriteArrayList<>();
      CoalescedReads<String> reads =
          new CoalescedReads<>(
              keys -> {
                calls.incrementAndGet();
                sizes.add(keys.size());
                return map.getAll(keys);
              });
      ExecutorService threads = Executors.newFixedThreadPool(16);
      try {
        for (int round = 0; round < 5; round++) {
          String suffix = "-" + round;
          for (int i = 0; i < 64; i++) {
            map.set("k" + i, "v" + i + suffix); // before the reads: every read must see it
          }
          CountDownLatch start = new CountDownLatch(1);
          List<CompletableFuture<String>> answers = new ArrayList<>();
          for (int i = 0; i < 64; i++) {
            String key = "k" + i;
            answers.add(
                CompletableFuture.supplyAsync(
                    () -> {
                      try {
                        start.await();
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      return reads.read(Set.of(key)).get(key);
                    },
                    threads));
          }
          start.countDown();
          for (int i = 0; i < 64; i++) {
            assertEquals("v" + i + suffix, answers.get(i).join());
          }
        }
      } finally {
        threads.shutdownNow();
      }
      assertTrue(calls.get() < 5 * 64, "320 reads took " + calls.get() + " calls: " + sizes);
      assertTrue(sizes.stream().anyMatch(s -> s > 1), "no call carried two reads: " + sizes);
      assertEquals("v3-4", reads.read(Set.of("k3")).get("k3")); // a read alone is sent at once
    }
  }

  @Test
  void aFailedCallFailsEveryReadItCarriedAndTheNextReadIsSentAgain() {
    RuntimeException failure = new IllegalStateException("cluster gone");
    AtomicInteger calls = new AtomicInteger();
    CoalescedReads<String> reads =
        new CoalescedReads<>(
            keys -> {
              if (calls.incrementAndGet() == 1) {
                throw failure;
              }
              return Map.of("a", "1");
            });
    RuntimeException thrown =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalStateException.class, () -> reads.read(Set.of("a")));
    assertSame(failure, thrown);
    assertEquals("1", reads.read(Set.of("a")).get("a"));
    assertEquals(2, calls.get());
  }
}
