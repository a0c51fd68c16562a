package io.sharedcatalog.catalog.internal.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** Tables of rows as maps take the columnar format, and come back exactly as they were saved. */
class ColumnarRowsTest {
  private final ValueCodec codec = ValueCodec.shared();

  /**
   * {@code rows} LinkedHashMap rows of the columns {@code names}, cell (r, c) from {@code cell}.
   */
  static ArrayList<Map<String, Object>> table(int rows, List<String> names, Cell cell) {
    ArrayList<Map<String, Object>> table = new ArrayList<>(rows);
    for (int r = 0; r < rows; r++) {
      Map<String, Object> row = new LinkedHashMap<>();
      for (int c = 0; c < names.size(); c++) {
        row.put(names.get(c), cell.at(r, c));
      }
      table.add(row);
    }
    return table;
  }

  interface Cell {
    Object at(int row, int column);
  }

  /** A column of every supported type, with nulls in every third row of each but the first. */
  static ArrayList<Map<String, Object>> everyType(int rows) {
    List<IntFunction<Object>> columns =
        List.of(
            r -> (long) r * 1_000_003L - 7,
            r -> r - 50,
            r -> (short) (r * 3),
            r -> (byte) r,
            r -> r == 1 ? Double.NaN : r == 2 ? -0.0 : r * 0.1,
            r -> r == 1 ? Float.NaN : r * 0.5f,
            r -> r % 2 == 0,
            r -> "type " + (r % 4),
            r -> "unique ü€😀 " + r,
            r -> new byte[] {(byte) r, 2, 3},
            r -> new BigDecimal(BigInteger.valueOf(r).pow(5).negate(), r % 7),
            r -> LocalDate.of(1900, 1, 1).plusDays(r * 97L),
            r -> LocalTime.ofNanoOfDay(r * 1_000_000_007L),
            r -> LocalDateTime.of(2024, 2, 29, 23, 59).plusSeconds(r).withNano(r),
            r -> OffsetDateTime.of(2024, 1, 1, 0, 0, r % 60, r, ZoneOffset.ofHours(r % 13)),
            r -> Instant.ofEpochSecond(-r * 86_400L, r));
    List<String> names = new ArrayList<>();
    for (int c = 0; c < columns.size(); c++) {
      names.add("column_" + c);
    }
    return table(rows, names, (r, c) -> c > 0 && r % 3 == c % 3 ? null : columns.get(c).apply(r));
  }

  private byte tagOf(Object value) {
    return codec.encodeValue(value).tag();
  }

  private Object roundTrip(Object value) {
    return codec.decode(codec.encode(value));
  }

  /** Equal, of the same classes down to each cell, keys in the same order; byte[] by content. */
  static void assertSameTable(List<?> expected, Object actual) {
    List<?> rows = assertInstanceOf(expected.getClass(), actual);
    assertEquals(expected.size(), rows.size());
    for (int r = 0; r < expected.size(); r++) {
      if (!(expected.get(r) instanceof Map<?, ?> want)) {
        assertEquals(expected.get(r), rows.get(r));
        continue;
      }
      Map<?, ?> got = assertInstanceOf(want.getClass(), rows.get(r));
      assertEquals(List.copyOf(want.keySet()), List.copyOf(got.keySet()), "row " + r);
      for (Map.Entry<?, ?> cell : want.entrySet()) {
        Object value = got.get(cell.getKey());
        if (cell.getValue() == null) {
          assertNull(value, "row " + r + " " + cell.getKey());
          assertEquals(true, got.containsKey(cell.getKey()));
        } else if (cell.getValue() instanceof byte[] bytes) {
          assertArrayEquals(bytes, (byte[]) value, "row " + r + " " + cell.getKey());
        } else {
          assertEquals(cell.getValue().getClass(), value.getClass(), "row " + r);
          assertEquals(cell.getValue(), value, "row " + r + " " + cell.getKey());
        }
      }
    }
  }

  @Test
  void everySupportedTypeAndNullsRoundTripExactlyInColumnOrder() {
    ArrayList<Map<String, Object>> table = everyType(300);

    assertEquals(ValueCodec.TAG_ROWS, tagOf(table));
    assertSameTable(table, roundTrip(table));
    assertSameTable(table, codec.copy(table));
    EncodedValue transientBody = codec.encodeTransient(table);
    assertSameTable(
        table,
        codec.decode(
            transientBody.tag(),
            transientBody.body(),
            transientBody.offset(),
            transientBody.length()));
  }

  @Test
  void rowsDecodeToTheSameMutableClassesAsThePerValueFormatAndShareTheirKeys() {
    ArrayList<Map<String, Object>> small = everyType(ColumnarRows.MIN_ROWS - 1);
    ArrayList<Map<String, Object>> large = everyType(ColumnarRows.MIN_ROWS);
    assertEquals(ValueCodec.TAG_FORY, tagOf(small));
    assertEquals(ValueCodec.TAG_ROWS, tagOf(large));

    List<?> viaFory = (List<?>) roundTrip(small);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> viaColumns = (List<Map<String, Object>>) roundTrip(large);

    assertSame(viaFory.getClass(), viaColumns.getClass());
    assertSame(viaFory.get(0).getClass(), viaColumns.get(0).getClass());
    Iterator<String> first = viaColumns.get(0).keySet().iterator();
    Iterator<String> second = viaColumns.get(1).keySet().iterator();
    while (first.hasNext()) {
      assertSame(first.next(), second.next());
    }
    viaColumns.get(0).put("added", 1);
    viaColumns.get(0).remove("column_0");
    viaColumns.add(new LinkedHashMap<>());
    assertEquals(ColumnarRows.MIN_ROWS + 1, viaColumns.size());
    assertEquals(List.of("column_1", "column_2"), firstKeys(viaColumns.get(0), 2));
  }

  private static List<String> firstKeys(Map<String, Object> row, int count) {
    return row.keySet().stream().limit(count).toList();
  }

  @Test
  void hashMapRowsStayHashMaps() {
    ArrayList<Map<String, Object>> table = new ArrayList<>();
    for (Map<String, Object> row : everyType(100)) {
      table.add(new HashMap<>(row));
    }
    assertEquals(ValueCodec.TAG_ROWS, tagOf(table));
    assertSameTable(table, roundTrip(table));
  }

  @Test
  void stringColumnsRoundTripAsDictionariesOfEveryWidthAndPlain() {
    for (int distinct : new int[] {1, 256, 257, 5_000, 100_000}) {
      ArrayList<Map<String, Object>> table =
          table(
              10_000,
              List.of("text", "other"),
              (r, c) -> c == 0 ? "value " + (r % distinct) : r % 5 == 0 ? null : "");
      assertEquals(ValueCodec.TAG_ROWS, tagOf(table));
      assertSameTable(table, roundTrip(table));
    }
  }

  @Test
  void columnsOfNullsOnlyRoundTrip() {
    ArrayList<Map<String, Object>> table =
        table(100, List.of("nothing", "id"), (r, c) -> c == 0 ? null : r);
    assertEquals(ValueCodec.TAG_ROWS, tagOf(table));
    assertSameTable(table, roundTrip(table));
  }

  @Test
  void emptyAndOneRowTablesKeepThePerValueFormat() {
    ArrayList<Map<String, Object>> empty = new ArrayList<>();
    ArrayList<Map<String, Object>> one = everyType(1);
    assertEquals(ValueCodec.TAG_FORY, tagOf(empty));
    assertEquals(ValueCodec.TAG_FORY, tagOf(one));
    assertEquals(empty, roundTrip(empty));
    assertSameTable(one, roundTrip(one));
  }

  @Test
  void rowsThatDoNotShareOneShapeFallBackAndStillRoundTrip() {
    ArrayList<Map<String, Object>> otherKeys = everyType(100);
    otherKeys.get(70).remove("column_3");
    ArrayList<Map<String, Object>> extraKey = everyType(100);
    extraKey.get(99).put("late", 1);
    ArrayList<Map<String, Object>> otherOrder = everyType(100);
    Object moved = otherOrder.get(80).remove("column_0");
    otherOrder.get(80).put("column_0", moved);
    ArrayList<Map<String, Object>> otherClass = everyType(100);
    otherClass.set(50, new TreeMap<>(otherClass.get(50)));
    ArrayList<Object> mixed = new ArrayList<>(everyType(100));
    mixed.set(99, "not a row");
    ArrayList<Map<Object, Object>> numberKeys = new ArrayList<>();
    ArrayList<Map<String, Object>> emptyRows = new ArrayList<>();
    for (int r = 0; r < 100; r++) {
      numberKeys.add(new LinkedHashMap<>(Map.of(1, r)));
      emptyRows.add(new LinkedHashMap<>());
    }
    for (Object value :
        List.of(otherKeys, extraKey, otherOrder, otherClass, mixed, numberKeys, emptyRows)) {
      assertEquals(ValueCodec.TAG_FORY, tagOf(value));
      assertSameTable((List<?>) value, roundTrip(value));
    }
    List<Map<String, Object>> linked = new LinkedList<>(everyType(100));
    List<Map<String, Object>> immutable = List.copyOf(everyType(100));
    assertEquals(ValueCodec.TAG_FORY, tagOf(linked));
    assertEquals(ValueCodec.TAG_FORY, tagOf(immutable));
    assertSameTable(linked, roundTrip(linked));
    assertSameTable(immutable, roundTrip(immutable));
  }

  @Test
  void aColumnMixingIntegersAndLongsFallsBackAndKeepsEachCellsClass() {
    ArrayList<Map<String, Object>> table =
        table(100, List.of("n"), (r, c) -> r == 77 ? (Object) 77L : (Object) r);
    assertEquals(ValueCodec.TAG_FORY, tagOf(table));
    List<?> back = (List<?>) roundTrip(table);
    assertEquals(Long.class, ((Map<?, ?>) back.get(77)).get("n").getClass());
    assertEquals(Integer.class, ((Map<?, ?>) back.get(76)).get("n").getClass());
    assertSameTable(table, back);
  }

  @Test
  void columnsOfOtherClassesAndUnpairedSurrogatesFallBack() {
    ArrayList<Map<String, Object>> uuids = table(100, List.of("id"), (r, c) -> new UUID(r, r));
    ArrayList<Map<String, Object>> nested =
        table(100, List.of("list"), (r, c) -> new ArrayList<>(List.of(r)));
    ArrayList<Map<String, Object>> broken =
        table(100, List.of("text"), (r, c) -> r == 90 ? "a\uD800b" : "fine " + r);
    ArrayList<Map<String, Object>> brokenDictionary =
        table(100, List.of("text"), (r, c) -> r == 90 ? "a\uD800b" : "fine");
    ArrayList<Map<String, Object>> brokenName = table(100, List.of("x\uDC00"), (r, c) -> r);
    for (ArrayList<Map<String, Object>> table :
        List.of(uuids, nested, broken, brokenDictionary, brokenName)) {
      assertEquals(ValueCodec.TAG_FORY, tagOf(table));
      assertSameTable(table, roundTrip(table));
    }
  }

  @Test
  void aTableOf100kRowsRoundTrips() {
    ArrayList<Map<String, Object>> table =
        table(
            100_000,
            List.of("id", "shuttle_type", "engines", "price", "d_check_complete", "location"),
            (r, c) ->
                switch (c) {
                  case 0 -> (long) r;
                  case 1 -> "Type " + (r % 4);
                  case 2 -> 1 + r % 4;
                  case 3 -> 1000 + r * 0.37;
                  case 4 -> r % 3 == 0;
                  default -> r % 11 == 0 ? null : "Location " + (r % 10_000);
                });
    byte[] encoded = codec.encode(table);
    assertEquals(ValueCodec.TAG_ROWS, encoded[0]);
    assertSameTable(table, codec.decode(encoded));
    assertEquals(table, codec.decode(Arrays.copyOf(encoded, encoded.length)));
  }
}
