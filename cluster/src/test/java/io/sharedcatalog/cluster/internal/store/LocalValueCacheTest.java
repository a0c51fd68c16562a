package io.sharedcatalog.cluster.internal.store;

import static io.sharedcatalog.cluster.internal.store.ValueStoreTest.freshCatalog;
import static io.sharedcatalog.cluster.internal.store.ValueStoreTest.random;
import static io.sharedcatalog.cluster.internal.store.ValueStoreTest.value;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.cluster.testing.TestCluster;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LocalValueCacheTest {
  private static final int CHUNK = 1_000; // ValueStoreTest.smallChunks()
  private static TestCluster cluster;
  private static HazelcastInstance writer;
  private static HazelcastInstance reader;

  record Row(int id, String name) {}

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

  private static ValueStore store(HazelcastInstance hz, String catalog) {
    return ValueStore.of(hz, catalog, ValueStoreTest.smallChunks());
  }

  @Test
  void aProcessLoadsWhatItSavedFromItsCacheAndAnotherFetchesItOnceThenFromItsOwn() {
    String catalog = freshCatalog();
    byte[] saved = random(5 * CHUNK, 1);
    store(writer, catalog).put("v", saved);

    long writerHits = LocalValueCache.of(writer).hits();
    assertArrayEquals(saved, (byte[]) value(store(writer, catalog).load("v")));
    assertEquals(writerHits + 1, LocalValueCache.of(writer).hits());

    long readerHits = LocalValueCache.of(reader).hits();
    assertArrayEquals(saved, (byte[]) value(store(reader, catalog).load("v")));
    assertEquals(readerHits, LocalValueCache.of(reader).hits(), "first load fetches the chunks");
    assertArrayEquals(saved, (byte[]) value(store(reader, catalog).load("v")));
    assertEquals(readerHits + 1, LocalValueCache.of(reader).hits());
  }

  @Test
  void aValueAnotherProcessReplacedBetweenTwoLoadsIsNeverServedFromTheCache() {
    String catalog = freshCatalog();
    ValueStore mine = store(writer, catalog);
    ValueStore theirs = store(reader, catalog);
    List<Row> first = List.of(new Row(1, "a".repeat(3 * CHUNK)));
    mine.put("v", first);
    assertEquals(first, value(mine.load("v")));

    List<Row> second = List.of(new Row(2, "b".repeat(3 * CHUNK)));
    theirs.put("v", second);
    assertEquals(second, value(mine.load("v")));

    theirs.put("v", "small");
    assertEquals("small", value(mine.load("v")));

    mine.put("v", first);
    theirs.clear("v");
    assertInstanceOf(ValueStore.EmptySlot.class, mine.load("v"));
  }

  @Test
  void anArrayChangedByItsOwnerAfterSavingOrLoadingIsNotServed() {
    String catalog = freshCatalog();
    ValueStore mine = store(writer, catalog);
    byte[] saved = random(4 * CHUNK, 2);
    byte[] original = saved.clone();
    mine.put("v", saved);
    saved[10] ^= 1; // the caller reuses its array after the save

    long hits = LocalValueCache.of(writer).hits();
    byte[] loaded = (byte[]) value(mine.load("v"));
    assertArrayEquals(original, loaded);
    assertEquals(hits, LocalValueCache.of(writer).hits(), "the changed array was not served");

    loaded[0] ^= 1; // the value a load handed out is the caller's
    assertArrayEquals(original, (byte[]) value(mine.load("v")));
  }

  @Test
  void aManifestNamingACachedSaveWithOtherChecksumsIsNotServedFromTheCache() {
    String catalog = freshCatalog();
    ValueStore mine = store(writer, catalog);
    mine.put("v", random(3 * CHUNK, 3));
    SlotEntry real = SlotEntry.parse(mine.valueMap().get("v"), Integer.MAX_VALUE - 64);
    int[] forged = real.checksums.clone();
    forged[1] ^= 1;
    mine.valueMap()
        .set(
            "v",
            SlotEntry.manifest(
                real.codecTag,
                real.saver,
                real.saveId,
                real.totalLength,
                real.chunkBytes,
                real.partitionKeys,
                forged));

    CorruptValueException e = assertThrows(CorruptValueException.class, () -> mine.load("v"));
    assertTrue(e.getMessage().contains("CRC32C"), e.getMessage());
  }

  @Test
  void theCacheHoldsAtMostItsCapacityDroppingTheLeastRecentlyUsed() {
    LocalValueCache cache = new LocalValueCache(10 * CHUNK);
    SlotEntry a = manifestOf(random(4 * CHUNK, 4));
    SlotEntry b = manifestOf(random(4 * CHUNK, 5));
    SlotEntry c = manifestOf(random(4 * CHUNK, 6));
    byte[] bodyA = bodies.get(a.saveId);
    cache.keep(a, bodyA, 0);
    cache.keep(b, bodies.get(b.saveId), 0);
    assertNotNull(cache.find(a)); // a is now the most recently used
    cache.keep(c, bodies.get(c.saveId), 0);

    assertArrayEquals(bodyA, cache.find(a));
    assertNull(cache.find(b), "the least recently used body went");
    assertNotNull(cache.find(c));

    SlotEntry big = manifestOf(random(6 * CHUNK, 7));
    cache.keep(big, bodies.get(big.saveId), 0);
    assertNull(cache.find(big), "a body over half the capacity is not kept");
    assertNotNull(cache.find(a));
  }

  private final java.util.Map<UUID, byte[]> bodies = new java.util.HashMap<>();

  private SlotEntry manifestOf(byte[] body) {
    int count = (body.length + CHUNK - 1) / CHUNK;
    int[] checksums = new int[count];
    for (int i = 0; i < count; i++) {
      CRC32C crc = new CRC32C();
      crc.update(body, i * CHUNK, Math.min(CHUNK, body.length - i * CHUNK));
      checksums[i] = (int) crc.getValue();
    }
    UUID saveId = UUID.randomUUID();
    bodies.put(saveId, body);
    return SlotEntry.parse(
        SlotEntry.manifest(
            (byte) 1, "test@localhost", saveId, body.length, CHUNK, new int[count], checksums),
        Integer.MAX_VALUE - 64);
  }
}
