package io.sharedcatalog.cluster.internal.store;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.PartitionAwareKey;
import io.sharedcatalog.catalog.internal.codec.CodecException;
import io.sharedcatalog.cluster.testing.TestCluster;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
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

  static String freshCatalog() {
    return "c" + UUID.randomUUID().toString().substring(0, 8);
  }

  static StoreSettings smallChunks() {
    return StoreSettings.defaults().withChunking(CHUNK, CHUNK);
  }

  /** The format of what {@code slot} holds, as a load parses it. */
  static byte format(ValueStore store, String slot) {
    return SlotEntry.parse(store.valueMap().get(slot), Long.MAX_VALUE).format;
  }

  static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  static Object value(ValueStore.Lookup lookup) {
    return assertInstanceOf(ValueStore.Value.class, lookup).value();
  }

  @Test
  void smallValuesAreStoredInlineAndSeenByAnotherClient() {
    String catalog = freshCatalog();
    ValueStore.of(writer, catalog).put("x", List.of(new Row(1, 2.0, "a")));

    ValueStore other = ValueStore.of(reader, catalog);
    assertEquals(List.of(new Row(1, 2.0, "a")), value(other.load("x")));
    assertTrue(other.exists("x"));
    assertFalse(other.exists("y"));
    assertInstanceOf(ValueStore.NoSlot.class, other.load("y"));
    assertEquals(SlotEntry.INLINE, format(other, "x"));
    assertEquals(0, other.chunkMap().size());
  }

  @Test
  void membersAndClientsShareChunkedAndInlineValues() {
    String catalog = freshCatalog();
    HazelcastInstance member = cluster.members().get(0);
    ValueStore onMember = ValueStore.of(member, catalog, smallChunks());
    ValueStore onClient = ValueStore.of(reader, catalog, smallChunks());
    byte[] big = random(5 * CHUNK + 3, 11);
    onMember.put("big", big);
    onMember.put("small", "tiny");
    assertArrayEquals(big, (byte[]) value(onClient.load("big")));
    assertEquals("tiny", value(onClient.load("small")));
    onClient.put("back", big);
    assertArrayEquals(big, (byte[]) value(onMember.load("back")));
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
      store.put(name, value);
      assertArrayEquals(value, (byte[]) value(other.load(name)), "size " + size);
      byte expectedFormat = size <= CHUNK ? SlotEntry.INLINE : SlotEntry.CHUNKED;
      assertEquals(expectedFormat, format(other, name), "size " + size);
    }
    // the two-chunk values, the three-chunk value and the 38-chunk value
    assertEquals(2 + 2 + 3 + 38, store.chunkMap().size());
  }

  @Test
  void chunksOfOneValueLandOnDifferentPartitionsOfBothMembers() {
    String catalog = freshCatalog();
    ValueStore store = ValueStore.of(writer, catalog, smallChunks());
    store.put("big", random(20 * CHUNK, 3));
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
    store.put("rows", rows);
    store.put("text", "é".repeat(5_000));
    ValueStore other = ValueStore.of(reader, catalog, smallChunks());
    assertEquals(rows, value(other.load("rows")));
    assertEquals("é".repeat(5_000), value(other.load("text")));
    assertEquals(SlotEntry.CHUNKED, format(other, "rows"));
  }

  @Test
  void publishedChunksArePermanentAndReplacedChunksAreDeleted() {
    String catalog = freshCatalog();
    ValueStore store = ValueStore.of(writer, catalog, smallChunks());
    store.put("v", random(5 * CHUNK, 1));
    for (var key : store.chunkMap().keySet()) {
      assertEquals(Long.MAX_VALUE, store.chunkMap().getEntryView(key).getTtl(), "chunk " + key);
    }
    store.put("v", random(3 * CHUNK, 2));
    await().atMost(20, SECONDS).until(() -> store.chunkMap().size() == 3);
    assertArrayEquals(random(3 * CHUNK, 2), (byte[]) value(store.load("v")));

    store.put("v", "small now");
    await().atMost(20, SECONDS).until(() -> store.chunkMap().size() == 0);
    assertEquals("small now", value(store.load("v")));
  }

  @Test
  void aClientThatShutsDownRightAfterReplacingValuesStillDeletesTheirChunks() {
    String catalog = freshCatalog();
    HazelcastInstance leaving = cluster.startClient();
    ValueStore store = ValueStore.of(leaving, catalog, smallChunks());
    store.put("v", random(30 * CHUNK, 1));
    store.put("v", random(30 * CHUNK, 2));
    leaving.shutdown(); // at once, right after the save returned

    ValueStore other = ValueStore.of(reader, catalog, smallChunks());
    assertEquals(30, other.chunkMap().size(), "only the last value's chunks are left");
    assertArrayEquals(random(30 * CHUNK, 2), (byte[]) value(other.load("v")));
  }

  @Test
  void deleteRemovesTheSlotAndItsChunks() {
    String catalog = freshCatalog();
    ValueStore store = ValueStore.of(writer, catalog, smallChunks());
    store.put("v", random(4 * CHUNK, 1));
    store.delete("v");
    assertFalse(store.exists("v"));
    assertInstanceOf(ValueStore.NoSlot.class, store.load("v"));
    assertEquals(0, store.chunkMap().size());
  }

  @Test
  void replaceWritesOnlyIntoASlotThatExistsAndLeavesNothingOtherwise() {
    String catalog = freshCatalog();
    ValueStore store = ValueStore.of(writer, catalog, smallChunks());
    assertFalse(store.replace("gone#1", "small"));
    assertFalse(store.replace("gone#1", random(4 * CHUNK, 1)));
    assertFalse(store.valueMap().containsKey("gone#1"));
    await().atMost(20, SECONDS).until(() -> store.chunkMap().size() == 0);

    store.createSlot("here#2", null);
    assertInstanceOf(ValueStore.EmptySlot.class, store.load("here#2"));
    assertFalse(store.exists("here#2"));
    assertTrue(store.replace("here#2", random(4 * CHUNK, 2)));
    assertArrayEquals(
        random(4 * CHUNK, 2), (byte[]) value(ValueStore.of(reader, catalog).load("here#2")));
    assertTrue(store.replace("here#2", "small"));
    assertEquals("small", value(store.load("here#2")));
    await().atMost(20, SECONDS).until(() -> store.chunkMap().size() == 0);
  }

  @Test
  void createSlotIfAbsentKeepsAnExistingSlotAndClearKeepsTheSlotWithoutItsValue() {
    String catalog = freshCatalog();
    ValueStore store = ValueStore.of(writer, catalog, smallChunks());
    assertTrue(store.createSlotIfAbsent("a#1", store.encode("first")));
    assertFalse(store.createSlotIfAbsent("a#1", store.encode(random(3 * CHUNK, 3))));
    assertEquals("first", value(store.load("a#1")));
    await().atMost(20, SECONDS).until(() -> store.chunkMap().size() == 0);

    store.put("a#1", random(3 * CHUNK, 4));
    assertTrue(store.clear("a#1"));
    assertInstanceOf(ValueStore.EmptySlot.class, store.load("a#1"));
    assertFalse(store.clear("b#1"));
    await().atMost(20, SECONDS).until(() -> store.chunkMap().size() == 0);
  }

  @Test
  void slotInfoTellsSizeChunksSaverAndTimeWithoutDecoding() {
    String catalog = freshCatalog();
    ValueStore store = ValueStore.of(writer, catalog, smallChunks());
    long before = System.currentTimeMillis();
    store.put("big", random(3 * CHUNK + 1, 1));
    store.put("small", random(10, 1));
    ValueStore.SlotInfo big = ValueStore.of(reader, catalog).info("big").orElseThrow();
    assertTrue(big.hasValue());
    assertEquals(4, big.chunks());
    assertTrue(big.storedBytes() >= 3 * CHUNK + 1);
    assertTrue(big.savedAtMillis() >= before);
    assertTrue(big.saver().startsWith(ProcessHandle.current().pid() + "@"), big.saver());
    assertEquals(0, store.info("small").orElseThrow().chunks());
    assertTrue(store.info("none").isEmpty());
  }

  @Test
  void anUnencodableValueFailsNamingItsClassAndKeepsTheOldValue() {
    String catalog = freshCatalog();
    ValueStore store = ValueStore.of(writer, catalog, smallChunks());
    store.put("v", random(3 * CHUNK, 9));
    CodecException e = assertThrows(CodecException.class, () -> store.put("v", new Unshareable()));
    assertTrue(e.getMessage().contains(Unshareable.class.getName()), e.getMessage());
    CodecException check =
        assertThrows(CodecException.class, () -> store.checkShareable(new Unshareable()));
    assertTrue(check.getMessage().contains(Unshareable.class.getName()), check.getMessage());
    store.checkShareable(List.of(new Row(1, 1, "x")));
    assertArrayEquals(random(3 * CHUNK, 9), (byte[]) value(store.load("v")));
    assertEquals(3, store.chunkMap().size());
  }

  @Test
  void aValueOverTheLimitIsRefusedBeforeAnythingIsSentAndTheOldValueStays() {
    String catalog = freshCatalog();
    ValueStore store = ValueStore.of(writer, catalog, smallChunks().withMaxValueBytes(10 * CHUNK));
    store.put("v", "old");
    ValueTooLargeException e =
        assertThrows(ValueTooLargeException.class, () -> store.put("v", random(10 * CHUNK + 1, 1)));
    assertEquals(10 * CHUNK + 1, e.size());
    assertTrue(e.getMessage().contains(StoreSettings.MAX_VALUE_BYTES_PROPERTY), e.getMessage());
    assertEquals(0, store.chunkMap().size());
    assertEquals("old", value(store.load("v")));
  }

  @Test
  void theDefaultLimitIsHalfTheSmallestHeapAMemberPublishes() {
    try (TestCluster small = new TestCluster()) {
      var config = small.memberConfig(TestCluster.freePort());
      config.getMemberAttributeConfig().setAttribute(ValueStore.HEAP_ATTRIBUTE, "512000000");
      com.hazelcast.core.HazelcastInstance member =
          com.hazelcast.core.Hazelcast.newHazelcastInstance(config);
      try {
        assertEquals(256_000_000L, StoreSettings.memberHeapLimit(member, 1L << 30));
        assertEquals(1_000L, StoreSettings.memberHeapLimit(member, 1_000L));
        assertEquals(1L << 30, StoreSettings.memberHeapLimit(writer, 1L << 30));
      } finally {
        member.getLifecycleService().terminate();
      }
    }
  }

  @Test
  void aCorruptChunkIsDetectedByItsChecksum() {
    String catalog = freshCatalog();
    ValueStore store = ValueStore.of(writer, catalog, smallChunks());
    store.put("v", random(4 * CHUNK, 4));
    var key = store.chunkMap().keySet().iterator().next();
    byte[] chunk = store.chunkMap().get(key);
    chunk[chunk.length / 2] ^= 1;
    store.chunkMap().set(key, chunk);

    CorruptValueException e =
        assertThrows(CorruptValueException.class, () -> ValueStore.of(reader, catalog).load("v"));
    assertTrue(e.getMessage().contains("CRC32C"), e.getMessage());
  }

  @Test
  void aMissingChunkFailsClearly() {
    String catalog = freshCatalog();
    ValueStore store = ValueStore.of(writer, catalog, smallChunks());
    store.put("v", random(4 * CHUNK, 4));
    store.chunkMap().delete(store.chunkMap().keySet().iterator().next());
    // loaded by another client: the writer itself still holds the value in its local cache
    ValueStore other = ValueStore.of(reader, catalog, smallChunks());
    CorruptValueException e = assertThrows(CorruptValueException.class, () -> other.load("v"));
    assertTrue(e.getMessage().contains("missing"), e.getMessage());
    assertTrue(e.getMessage().contains("incomplete"), e.getMessage());
  }

  @Test
  void malformedEntriesPutByAnotherClientFailAsCorruptBeforeAnyAllocation() {
    String catalog = freshCatalog();
    ValueStore store = ValueStore.of(writer, catalog, smallChunks());
    store.put("v", random(4 * CHUNK, 4));
    byte[] manifest = (byte[]) store.valueMap().get("v");
    var raw = ValueStore.of(reader, catalog).valueMap();
    int body = 11 + manifest[10];

    byte[] hugeLength = manifest.clone();
    ByteBuffer.wrap(hugeLength, body + 16, 8).putLong(Long.MAX_VALUE / 2);
    byte[] hugeCount = manifest.clone();
    ByteBuffer.wrap(hugeCount, body + 28, 4).putInt(Integer.MAX_VALUE);
    byte[] truncated = Arrays.copyOf(manifest, manifest.length - 3);
    byte[] unknown = {9, 9, 9};
    byte[] empty = {};
    List<byte[]> bad = List.of(hugeLength, hugeCount, truncated, unknown, empty);
    for (int i = 0; i < bad.size(); i++) {
      raw.set("bad" + i, bad.get(i));
      String slot = "bad" + i;
      CorruptValueException e = assertThrows(CorruptValueException.class, () -> store.load(slot));
      assertFalse(e.getMessage().isBlank());
      assertThrows(CorruptValueException.class, () -> store.info(slot));
    }
    assertArrayEquals(random(4 * CHUNK, 4), (byte[]) value(store.load("v")));
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
                    store.put("shared", candidates.get(first + s));
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
                  if (store.load("shared") instanceof ValueStore.Value loaded) {
                    byte[] bytes = (byte[]) loaded.value();
                    assertTrue(
                        candidates.stream().anyMatch(c -> Arrays.equals(c, bytes)),
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
    byte[] last = (byte[]) value(store.load("shared"));
    assertTrue(candidates.stream().anyMatch(c -> Arrays.equals(c, last)));
    await()
        .atMost(20, SECONDS)
        .until(() -> store.chunkMap().size() == (last.length + CHUNK - 1) / CHUNK);
  }

  @Test
  void differentCatalogsDoNotSeeEachOther() {
    ValueStore a = ValueStore.of(writer, freshCatalog());
    ValueStore b = ValueStore.of(writer, freshCatalog());
    a.put("x", 1);
    assertFalse(b.exists("x"));
  }
}
