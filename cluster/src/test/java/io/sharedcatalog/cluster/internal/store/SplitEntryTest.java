package io.sharedcatalog.cluster.internal.store;

import static io.sharedcatalog.cluster.internal.store.ValueStoreTest.format;
import static io.sharedcatalog.cluster.internal.store.ValueStoreTest.freshCatalog;
import static io.sharedcatalog.cluster.internal.store.ValueStoreTest.random;
import static io.sharedcatalog.cluster.internal.store.ValueStoreTest.value;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.cluster.internal.store.ValueStoreTest.Row;
import io.sharedcatalog.cluster.testing.TestCluster;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Inline values above {@link SlotEntry#SPLIT_MIN_BODY}, stored as a header and a body array. */
class SplitEntryTest {
  private static final int CHUNK = 256 * 1024;
  private static TestCluster cluster;
  private static HazelcastInstance writer;
  private static HazelcastInstance reader;

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

  private static StoreSettings settings() {
    return StoreSettings.defaults().withChunking(CHUNK, CHUNK);
  }

  private static List<byte[]> split(ValueStore store, String slot) {
    Object raw = store.valueMap().get(slot);
    List<?> list = assertInstanceOf(ArrayList.class, raw, slot + " is stored split");
    assertEquals(2, list.size());
    return List.of((byte[]) list.get(0), (byte[]) list.get(1));
  }

  @Test
  void inlineValuesAbove64KiBAreStoredSplitAndEveryInstanceLoadsThem() {
    String catalog = freshCatalog();
    ValueStore onWriter = ValueStore.of(writer, catalog, settings());
    ValueStore onReader = ValueStore.of(reader, catalog, settings());
    ValueStore onMember = ValueStore.of(cluster.members().get(1), catalog, settings());
    byte[] bytes = random(200_000, 1);
    String text = "ü".repeat(60_000);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      rows.add(new Row(i, i * 0.5, "r" + i));
    }
    onWriter.put("bytes", bytes);
    onWriter.put("text", text);
    onMember.put("rows", rows);
    onWriter.put("small", random(SlotEntry.SPLIT_MIN_BODY - 50, 2));

    assertArrayEquals(bytes, split(onReader, "bytes").get(1), "the body is the saved array");
    assertEquals(SlotEntry.SPLIT, split(onReader, "text").get(0)[0]);
    split(onReader, "rows");
    assertInstanceOf(byte[].class, onReader.valueMap().get("small"));
    for (String slot : List.of("bytes", "text", "rows", "small")) {
      assertEquals(SlotEntry.INLINE, format(onReader, slot), slot);
    }
    assertArrayEquals(bytes, (byte[]) value(onReader.load("bytes")));
    assertArrayEquals(bytes, (byte[]) value(onMember.load("bytes")));
    assertEquals(text, value(onMember.load("text")));
    assertEquals(rows, value(onReader.load("rows")));
    assertEquals(SlotEntry.SPLIT_MIN_BODY - 50, onReader.info("small").orElseThrow().storedBytes());
    assertEquals(200_000, onReader.info("bytes").orElseThrow().storedBytes());
    assertEquals(0, onWriter.chunkMap().size());
  }

  @Test
  void aSplitValueReplacingAChunkedOneDeletesItsChunksAndAChunkedOneReplacesItBack() {
    String catalog = freshCatalog();
    ValueStore store = ValueStore.of(writer, catalog, settings());
    ValueStore other = ValueStore.of(reader, catalog, settings());
    byte[] big = random(3 * CHUNK + 7, 3);
    byte[] mid = random(CHUNK - 10, 4);
    store.createSlot("v#1", null);
    assertTrue(store.replace("v#1", big));
    assertEquals(4, store.chunkMap().size());
    assertTrue(store.replace("v#1", mid));
    assertEquals(0, store.chunkMap().size(), "the chunked value's chunks are deleted");
    assertArrayEquals(mid, (byte[]) value(other.load("v#1")));
    assertTrue(other.replace("v#1", big));
    assertArrayEquals(big, (byte[]) value(store.load("v#1")));
    assertFalse(store.move("v#1", "w#1"), "no slot w#1 to move into");
    store.createSlot("w#1", null);
    assertTrue(other.replace("w#1", mid));
    assertTrue(store.move("w#1", "v#1"));
    assertArrayEquals(mid, (byte[]) value(other.load("v#1")));
    assertEquals(0, store.chunkMap().size());
    assertTrue(store.clear("v#1"));
    assertInstanceOf(ValueStore.EmptySlot.class, other.load("v#1"));
  }

  @Test
  void malformedSplitEntriesFailAsCorruptAndTheValueSavedBeforeStillLoads() {
    String catalog = freshCatalog();
    ValueStore store = ValueStore.of(writer, catalog, settings());
    byte[] saved = random(100_000, 5);
    store.put("v", saved);
    List<byte[]> good = split(store, "v");
    byte[] head = good.get(0);
    var raw = ValueStore.of(reader, catalog).valueMap();

    byte[] wrongFormat = head.clone();
    wrongFormat[0] = SlotEntry.INLINE;
    byte[] truncated = Arrays.copyOf(head, 5);
    byte[] trailing = Arrays.copyOf(head, head.length + 2);
    byte[] hugeSaver = head.clone();
    ByteBuffer.wrap(hugeSaver, 10, 1).put((byte) 200);
    List<Object> bad =
        List.of(
            list(head, good.get(1), new byte[1]),
            list(head),
            list(head, "not bytes"),
            list(wrongFormat, good.get(1)),
            list(truncated, good.get(1)),
            list(trailing, good.get(1)),
            list(hugeSaver, good.get(1)),
            "a string",
            42L);
    for (int i = 0; i < bad.size(); i++) {
      String slot = "bad" + i;
      raw.set(slot, bad.get(i));
      CorruptValueException e = assertThrows(CorruptValueException.class, () -> store.load(slot));
      assertFalse(e.getMessage().isBlank(), slot);
      assertThrows(CorruptValueException.class, () -> store.info(slot));
    }
    ValueStore strict = ValueStore.of(reader, catalog, settings().withMaxValueBytes(50_000));
    CorruptValueException tooBig =
        assertThrows(CorruptValueException.class, () -> strict.load("v"));
    assertTrue(tooBig.getMessage().contains("50000"), tooBig.getMessage());
    assertArrayEquals(saved, (byte[]) value(store.load("v")));
  }

  private static ArrayList<Object> list(Object... elements) {
    return new ArrayList<>(Arrays.asList(elements));
  }
}
