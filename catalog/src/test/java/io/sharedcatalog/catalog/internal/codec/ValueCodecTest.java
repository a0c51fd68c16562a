package io.sharedcatalog.catalog.internal.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ValueCodecTest {
  private final ValueCodec codec = ValueCodec.shared();

  record Row(int id, double price, String name) {}

  record Nested(String label, List<Row> rows, Map<String, int[]> arrays, Optional<String> note) {}

  enum Colour {
    RED,
    GREEN
  }

  /** Not Serializable: Fory encodes it by its fields. */
  static final class Pojo {
    String name;
    List<Long> values = new ArrayList<>();

    @Override
    public boolean equals(Object o) {
      return o instanceof Pojo p && p.name.equals(name) && p.values.equals(values);
    }

    @Override
    public int hashCode() {
      return name.hashCode();
    }
  }

  static final class Node implements Serializable {
    private static final long serialVersionUID = 1L;
    Node next;
    int value;
  }

  static final class HoldsThread {
    final Thread thread = new Thread(() -> {});
  }

  static final class SerializableHoldingThread implements Serializable {
    private static final long serialVersionUID = 1L;
    final Object thread = new Thread(() -> {});
  }

  private Object roundTrip(Object value) {
    return codec.decode(codec.encode(value));
  }

  @Test
  void recordsListsMapsAndNestedValuesRoundTrip() {
    List<Row> rows = List.of(new Row(1, 2.5, "a"), new Row(2, -1e300, "ü€"));
    Map<String, int[]> arrays = new LinkedHashMap<>();
    arrays.put("x", new int[] {1, 2, 3});
    Nested nested = new Nested("n", rows, arrays, Optional.of("note"));

    Nested back = (Nested) roundTrip(nested);

    assertEquals("n", back.label());
    assertEquals(rows, back.rows());
    assertArrayEquals(new int[] {1, 2, 3}, back.arrays().get("x"));
    assertEquals(Optional.of("note"), back.note());
    assertEquals(rows, roundTrip(new ArrayList<>(rows)));
    assertEquals(
        new TreeMap<>(Map.of("a", 1, "b", 2)), roundTrip(new TreeMap<>(Map.of("a", 1, "b", 2))));
    assertEquals(
        new HashMap<>(Map.of(1, List.of("x"))), roundTrip(new HashMap<>(Map.of(1, List.of("x")))));
    assertEquals(Set.of(Colour.RED), roundTrip(Set.of(Colour.RED)));
  }

  @Test
  void primitivesStringsBytesAndCommonJdkTypesRoundTrip() {
    assertEquals(42, roundTrip(42));
    assertEquals(42L, roundTrip(42L));
    assertEquals(1.5d, roundTrip(1.5d));
    assertEquals(true, roundTrip(true));
    assertEquals('c', roundTrip('c'));
    assertEquals("héllo", roundTrip("héllo"));
    assertEquals("", roundTrip(""));
    assertEquals(new BigDecimal("1.25"), roundTrip(new BigDecimal("1.25")));
    assertEquals(LocalDate.of(2024, 1, 2), roundTrip(LocalDate.of(2024, 1, 2)));
    assertEquals(Instant.ofEpochSecond(5), roundTrip(Instant.ofEpochSecond(5)));
    assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) roundTrip(new byte[] {1, 2, 3}));
    assertArrayEquals(new double[] {1, 2}, (double[]) roundTrip(new double[] {1, 2}));
    assertArrayEquals(new String[] {"a", null}, (String[]) roundTrip(new String[] {"a", null}));
    assertEquals(null, roundTrip(null));
  }

  @Test
  void byteArraysAndStringsUseTheirOwnTagsAndBytesAreNotCopied() {
    byte[] bytes = {9, 8, 7};
    EncodedValue encoded = codec.encodeValue(bytes);
    assertEquals(ValueCodec.TAG_BYTES, encoded.tag());
    assertSame(bytes, encoded.body());
    assertSame(bytes, codec.decode(ValueCodec.TAG_BYTES, bytes, 0, bytes.length));
    assertEquals(ValueCodec.TAG_STRING, codec.encode("abc")[0]);
    assertEquals(4, codec.encode("abc").length);
  }

  @Test
  void stringsWithUnpairedSurrogatesSurvive() {
    String broken = "a\uD800b";
    assertEquals(ValueCodec.TAG_FORY, codec.encode(broken)[0]);
    assertEquals(broken, roundTrip(broken));
  }

  @Test
  void classesThatAreNotSerializableAreEncodedByFory() {
    Pojo pojo = new Pojo();
    pojo.name = "p";
    pojo.values.add(7L);
    assertEquals(ValueCodec.TAG_FORY, codec.encode(pojo)[0]);
    assertEquals(pojo, roundTrip(pojo));
    assertTrue(codec.canEncode(pojo));
  }

  @Test
  void sharedReferencesAndCyclesArePreserved() {
    Node a = new Node();
    Node b = new Node();
    a.next = b;
    b.next = a;
    a.value = 1;
    Node back = (Node) roundTrip(a);
    assertSame(back, back.next.next);
    List<Row> shared = new ArrayList<>(List.of(new Row(1, 1, "x")));
    @SuppressWarnings("unchecked")
    List<List<Row>> twice = (List<List<Row>>) roundTrip(List.of(shared, shared));
    assertSame(twice.get(0), twice.get(1));
  }

  @Test
  void classesNamedForJavaSerialisationUseItAndDeepGraphsRoundTrip() {
    ValueCodec shallow =
        new ValueCodec(
            ClassAllowList.withDefaults(List.of()),
            new DecodeLimits(1_000, DecodeLimits.DEFAULT_MAX_REFS),
            List.of(Node.class.getName()));
    Node head = new Node();
    Node tail = head;
    for (int i = 0; i < 500; i++) {
      tail.next = new Node();
      tail = tail.next;
      tail.value = i;
    }
    byte[] encoded = shallow.encode(head);
    assertEquals(ValueCodec.TAG_JAVA, encoded[0]);
    assertEquals(ValueCodec.TAG_FORY, codec.encode(head)[0]);
    Node back = (Node) shallow.decode(encoded);
    int length = 0;
    for (Node n = back; n != null; n = n.next) {
      length++;
    }
    assertEquals(501, length);
  }

  @Test
  void unencodableValuesFailNamingTheClassAndCanEncodeSaysSo() {
    CodecException e = assertThrows(CodecException.class, () -> codec.encode(new HoldsThread()));
    assertTrue(e.getMessage().contains(HoldsThread.class.getName()), e.getMessage());
    assertFalse(codec.canEncode(new HoldsThread()));
    CodecException javaToo =
        assertThrows(CodecException.class, () -> codec.encode(new SerializableHoldingThread()));
    assertTrue(javaToo.getMessage().contains("java.lang.Thread"), javaToo.getMessage());
    assertFalse(codec.canEncode(new SerializableHoldingThread()));
    // a failure leaves the thread's Fory usable
    assertEquals(List.of(new Row(1, 1, "a")), roundTrip(List.of(new Row(1, 1, "a"))));
  }

  @Test
  void garbageFailsToDecodeWithACodecException() {
    assertThrows(CodecException.class, () -> codec.decode(new byte[0]));
    assertThrows(CodecException.class, () -> codec.decode(new byte[] {99, 1}));
    assertThrows(CodecException.class, () -> codec.decode(new byte[] {ValueCodec.TAG_FORY, 1, 2}));
  }

  @Test
  void transientEncodingsRoundTripAndReuseTheThreadsBuffer() {
    List<Row> first = List.of(new Row(1, 1, "a"));
    EncodedValue one = codec.encodeTransient(first);
    assertEquals(first, codec.decode(one.tag(), one.body(), one.offset(), one.length()));
    EncodedValue two = codec.encodeTransient(List.of(new Row(2, 2, "b")));
    assertSame(one.body(), two.body());
    assertEquals(
        List.of(new Row(2, 2, "b")),
        codec.decode(two.tag(), two.body(), two.offset(), two.length()));
  }

  @Test
  void copiesAreDeep() {
    List<int[]> original = new ArrayList<>(List.of(new int[] {1}));
    @SuppressWarnings("unchecked")
    List<int[]> copy = (List<int[]>) codec.copy(original);
    copy.get(0)[0] = 5;
    assertEquals(1, original.get(0)[0]);
  }
}
