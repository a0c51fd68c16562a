package io.sharedcatalog.cluster.internal.store;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.PartitionAwareKey;
import io.sharedcatalog.catalog.internal.codec.CodecException;
import io.sharedcatalog.cluster.testing.TestCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ValueStoreTest {
  private static final int CHUNK = 1_000;
  private static TestCluster cluster;
  private static HazelcastInstance writer;
  private static HazelcastInstance reader;

  record Row(int id, double price, String name) {}

  static final class Unshareable {
    final Thread thread = new Thread(() -> {});
  }

  @BeforeAll
  static void startCluster() {
    cluster = TestCluster.withMembers(2);
    writer = cluster.startClient();
    reader = cluster.startClient();
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  private static String freshCatalog() {
    return "c" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static StoreSettings smallChunks() {
    return StoreSettings.defaults()
        .withChunking(CHUNK, CHUNK)
        .withSweeping(Duration.ofMillis(500), Duration.ofHours(1));
  }

  private static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  @Test
  void smallValuesAreStoredInlineAndSeenByAnotherClient() {
    String catalog = freshCatalog();
    ValueStore.of(writer, catalog).save("x", List.of(new Row(1, 2.0, "a")));

    ValueStore other = ValueStore.of(reader, catalog);
    assertEquals(Optional.of(List.of(new Row(1, 2.0, "a"))), other.load("x"));
    assertTrue(other.exists("x"));
    assertFalse(other.exists("y"));
    assertEquals(Optional.empty(), other.load("y"));
    assertEquals(Manifest.FORMAT_INLINE, other.valueMap().get("x")[0]);
    assertEquals(0, other.chunkMap().size());
  }

  @Test
  void membersAndClientsShareValuesBuiltWithoutIntermediateCopies() {
    String catalog = freshCatalog();
    HazelcastInstance member = cluster.members().get(0);
    ValueStore onMember = ValueStore.of(member, catalog, smallChunks());
    ValueStore onClient = ValueStore.of(reader, catalog, smallChunks());
    assertTrue(onMember.usesRawBytes());
    assertTrue(onClient.usesRawBytes());
    assertTrue(onClient.usesRawChunkReads());
    assertFalse(onMember.usesRawChunkReads());
    byte[] big = random(5 * CHUNK + 3, 11);
    onMember.save("big", big);
    onMember.save("small", "tiny");
    assertArrayEquals(big, (byte[]) onClient.load("big").orElseThrow());
    assertEquals("tiny", onClient.load("small").orElseThrow());
    onClient.save("back", big);
    assertArrayEquals(big, (byte[]) onMember.load("back").orElseThrow());
  }

  @Test
  void valuesJustBelowAtAndAboveTheThresholdRoundTrip() {
    String catalog = freshCatalog();
    ValueStore store = ValueStore.of(writer, catalog, smallChunks());
    ValueStore other = ValueStore.of(reader, catalog, smallChunks());
    int[] sizes = {CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 2 * CHUNK + 1, 37 * CHUNK + 5};
    for (int size : sizes) {
      String name = "bytes" + size;
      byte[] value = random(size, size);
      store.save(name, value);
      assertArrayEquals(value, (byte[]) other.load(name).orElseThrow(), "size " + size);
      byte expectedFormat = size <= CHUNK ? Manifest.FORMAT_INLINE : Manifest.FORMAT_CHUNKED;
      assertEquals(expectedFormat, other.valueMap().get(name)[0], "size " + size);
    }
    // the two-chunk values, the three-chunk value and the 38-chunk value
    assertEquals(2 + 2 + 3 + 38, store.chunkMap().size());
  }

  @Test
  void chunksOfOneValueLandOnDifferentPartitionsOfBothMembers() {
    String catalog = freshCatalog();
    ValueStore store = ValueStore.of(writer, catalog, smallChunks());
    store.save("big", random(20 * CHUNK, 3));
    Set<Integer> partitions = new HashSet<>();
    Set<UUID> owners = new HashSet<>();
    for (PartitionAwareKey<String, Integer> key : store.chunkMap().keySet()) {
      var partition = writer.getPartitionService().getPartition(key);
      partitions.add(partition.getPartitionId());
      owners.add(partition.getOwner().getUuid());
    }
    assertEquals(20, partitions.size());
    assertEquals(2, owners.size());
  }

  @Test
  void recordsAndStringsRoundTripThroughChunks() {
    String catalog = freshCatalog();
    ValueStore store = ValueStore.of(writer, catalog, smallChunks());
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      rows.add(new Row(i, i / 3.0, "row-" + i));
    }
    store.save("rows", rows);
    store.save("text", "é".repeat(5_000));
    ValueStore other = ValueStore.of(reader, catalog, smallChunks());
    assertEquals(rows, other.load("rows").orElseThrow());
    assertEquals("é".repeat(5_000), other.load("text").orElseThrow());
    assertEquals(Manifest.FORMAT_CHUNKED, other.valueMap().get("rows")[0]);
  }

  @Test
  void replacingAChunkedValueDeletesTheOldChunks() {
    String catalog = freshCatalog();
    ValueStore store = ValueStore.of(writer, catalog, smallChunks());
    store.save("v", random(5 * CHUNK, 1));
    store.save("v", random(3 * CHUNK, 2));
    await().atMost(20, SECONDS).until(() -> store.chunkMap().size() == 3);
    assertEquals(1, store.saveMap().size());
    assertArrayEquals(random(3 * CHUNK, 2), (byte[]) store.load("v").orElseThrow());

    store.save("v", "small now");
    assertEquals(1, store.sweepOrphans());
    assertEquals(0, store.chunkMap().size());
    assertEquals(0, store.saveMap().size());
    assertEquals("small now", store.load("v").orElseThrow());
  }

  @Test
  void removeDeletesTheValueAndItsChunks() {
    String catalog = freshCatalog();
    ValueStore store = ValueStore.of(writer, catalog, smallChunks());
    store.save("v", random(4 * CHUNK, 1));
    store.remove("v");
    assertFalse(store.exists("v"));
    assertEquals(Optional.empty(), store.load("v"));
    assertEquals(0, store.chunkMap().size());
    assertEquals(0, store.saveMap().size());
  }

  @Test
  void aBoundSaveReplacesAnExistingCheckedSmallValueWithoutAskingItsGuard() {
    String catalog = freshCatalog();
    ValueStore store = ValueStore.of(writer, catalog, smallChunks());
    AtomicInteger asked = new AtomicInteger();
    BooleanSupplier guard =
        () -> {
          asked.incrementAndGet();
          return true;
        };

    assertTrue(store.saveBound("x", "first", guard)); // no value yet: written, then checked
    assertEquals(1, asked.get());
    assertEquals(Manifest.FORMAT_PROVISIONAL, store.valueMap().get("x")[0]);
    assertTrue(store.saveBound("x", "second", guard)); // replaced an unchecked value: checks too
    assertEquals(2, asked.get());
    assertEquals(Manifest.FORMAT_BOUND, store.valueMap().get("x")[0]);
    assertTrue(store.saveBound("x", "third", guard)); // a checked value exists: one replace
    assertEquals(2, asked.get());

    assertEquals("third", ValueStore.of(reader, catalog).load("x").orElseThrow());
  }

  @Test
  void anUncheckedValueIsLoadedThroughABindingOnlyWhileTheBindingHolds() {
    String catalog = freshCatalog();
    ValueStore store = ValueStore.of(writer, catalog, smallChunks());
    AtomicBoolean bound = new AtomicBoolean(true);
    assertTrue(store.saveBound("x", "unchecked", bound::get));
    assertEquals(Manifest.FORMAT_PROVISIONAL, store.valueMap().get("x")[0]);
    ValueStore other = ValueStore.of(reader, catalog, smallChunks());

    assertEquals(Optional.of("unchecked"), other.loadBound("x", bound::get));
    bound.set(false);
    assertEquals(Optional.empty(), other.loadBound("x", bound::get));
    assertEquals(Optional.of("unchecked"), other.load("x")); // without a binding: as stored
  }

  @Test
  void removeUnlessRemovesOnlyWhenItsCheckSaysSoAndNeverAnIdenticalLaterValue() {
    String catalog = freshCatalog();
    ValueStore store = ValueStore.of(writer, catalog, smallChunks());
    store.saveBound("x", "same", () -> true);
    store.removeUnless("x", () -> true);
    assertTrue(store.exists("x"));

    AtomicInteger checks = new AtomicInteger();
    store.removeUnless(
        "x",
        () -> {
          if (checks.incrementAndGet() == 1) {
            // another writer saves an identical value between this call's read and its removal
            store.saveBound("x", "same", () -> true);
          }
          return false;
        });

    assertTrue(checks.get() >= 2, "the removal noticed the newer value and checked again");
    assertFalse(store.exists("x"));
  }

  @Test
  void noEntryOutlivesABindingThatWasGoneWhenAnUncheckedEntryWasReplaced() {
    String catalog = freshCatalog();
    ValueStore store = ValueStore.of(writer, catalog, smallChunks());
    AtomicInteger secondWritersChecks = new AtomicInteger();
    // three stale writers of a name whose binding is gone, each in the others' window:
    // the first writes where no entry is; the second replaces that unchecked entry; the third
    // replaces the second's entry, which looks checked, and is done without a check
    BooleanSupplier secondWritersCheck =
        () -> {
          if (secondWritersChecks.incrementAndGet() == 1) {
            assertTrue(store.saveBound("x", "third", () -> fail("the third writer checked")));
          }
          return false;
        };
    BooleanSupplier firstWritersCheck =
        () -> {
          assertFalse(store.saveBound("x", "second", secondWritersCheck));
          return false;
        };

    assertFalse(store.saveBound("x", "first", firstWritersCheck));

    assertFalse(store.exists("x"), "the second writer's take-back removed the third's entry too");
  }

  @Test
  void anUncheckedChunkedSaveWhoseBindingWentDuringItsCheckLeavesNothing() {
    String catalog = freshCatalog();
    ValueStore store = ValueStore.of(writer, catalog, smallChunks());

    assertFalse(store.saveBound("x", random(5 * CHUNK, 9), () -> false));

    assertFalse(store.exists("x"));
    await()
        .atMost(10, SECONDS)
        .until(() -> store.chunkMap().isEmpty() && store.saveMap().isEmpty());
  }

  @Test
  void entriesOfUnboundSavesAreLoadedThroughABindingOnlyWhileItHolds() {
    String catalog = freshCatalog();
    ValueStore store = ValueStore.of(writer, catalog, smallChunks());
    store.save("small", "plain");
    store.save("big", random(3 * CHUNK, 4));

    for (String name : List.of("small", "big")) {
      assertEquals(Optional.empty(), store.loadBound(name, () -> false), name);
      assertTrue(store.loadBound(name, () -> true).isPresent(), name);
    }
  }

  @Test
  void aBoundSaveWhoseGuardSaysNoLeavesNoValueNoChunksAndNoRecord() {
    String catalog = freshCatalog();
    ValueStore chunking = ValueStore.of(writer, catalog, smallChunks());
    ValueStore inline = ValueStore.of(writer, catalog); // inline up to 2 MiB
    int large = ValueStore.REPLACE_MAX_BYTES + 1;
    List<Object[]> cases =
        List.of(
            new Object[] {chunking, "small", "tiny"},
            new Object[] {inline, "large inline", random(large, 5)},
            new Object[] {chunking, "chunked", random(7 * CHUNK + 3, 6)});
    for (Object[] c : cases) {
      ValueStore store = (ValueStore) c[0];
      String name = (String) c[1];

      assertFalse(store.saveBound(name, c[2], () -> false), name);

      assertFalse(store.exists(name), name);
      assertEquals(Optional.empty(), ValueStore.of(reader, catalog).load(name), name);
    }
    // the chunks written before the refusal are deleted in the background, then the record
    await()
        .atMost(10, SECONDS)
        .until(() -> chunking.chunkMap().isEmpty() && chunking.saveMap().isEmpty());
  }

  @Test
  void anUnencodableValueFailsNamingItsClassAndKeepsTheOldValue() {
    String catalog = freshCatalog();
    ValueStore store = ValueStore.of(writer, catalog, smallChunks());
    store.save("v", random(3 * CHUNK, 9));
    CodecException e = assertThrows(CodecException.class, () -> store.save("v", new Unshareable()));
    assertTrue(e.getMessage().contains(Unshareable.class.getName()), e.getMessage());
    CodecException check =
        assertThrows(CodecException.class, () -> store.checkShareable(new Unshareable()));
    assertTrue(check.getMessage().contains(Unshareable.class.getName()), check.getMessage());
    store.checkShareable(List.of(new Row(1, 1, "x")));
    assertArrayEquals(random(3 * CHUNK, 9), (byte[]) store.load("v").orElseThrow());
    assertEquals(1, store.saveMap().size());
  }

  @Test
  void aCorruptChunkIsDetectedByItsChecksum() {
    String catalog = freshCatalog();
    ValueStore store = ValueStore.of(writer, catalog, smallChunks());
    store.save("v", random(4 * CHUNK, 4));
    var key = store.chunkMap().keySet().iterator().next();
    byte[] chunk = store.chunkMap().get(key);
    chunk[chunk.length / 2] ^= 1;
    store.chunkMap().set(key, chunk);

    CodecException e =
        assertThrows(CodecException.class, () -> ValueStore.of(reader, catalog).load("v"));
    assertTrue(e.getMessage().contains("CRC32C"), e.getMessage());
  }

  @Test
  void aMissingChunkFailsClearly() {
    String catalog = freshCatalog();
    ValueStore store = ValueStore.of(writer, catalog, smallChunks());
    store.save("v", random(4 * CHUNK, 4));
    store.chunkMap().delete(store.chunkMap().keySet().iterator().next());
    CodecException e = assertThrows(CodecException.class, () -> store.load("v"));
    assertTrue(e.getMessage().contains("missing"), e.getMessage());
  }

  @Test
  void concurrentSavesToOneNameEndWhole() throws Exception {
    String catalog = freshCatalog();
    int writers = 3;
    int savesEach = 15;
    List<byte[]> candidates = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      for (int s = 0; s < savesEach; s++) {
        candidates.add(random((2 + (w + s) % 5) * CHUNK + w, w * 1_000L + s));
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
    AtomicBoolean done = new AtomicBoolean();
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int first = w * savesEach;
        HazelcastInstance client = w % 2 == 0 ? writer : reader;
        futures.add(
            pool.submit(
                () -> {
                  ValueStore store = ValueStore.of(client, catalog, smallChunks());
                  for (int s = 0; s < savesEach; s++) {
                    store.save("shared", candidates.get(first + s));
                  }
                  return null;
                }));
      }
      Future<Integer> loads =
          pool.submit(
              () -> {
                ValueStore store = ValueStore.of(reader, catalog, smallChunks());
                int checked = 0;
                while (!done.get()) {
                  Optional<Object> loaded = store.load("shared");
                  if (loaded.isPresent()) {
                    byte[] bytes = (byte[]) loaded.get();
                    assertTrue(
                        candidates.stream().anyMatch(c -> java.util.Arrays.equals(c, bytes)),
                        "a load returned bytes that no save wrote");
                    checked++;
                  }
                }
                return checked;
              });
      for (Future<?> future : futures) {
        future.get(60, SECONDS);
      }
      done.set(true);
      assertTrue(loads.get(60, SECONDS) > 0);
    } finally {
      done.set(true);
      pool.shutdownNow();
    }
    ValueStore store = ValueStore.of(writer, catalog, smallChunks());
    byte[] last = (byte[]) store.load("shared").orElseThrow();
    assertTrue(candidates.stream().anyMatch(c -> java.util.Arrays.equals(c, last)));
    await()
        .atMost(20, SECONDS)
        .until(
            () -> {
              store.sweepOrphans();
              return store.saveMap().size() == 1
                  && store.chunkMap().size() == (last.length + CHUNK - 1) / CHUNK;
            });
  }

  @Test
  void anAbandonedSaveIsSweptAfterTheGracePeriodAndTheOldValueStays() {
    String catalog = freshCatalog();
    ValueStore store = ValueStore.of(writer, catalog, smallChunks());
    store.save("v", random(3 * CHUNK, 5));
    // what a writer that died mid-save leaves: a pending record and some of its chunks
    UUID deadSave = UUID.randomUUID();
    int[] keys = {0, 1, 2, 3};
    store
        .saveMap()
        .set(
            deadSave.toString(),
            new SaveRecord(SaveRecord.PENDING, System.currentTimeMillis(), "v", keys).toBytes());
    store.chunkMap().set(ChunkPlacement.chunkKey(deadSave, 0, 0), new byte[CHUNK]);
    store.chunkMap().set(ChunkPlacement.chunkKey(deadSave, 1, 1), new byte[CHUNK]);

    assertEquals(0, store.sweepOrphans(), "a fresh pending save may still be writing");
    await().atMost(20, SECONDS).until(() -> store.sweepOrphans() == 1);
    assertEquals(3, store.chunkMap().size());
    assertEquals(1, store.saveMap().size());
    assertArrayEquals(random(3 * CHUNK, 5), (byte[]) store.load("v").orElseThrow());
  }

  @Test
  void aSaveSweptJustBeforeItsCommitFailsAndKeepsThePreviousValue() throws Exception {
    String catalog = freshCatalog();
    // grace 0: a sweep treats every pending save as abandoned, so it races each save's commit
    StoreSettings eager = smallChunks().withSweeping(Duration.ZERO, Duration.ofHours(1));
    ValueStore store = ValueStore.of(writer, catalog, eager);
    ValueStore sweeper = ValueStore.of(reader, catalog, eager);
    AtomicBoolean sweeping = new AtomicBoolean(true);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<?> sweeps =
          pool.submit(
              () -> {
                while (sweeping.get()) {
                  sweeper.sweepOrphans();
                }
              });
      int failed = 0;
      for (int i = 0; i < 150; i++) {
        store.save("v", "previous " + i);
        byte[] value = random(3 * CHUNK, i);
        boolean saved;
        try {
          store.save("v", value);
          saved = true;
        } catch (IllegalStateException e) {
          saved = false;
          failed++;
        }
        Object loaded = store.load("v").orElseThrow();
        if (saved) {
          assertArrayEquals(value, (byte[]) loaded, "save " + i + " returned");
        } else {
          assertEquals("previous " + i, loaded, "save " + i + " failed");
        }
      }
      sweeping.set(false);
      sweeps.get(20, SECONDS);
      assertTrue(failed > 0, "the sweep should have taken some saves from their writer");
    } finally {
      sweeping.set(false);
      pool.shutdownNow();
    }
  }

  @Test
  void differentCatalogsDoNotSeeEachOther() {
    ValueStore a = ValueStore.of(writer, freshCatalog());
    ValueStore b = ValueStore.of(writer, freshCatalog());
    a.save("x", 1);
    assertFalse(b.exists("x"));
  }
}
