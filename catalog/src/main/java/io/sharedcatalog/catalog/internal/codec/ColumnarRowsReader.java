package io.sharedcatalog.catalog.internal.codec;

import static io.sharedcatalog.catalog.internal.codec.ColumnarRows.BOOLEAN;
import static io.sharedcatalog.catalog.internal.codec.ColumnarRows.BYTE;
import static io.sharedcatalog.catalog.internal.codec.ColumnarRows.BYTES;
import static io.sharedcatalog.catalog.internal.codec.ColumnarRows.DECIMAL;
import static io.sharedcatalog.catalog.internal.codec.ColumnarRows.DOUBLE;
import static io.sharedcatalog.catalog.internal.codec.ColumnarRows.FLOAT;
import static io.sharedcatalog.catalog.internal.codec.ColumnarRows.INSTANT;
import static io.sharedcatalog.catalog.internal.codec.ColumnarRows.INT;
import static io.sharedcatalog.catalog.internal.codec.ColumnarRows.LOCAL_DATE;
import static io.sharedcatalog.catalog.internal.codec.ColumnarRows.LOCAL_DATE_TIME;
import static io.sharedcatalog.catalog.internal.codec.ColumnarRows.LOCAL_TIME;
import static io.sharedcatalog.catalog.internal.codec.ColumnarRows.LONG;
import static io.sharedcatalog.catalog.internal.codec.ColumnarRows.MAX_DICTIONARY;
import static io.sharedcatalog.catalog.internal.codec.ColumnarRows.OFFSET_DATE_TIME;
import static io.sharedcatalog.catalog.internal.codec.ColumnarRows.ROWS_HASH;
import static io.sharedcatalog.catalog.internal.codec.ColumnarRows.ROWS_LINKED;
import static io.sharedcatalog.catalog.internal.codec.ColumnarRows.SHORT;
import static io.sharedcatalog.catalog.internal.codec.ColumnarRows.STRING_DICTIONARY;
import static io.sharedcatalog.catalog.internal.codec.ColumnarRows.STRING_PLAIN;
import static io.sharedcatalog.catalog.internal.codec.ColumnarRows.VERSION;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decodes the {@link ColumnarRows} format, trusting no byte: every count and length is checked
 * against the bytes that remain before anything is allocated (a table never claims more cells than
 * it has bytes), every type, flag, code and time is checked, and each failure is a {@link
 * CodecMessages#corrupt corrupt-value} {@link CodecException} saying what was wrong.
 *
 * <p>This class is not thread-safe (one instance decodes one body, on one thread).
 */
final class ColumnarRowsReader {
  private static final VarHandle INT16 =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT32 =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT64 =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final byte[] bytes;
  private final int end;
  private int at;
  private int rows;
  private String column = "";

  private ColumnarRowsReader(byte[] bytes, int offset, int length) {
    this.bytes = bytes;
    this.at = offset;
    this.end = offset + length;
  }

  /**
   * Decodes a body: an {@code ArrayList} of the row class's maps.
   *
   * @throws CodecException ({@link CodecException.Reason#CORRUPT}) if the body is not a table this
   *     format writes
   */
  static List<Map<String, Object>> read(byte[] body, int offset, int length) {
    ColumnarRowsReader reader = new ColumnarRowsReader(body, offset, length);
    try {
      return reader.table();
    } catch (DateTimeException | ArithmeticException | NumberFormatException e) {
      throw reader.corrupt("holds an impossible value" + reader.where() + " (" + e + ")");
    }
  }

  private List<Map<String, Object>> table() {
    int version = u8("the version");
    if (version != VERSION) {
      throw corrupt("has version " + version + ", not " + VERSION);
    }
    int rowClass = u8("the row class");
    if (rowClass != ROWS_LINKED && rowClass != ROWS_HASH) {
      throw corrupt("has row class " + rowClass + ", not one this codec writes");
    }
    rows = int32("the row count");
    int columns = int32("the column count");
    if (rows < 1 || columns < 1) {
      throw corrupt("claims " + rows + " rows of " + columns + " columns");
    }
    if ((long) rows * columns > end - at) {
      throw corrupt(
          "claims "
              + rows
              + " rows of "
              + columns
              + " columns, more cells than its "
              + (end - at)
              + " remaining bytes can hold");
    }
    String[] names = new String[columns];
    Set<String> seen = new HashSet<>();
    for (int c = 0; c < columns; c++) {
      names[c] = string("the name of column " + c);
      if (!seen.add(names[c])) {
        throw corrupt("names column '" + names[c] + "' twice");
      }
    }
    Object[][] cells = new Object[columns][];
    for (int c = 0; c < columns; c++) {
      column = names[c];
      cells[c] = column();
    }
    if (at != end) {
      throw corrupt("has " + (end - at) + " bytes after its last column");
    }
    // a capacity whose threshold (3/4) holds every column, so no map resizes
    int capacity = (int) Math.min(1 << 30, (columns * 4L + 2) / 3);
    boolean linked = rowClass == ROWS_LINKED;
    List<Map<String, Object>> out = new ArrayList<>(rows);
    for (int r = 0; r < rows; r++) {
      Map<String, Object> row = linked ? new LinkedHashMap<>(capacity) : new HashMap<>(capacity);
      for (int c = 0; c < columns; c++) {
        row.put(names[c], cells[c][r]);
      }
      out.add(row);
    }
    return out;
  }

  private Object[] column() {
    int type = u8("the type");
    int hasNulls = u8("the null flag");
    if (hasNulls > 1) {
      throw corrupt("has null flag " + hasNulls + where() + ", not 0 or 1");
    }
    boolean[] nulls = null;
    if (hasNulls == 1) {
      int size = (rows + 7) / 8;
      need(size, "its null bitmap");
      nulls = new boolean[rows];
      for (int r = 0; r < rows; r++) {
        nulls[r] = (bytes[at + (r >>> 3)] & (1 << (r & 7))) != 0;
      }
      at += size;
    }
    int width = widthOf(type);
    need((long) rows * width, "its cells");
    Object[] cells = new Object[rows];
    if (type == STRING_DICTIONARY) {
      dictionary(cells, nulls);
      return cells;
    }
    for (int r = 0; r < rows; r++) {
      boolean isNull = nulls != null && nulls[r];
      Object cell = cell(type, isNull);
      cells[r] = isNull ? null : cell;
    }
    return cells;
  }

  /** The fixed bytes a cell of the type takes (the least, for variable ones). */
  private int widthOf(int type) {
    return switch (type) {
      case LONG, DOUBLE, LOCAL_DATE, LOCAL_TIME -> 8;
      case INT, FLOAT -> 4;
      case SHORT -> 2;
      case BYTE, BOOLEAN, STRING_PLAIN, BYTES, DECIMAL, STRING_DICTIONARY -> 1;
      case LOCAL_DATE_TIME -> 16;
      case OFFSET_DATE_TIME -> 20;
      case INSTANT -> 12;
      default -> throw corrupt("has type " + type + where() + ", not one this codec writes");
    };
  }

  /** Reads one cell; a null cell's placeholder is read (and checked where it has a form). */
  private Object cell(int type, boolean isNull) {
    switch (type) {
      case LONG:
        return int64("a cell");
      case INT:
        return int32("a cell");
      case SHORT:
        return int16("a cell");
      case BYTE:
        return (byte) u8("a cell");
      case DOUBLE:
        return Double.longBitsToDouble(int64("a cell"));
      case FLOAT:
        return Float.intBitsToFloat(int32("a cell"));
      case BOOLEAN:
        int flag = u8("a cell");
        if (flag > 1) {
          throw corrupt("has boolean " + flag + where() + ", not 0 or 1");
        }
        return flag == 1;
      case STRING_PLAIN:
        return string("a cell");
      case BYTES:
        int size = length("a cell");
        byte[] copy = new byte[size];
        System.arraycopy(bytes, at, copy, 0, size);
        at += size;
        return copy;
      case DECIMAL:
        return decimal(isNull);
      case LOCAL_DATE:
        return LocalDate.ofEpochDay(int64("a cell"));
      case LOCAL_TIME:
        return LocalTime.ofNanoOfDay(int64("a cell"));
      case LOCAL_DATE_TIME:
        return dateTime();
      case OFFSET_DATE_TIME:
        LocalDateTime local = dateTime();
        return OffsetDateTime.of(local, ZoneOffset.ofTotalSeconds(int32("a cell")));
      case INSTANT:
        long seconds = int64("a cell");
        int nanos = int32("a cell");
        if (nanos < 0 || nanos > 999_999_999) {
          throw corrupt("has " + nanos + " nanoseconds in a cell" + where());
        }
        return Instant.ofEpochSecond(seconds, nanos);
      default:
        throw corrupt("has type " + type + where() + ", not one this codec writes");
    }
  }

  private Object decimal(boolean isNull) {
    int size = varuint("a cell");
    if (isNull != (size == 0)) {
      throw corrupt(
          "has a "
              + (isNull ? "null" : "non-null")
              + " decimal cell"
              + where()
              + " of "
              + size
              + " digit bytes");
    }
    if (isNull) {
      return null;
    }
    int scale = int32("a cell");
    need(size, "a cell");
    byte[] unscaled = new byte[size];
    System.arraycopy(bytes, at, unscaled, 0, size);
    at += size;
    return new BigDecimal(new BigInteger(unscaled), scale);
  }

  private LocalDateTime dateTime() {
    LocalDate date = LocalDate.ofEpochDay(int64("a cell"));
    return LocalDateTime.of(date, LocalTime.ofNanoOfDay(int64("a cell")));
  }

  private void dictionary(Object[] cells, boolean[] nulls) {
    int size = int32("the dictionary size");
    if (size < 1 || size > MAX_DICTIONARY || size > rows) {
      throw corrupt(
          "claims a dictionary of " + size + " strings" + where() + " for " + rows + " rows");
    }
    need(size, "its dictionary");
    String[] dictionary = new String[size];
    for (int i = 0; i < size; i++) {
      dictionary[i] = string("a dictionary string");
    }
    boolean wide = size > 256;
    need((long) rows * (wide ? 2 : 1), "its codes");
    for (int r = 0; r < rows; r++) {
      int code = wide ? Short.toUnsignedInt((short) INT16.get(bytes, at)) : bytes[at] & 0xFF;
      at += wide ? 2 : 1;
      if (code >= size) {
        throw corrupt(
            "has, in row " + r + where() + ", code " + code + " in a dictionary of " + size);
      }
      cells[r] = nulls != null && nulls[r] ? null : dictionary[code];
    }
  }

  private String string(String what) {
    int size = length(what);
    String text = new String(bytes, at, size, StandardCharsets.UTF_8);
    at += size;
    return text;
  }

  /** A varuint length, checked against the remaining bytes. */
  private int length(String what) {
    int size = varuint(what);
    need(size, what);
    return size;
  }

  private int varuint(String what) {
    int value = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      int b = u8(what);
      if (shift == 28 && (b & 0xF8) != 0) {
        break;
      }
      value |= (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw corrupt("has an out-of-range length of " + what + where());
  }

  private int u8(String what) {
    need(1, what);
    return bytes[at++] & 0xFF;
  }

  private short int16(String what) {
    need(2, what);
    short value = (short) INT16.get(bytes, at);
    at += 2;
    return value;
  }

  private int int32(String what) {
    need(4, what);
    int value = (int) INT32.get(bytes, at);
    at += 4;
    return value;
  }

  private long int64(String what) {
    need(8, what);
    long value = (long) INT64.get(bytes, at);
    at += 8;
    return value;
  }

  private void need(long size, String what) {
    if (size < 0 || size > end - at) {
      throw corrupt(
          "ends inside "
              + what
              + where()
              + " ("
              + size
              + " bytes needed, "
              + (end - at)
              + " left)");
    }
  }

  private String where() {
    return column.isEmpty() ? "" : " of column '" + column + "'";
  }

  private CodecException corrupt(String detail) {
    return CodecMessages.corrupt("its columnar table " + detail, null);
  }
}
