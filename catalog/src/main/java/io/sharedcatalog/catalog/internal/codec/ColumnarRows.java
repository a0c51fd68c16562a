package io.sharedcatalog.catalog.internal.codec;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.fory.memory.MemoryBuffer;

/**
 * The codec's columnar format for a table held as rows of maps ({@link ValueCodec#TAG_ROWS}): an
 * {@code ArrayList} of at least {@value #MIN_ROWS} {@code LinkedHashMap} (or {@code HashMap}) rows
 * that iterate one set of {@code String} keys in one order, each column holding values of one class
 * or null. Such a table, the shape the datasets module loads, is written as its column names once
 * and then one typed array per column, instead of map by map with every key and a type per value;
 * decoding rebuilds the same classes (a mutable {@code ArrayList} of mutable maps of the row class,
 * pre-sized, in column order, sharing the key strings). Any other value, or a table with a column
 * this format has no type for, is left to the other formats, unchanged.
 *
 * <h2>Layout (little-endian)</h2>
 *
 * <pre>
 * byte version (1), byte rowClass (0 LinkedHashMap, 1 HashMap), int32 rows, int32 columns,
 * columns x (varuint length, UTF-8 name),
 * columns x (byte type, byte hasNulls, [ceil(rows / 8) bytes null bitmap, bit set = null], data)
 * </pre>
 *
 * Data has one cell per row, null cells included (as zeros or empty): {@code Long} int64, {@code
 * Integer} int32, {@code Short} int16, {@code Byte} and {@code Boolean} one byte, {@code Double}
 * and {@code Float} their raw IEEE bits; {@code String} either a dictionary (int32 size, that many
 * varuint-length UTF-8 strings, then a one- or two-byte code per row) or plain (a varuint-length
 * UTF-8 string per row); {@code byte[]} a varuint length and the bytes; {@code BigDecimal} a
 * varuint length of the unscaled value's two's-complement bytes (0 for null), then int32 scale and
 * the bytes; {@code LocalDate} int64 epoch day; {@code LocalTime} int64 nano of day; {@code
 * LocalDateTime} both; {@code OffsetDateTime} both and int32 offset seconds; {@code Instant} int64
 * seconds and int32 nanos. A column of nulls only is a plain string column. Every cell takes at
 * least one byte, so a table never claims more cells than it has bytes: the reader ({@link
 * ColumnarRowsReader}) checks that, and every count and length, before allocating.
 *
 * <p>Values round-trip exactly: a column mixing classes (say {@code Integer} and {@code Long}) is
 * not columnar, so nothing is widened. Not kept: the identity of a row map that appears twice in
 * the list (each position decodes to a map of its own, equal to the other), and a {@code
 * LinkedHashMap}'s access order.
 *
 * <p>This class is thread-safe (it has no state).
 */
final class ColumnarRows {
  /** The fewest rows written columnar; smaller lists keep the per-value format. */
  static final int MIN_ROWS = 64;

  static final byte VERSION = 1;
  static final byte ROWS_LINKED = 0;
  static final byte ROWS_HASH = 1;

  static final byte LONG = 1;
  static final byte INT = 2;
  static final byte SHORT = 3;
  static final byte BYTE = 4;
  static final byte DOUBLE = 5;
  static final byte FLOAT = 6;
  static final byte BOOLEAN = 7;
  static final byte STRING_DICTIONARY = 8;
  static final byte STRING_PLAIN = 9;
  static final byte BYTES = 10;
  static final byte DECIMAL = 11;
  static final byte LOCAL_DATE = 12;
  static final byte LOCAL_TIME = 13;
  static final byte LOCAL_DATE_TIME = 14;
  static final byte OFFSET_DATE_TIME = 15;
  static final byte INSTANT = 16;

  /** The most distinct strings a dictionary holds (two-byte codes). */
  static final int MAX_DICTIONARY = 1 << 16;

  /** How many rows are checked for the shape before the column arrays are allocated. */
  private static final int PROBE_ROWS = 64;

  private ColumnarRows() {}

  /**
   * Writes {@code value} in this format to {@code out} if it has the shape and every column a type;
   * else returns false, and what was written to {@code out} must be discarded.
   */
  static boolean write(Object value, MemoryBuffer out) {
    if (value == null
        || value.getClass() != ArrayList.class
        || ((ArrayList<?>) value).size() < MIN_ROWS) {
      return false;
    }
    ArrayList<?> list = (ArrayList<?>) value;
    Object first = list.get(0);
    if (first == null
        || (first.getClass() != LinkedHashMap.class && first.getClass() != HashMap.class)) {
      return false;
    }
    Map<?, ?> firstRow = (Map<?, ?>) first;
    int columns = firstRow.size();
    if (columns == 0) {
      return false;
    }
    String[] names = new String[columns];
    int c = 0;
    for (Object key : firstRow.keySet()) {
      if (!(key instanceof String name) || hasUnpairedSurrogate(name)) {
        return false;
      }
      names[c++] = name;
    }
    Class<?>[] types = new Class<?>[columns];
    int probe = Math.min(PROBE_ROWS, list.size());
    if (!collect(list, first.getClass(), names, types, null, 0, probe)) {
      return false;
    }
    Object[][] cells = new Object[columns][list.size()];
    if (!collect(list, first.getClass(), names, types, cells, 0, list.size())) {
      return false;
    }
    out.writeByte(VERSION);
    out.writeByte(first.getClass() == LinkedHashMap.class ? ROWS_LINKED : ROWS_HASH);
    out.writeInt32(list.size());
    out.writeInt32(columns);
    for (String name : names) {
      writeBytes(out, name.getBytes(StandardCharsets.UTF_8));
    }
    for (c = 0; c < columns; c++) {
      if (!writeColumn(out, types[c], cells[c])) {
        return false;
      }
      cells[c] = null; // let the column's references go as soon as it is written
    }
    return true;
  }

  /**
   * Checks rows {@code from} to {@code to}: same row class, same keys in the same order, one class
   * per column; stores the values in {@code cells} unless it is null.
   */
  private static boolean collect(
      List<?> list,
      Class<?> rowClass,
      String[] names,
      Class<?>[] types,
      Object[][] cells,
      int from,
      int to) {
    int columns = names.length;
    for (int r = from; r < to; r++) {
      Object row = list.get(r);
      if (row == null || row.getClass() != rowClass || ((Map<?, ?>) row).size() != columns) {
        return false;
      }
      int c = 0;
      for (Map.Entry<?, ?> entry : ((Map<?, ?>) row).entrySet()) {
        Object key = entry.getKey();
        if (c == columns || (key != names[c] && !names[c].equals(key))) {
          return false;
        }
        Object cell = entry.getValue();
        if (cell != null) {
          Class<?> type = cell.getClass();
          if (types[c] != type) {
            if (types[c] != null || typeOf(type) == 0) {
              return false;
            }
            types[c] = type;
          }
        }
        if (cells != null) {
          cells[c][r] = cell;
        }
        c++;
      }
      if (c != columns) {
        return false;
      }
    }
    return true;
  }

  /** The type byte of a class of values, or 0 if this format has none for it. */
  static byte typeOf(Class<?> type) {
    if (type == Long.class) {
      return LONG;
    } else if (type == Integer.class) {
      return INT;
    } else if (type == Short.class) {
      return SHORT;
    } else if (type == Byte.class) {
      return BYTE;
    } else if (type == Double.class) {
      return DOUBLE;
    } else if (type == Float.class) {
      return FLOAT;
    } else if (type == Boolean.class) {
      return BOOLEAN;
    } else if (type == String.class) {
      return STRING_PLAIN;
    } else if (type == byte[].class) {
      return BYTES;
    } else if (type == BigDecimal.class) {
      return DECIMAL;
    } else if (type == LocalDate.class) {
      return LOCAL_DATE;
    } else if (type == LocalTime.class) {
      return LOCAL_TIME;
    } else if (type == LocalDateTime.class) {
      return LOCAL_DATE_TIME;
    } else if (type == OffsetDateTime.class) {
      return OFFSET_DATE_TIME;
    } else if (type == Instant.class) {
      return INSTANT;
    }
    return 0;
  }

  private static boolean writeColumn(MemoryBuffer out, Class<?> type, Object[] cells) {
    byte tag = type == null ? STRING_PLAIN : typeOf(type);
    if (tag == STRING_PLAIN && type != null) {
      int at = out.writerIndex();
      Boolean dictionary = writeDictionary(out, cells);
      if (dictionary == null) {
        return false; // a string UTF-8 cannot carry
      }
      if (dictionary) {
        return true;
      }
      out.writerIndex(at);
    }
    out.writeByte(tag);
    writeNulls(out, cells);
    int rows = cells.length;
    switch (tag) {
      case LONG -> {
        for (Object cell : cells) {
          out.writeInt64(cell == null ? 0L : (Long) cell);
        }
      }
      case INT -> {
        for (Object cell : cells) {
          out.writeInt32(cell == null ? 0 : (Integer) cell);
        }
      }
      case SHORT -> {
        for (Object cell : cells) {
          out.writeInt16(cell == null ? 0 : (Short) cell);
        }
      }
      case BYTE -> {
        for (Object cell : cells) {
          out.writeByte(cell == null ? 0 : (Byte) cell);
        }
      }
      case DOUBLE -> {
        for (Object cell : cells) {
          out.writeInt64(cell == null ? 0L : Double.doubleToRawLongBits((Double) cell));
        }
      }
      case FLOAT -> {
        for (Object cell : cells) {
          out.writeInt32(cell == null ? 0 : Float.floatToRawIntBits((Float) cell));
        }
      }
      case BOOLEAN -> {
        for (Object cell : cells) {
          out.writeByte(cell != null && (Boolean) cell ? 1 : 0);
        }
      }
      case STRING_PLAIN -> {
        for (Object cell : cells) {
          byte[] utf8 = cell == null ? new byte[0] : utf8((String) cell);
          if (utf8 == null) {
            return false;
          }
          writeBytes(out, utf8);
        }
      }
      case BYTES -> {
        for (Object cell : cells) {
          writeBytes(out, cell == null ? new byte[0] : (byte[]) cell);
        }
      }
      case DECIMAL -> {
        for (Object cell : cells) {
          if (cell == null) {
            writeVarUint(out, 0);
          } else {
            BigDecimal decimal = (BigDecimal) cell;
            byte[] unscaled = decimal.unscaledValue().toByteArray();
            writeVarUint(out, unscaled.length);
            out.writeInt32(decimal.scale());
            out.writeBytes(unscaled);
          }
        }
      }
      case LOCAL_DATE -> {
        for (Object cell : cells) {
          out.writeInt64(cell == null ? 0L : ((LocalDate) cell).toEpochDay());
        }
      }
      case LOCAL_TIME -> {
        for (Object cell : cells) {
          out.writeInt64(cell == null ? 0L : ((LocalTime) cell).toNanoOfDay());
        }
      }
      case LOCAL_DATE_TIME -> {
        for (Object cell : cells) {
          writeDateTime(out, (LocalDateTime) cell);
        }
      }
      case OFFSET_DATE_TIME -> {
        for (Object cell : cells) {
          OffsetDateTime time = (OffsetDateTime) cell;
          writeDateTime(out, time == null ? null : time.toLocalDateTime());
          out.writeInt32(time == null ? 0 : time.getOffset().getTotalSeconds());
        }
      }
      case INSTANT -> {
        for (Object cell : cells) {
          Instant instant = (Instant) cell;
          out.writeInt64(instant == null ? 0L : instant.getEpochSecond());
          out.writeInt32(instant == null ? 0 : instant.getNano());
        }
      }
      default ->
          throw new IllegalStateException("no writer for column type " + tag + " of " + rows);
    }
    return true;
  }

  /**
   * Writes a string column as a dictionary if it has few distinct values: true if written, false if
   * it has too many (nothing useful written), null if a string has an unpaired surrogate.
   */
  private static Boolean writeDictionary(MemoryBuffer out, Object[] cells) {
    int limit = Math.min(MAX_DICTIONARY, cells.length / 2);
    HashMap<String, Integer> codes = new HashMap<>();
    List<String> dictionary = new ArrayList<>();
    int[] codeOf = new int[cells.length];
    for (int r = 0; r < cells.length; r++) {
      String cell = (String) cells[r];
      if (cell != null) {
        Integer code = codes.get(cell);
        if (code == null) {
          if (dictionary.size() == limit) {
            return Boolean.FALSE;
          }
          code = dictionary.size();
          codes.put(cell, code);
          dictionary.add(cell);
        }
        codeOf[r] = code;
      }
    }
    if (dictionary.isEmpty()) {
      return Boolean.FALSE;
    }
    out.writeByte(STRING_DICTIONARY);
    writeNulls(out, cells);
    out.writeInt32(dictionary.size());
    for (String text : dictionary) {
      byte[] utf8 = utf8(text);
      if (utf8 == null) {
        return null;
      }
      writeBytes(out, utf8);
    }
    boolean wide = dictionary.size() > 256;
    for (int code : codeOf) {
      if (wide) {
        out.writeInt16((short) code);
      } else {
        out.writeByte((byte) code);
      }
    }
    return Boolean.TRUE;
  }

  private static void writeNulls(MemoryBuffer out, Object[] cells) {
    int rows = cells.length;
    int at = 0;
    while (at < rows && cells[at] != null) {
      at++;
    }
    if (at == rows) {
      out.writeByte(0);
      return;
    }
    out.writeByte(1);
    for (int from = 0; from < rows; from += 8) {
      int bits = 0;
      for (int i = from, end = Math.min(rows, from + 8); i < end; i++) {
        if (cells[i] == null) {
          bits |= 1 << (i - from);
        }
      }
      out.writeByte(bits);
    }
  }

  private static void writeDateTime(MemoryBuffer out, LocalDateTime time) {
    out.writeInt64(time == null ? 0L : time.toLocalDate().toEpochDay());
    out.writeInt64(time == null ? 0L : time.toLocalTime().toNanoOfDay());
  }

  private static void writeBytes(MemoryBuffer out, byte[] bytes) {
    writeVarUint(out, bytes.length);
    out.writeBytes(bytes);
  }

  private static void writeVarUint(MemoryBuffer out, int value) {
    while ((value & ~0x7F) != 0) {
      out.writeByte((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    out.writeByte(value);
  }

  /** UTF-8 of {@code text}, or null if it holds an unpaired surrogate, which UTF-8 cannot carry. */
  private static byte[] utf8(String text) {
    return hasUnpairedSurrogate(text) ? null : text.getBytes(StandardCharsets.UTF_8);
  }

  private static boolean hasUnpairedSurrogate(String text) {
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < n
            && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
        } else {
          return true;
        }
      }
    }
    return false;
  }
}
