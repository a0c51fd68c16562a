package io.sharedcatalog.catalog.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sharedcatalog.catalog.internal.codec.CodecException.Reason;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The columnar format trusts no byte: each bad body fails as corrupt, before allocating. */
class ColumnarRowsSafetyTest {
  /** Bounds a test that would hang or thrash on a decoder without checks; not a speed assertion. */
  private static final Duration HANG_BOUND = Duration.ofSeconds(10);

  /** Far less than any claimed table below would take, far more than a failing decode needs. */
  private static final long ALLOCATION_BOUND = 4L << 20;

  private final ValueCodec codec = ValueCodec.shared();

  /** 64 rows of seven columns: int64, dictionary and plain strings, booleans, decimals, ... */
  private static ArrayList<Map<String, Object>> small() {
    return ColumnarRowsTest.table(
        ColumnarRows.MIN_ROWS,
        List.of("id", "kind", "label", "flag", "amount", "when", "blob"),
        (r, c) ->
            switch (c) {
              case 0 -> (long) r;
              case 1 -> r % 5 == 0 ? null : "kind " + (r % 3);
              case 2 -> "label " + r;
              case 3 -> r % 2 == 0;
              case 4 -> r % 7 == 0 ? null : new BigDecimal(r + ".25");
              case 5 -> LocalDateTime.of(2024, 1, 1, 0, 0).plusMinutes(r);
              default -> new byte[] {(byte) r};
            });
  }

  /** The body of {@code table} in the columnar format (without the tag). */
  private byte[] body(Object table) {
    byte[] tagged = codec.encode(table);
    assertEquals(ValueCodec.TAG_ROWS, tagged[0]);
    return Arrays.copyOfRange(tagged, 1, tagged.length);
  }

  /** A body made by hand, little-endian: each int is an int32, each byte[] written as is. */
  private static byte[] craft(Object... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object part : parts) {
      if (part instanceof Integer value) {
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
      } else if (part instanceof Long value) {
        out.writeBytes(
            ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array());
      } else if (part instanceof byte[] bytes) {
        out.writeBytes(bytes);
      } else if (part instanceof String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.write(utf8.length); // names below are shorter than 128 bytes: one varuint byte
        out.writeBytes(utf8);
      } else {
        throw new IllegalArgumentException(String.valueOf(part));
      }
    }
    return out.toByteArray();
  }

  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  /** Header of a body: version 1, LinkedHashMap rows, the counts. */
  private static byte[] header(int rows, int columns) {
    return craft(bytes(ColumnarRows.VERSION, ColumnarRows.ROWS_LINKED), rows, columns);
  }

  /** Decoding fails as corrupt, saying to save again, with each part in its message. */
  private CodecException corrupt(byte[] body, String... parts) {
    CodecException e =
        assertTimeoutPreemptively(
            HANG_BOUND,
            () ->
                assertThrows(
                    CodecException.class,
                    () -> codec.decode(ValueCodec.TAG_ROWS, body, 0, body.length)));
    assertEquals(Reason.CORRUPT, e.reason(), e::getMessage);
    assertTrue(e.getMessage().contains(CodecMessages.SAVE_AGAIN), e::getMessage);
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), () -> "no '" + part + "' in: " + e.getMessage());
    }
    return e;
  }

  @Test
  void aBodyCutAtEveryPositionFailsAsCorruptAndOneWithExtraBytesToo() {
    byte[] body = body(small());
    for (int cut = 0; cut < body.length; cut++) {
      corrupt(Arrays.copyOf(body, cut), "its columnar table");
    }
    corrupt(Arrays.copyOf(body, body.length + 1), "1 bytes after its last column");
    ColumnarRowsTest.assertSameTable(
        small(), codec.decode(ValueCodec.TAG_ROWS, body, 0, body.length));
  }

  @Test
  void hugeClaimsFailBeforeAllocatingAnything() {
    byte[] string = bytes(ColumnarRows.STRING_PLAIN, 0);
    byte[] dictionary = bytes(ColumnarRows.STRING_DICTIONARY, 0);
    byte[] maxLength = bytes(0xFF, 0xFF, 0xFF, 0xFF, 0x07);
    List<byte[]> bodies =
        List.of(
            craft(header(Integer.MAX_VALUE, 1), new byte[16]),
            craft(header(1, Integer.MAX_VALUE), new byte[16]),
            craft(header(1 << 16, 1 << 16), new byte[16]),
            craft(header(1, 1), maxLength, new byte[8]),
            craft(header(1, 1), "a", string, maxLength),
            craft(header(2, 1), "a", dictionary, Integer.MAX_VALUE, new byte[8]),
            craft(header(2, 1), "a", dictionary, 1 << 16, new byte[8]),
            craft(header(4, 1), "a", bytes(ColumnarRows.BYTES, 0), maxLength, new byte[3]),
            craft(header(8, 1), "a", bytes(ColumnarRows.LONG, 1, 0), new byte[8]));
    String[] expected = {
      "claims 2147483647 rows of 1 columns, more cells than its 16 remaining bytes",
      "claims 1 rows of 2147483647 columns",
      "claims 65536 rows of 65536 columns",
      "ends inside the name of column 0 (2147483647 bytes needed, 8 left)",
      "ends inside a cell of column 'a' (2147483647 bytes needed, 0 left)",
      "claims a dictionary of 2147483647 strings of column 'a' for 2 rows",
      "claims a dictionary of 65536 strings of column 'a' for 2 rows",
      "ends inside a cell of column 'a' (2147483647 bytes needed, 3 left)",
      "ends inside its cells of column 'a' (64 bytes needed, 8 left)"
    };
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    for (int i = 0; i < bodies.size(); i++) {
      byte[] body = bodies.get(i);
      long before = threads.getCurrentThreadAllocatedBytes();
      CodecException e =
          assertThrows(
              CodecException.class, () -> codec.decode(ValueCodec.TAG_ROWS, body, 0, body.length));
      long allocated = threads.getCurrentThreadAllocatedBytes() - before;
      assertTrue(e.getMessage().contains(expected[i]), e::getMessage);
      assertEquals(Reason.CORRUPT, e.reason());
      assertTrue(allocated < ALLOCATION_BOUND, () -> allocated + " bytes allocated: " + e);
    }
  }

  @Test
  void aWrongTypeByteAndOtherImpossibleBytesFailNamingWhatWasWrong() {
    byte[] good = craft(header(1, 1), "a", bytes(ColumnarRows.LONG, 0), 7L);
    assertEquals(List.of(Map.of("a", 7L)), codec.decode(ValueCodec.TAG_ROWS, good, 0, good.length));

    corrupt(craft(header(1, 1), "a", bytes(99, 0), 7L), "has type 99 of column 'a'");
    corrupt(craft(bytes(2, 0), 1, 1, "a", bytes(ColumnarRows.LONG, 0), 7L), "has version 2");
    corrupt(craft(bytes(1, 7), 1, 1, "a", bytes(ColumnarRows.LONG, 0), 7L), "has row class 7");
    corrupt(craft(header(0, 1), new byte[8]), "claims 0 rows of 1 columns");
    corrupt(craft(header(-5, 1), new byte[8]), "claims -5 rows");
    corrupt(craft(header(1, 2), "a", "a", new byte[24]), "names column 'a' twice");
    corrupt(craft(header(1, 1), "a", bytes(ColumnarRows.LONG, 2), 7L), "has null flag 2");
    corrupt(craft(header(1, 1), "a", bytes(ColumnarRows.BOOLEAN, 0, 2)), "has boolean 2");
    corrupt(
        craft(header(2, 1), "a", bytes(ColumnarRows.STRING_DICTIONARY, 0), 1, "x", bytes(0, 1)),
        "has, in row 1 of column 'a', code 1 in a dictionary of 1");
    corrupt(
        craft(header(1, 1), "a", bytes(ColumnarRows.LOCAL_TIME, 0), -1L),
        "holds an impossible value of column 'a'");
    corrupt(
        craft(header(1, 1), "a", bytes(ColumnarRows.INSTANT, 0), 0L, 1_000_000_000),
        "has 1000000000 nanoseconds");
    corrupt(
        craft(header(1, 1), "a", bytes(ColumnarRows.DECIMAL, 0, 0)),
        "has a non-null decimal cell of column 'a' of 0 digit bytes");
    corrupt(
        craft(header(1, 1), "a", bytes(ColumnarRows.STRING_PLAIN, 0), bytes(0x80, 0x80, 0x80)),
        "ends inside a cell of column 'a'");
    corrupt(
        craft(
            header(1, 1),
            "a",
            bytes(ColumnarRows.STRING_PLAIN, 0),
            bytes(0xFF, 0xFF, 0xFF, 0xFF, 0x0F)),
        "has an out-of-range length of a cell of column 'a'");
  }

  @Test
  void randomlyDamagedBodiesDecodeOrFailAsCorruptAndNothingElse() {
    byte[] body = body(small());
    Random random = new Random(17);
    for (int i = 0; i < 3_000; i++) {
      byte[] damaged = body.clone();
      for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
        damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
      }
      try {
        assertInstanceOf(List.class, codec.decode(ValueCodec.TAG_ROWS, damaged, 0, damaged.length));
      } catch (CodecException e) {
        assertEquals(Reason.CORRUPT, e.reason(), e::getMessage);
      }
    }
  }
}
