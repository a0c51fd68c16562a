package io.sharedcatalog.datasets.internal;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Locale;

/**
 * pandas-like type inference for a column of text cells, and the text pandas writes for a value.
 *
 * <p>This class is thread-safe.
 */
final class CsvInference {
  private CsvInference() {}

  /**
   * Returns the typed values of a column: of {@code forced} if given (for a date column, {@code
   * LocalDate} if every value is a date, else {@code LocalDateTime}), else the first of {@code
   * Long}, {@code Double}, {@code Boolean} that fits every non-null cell, else the text. Returns
   * {@code null} if a forced type does not fit.
   */
  static Object[] column(String[] cells, Class<?> forced) {
    if (forced == String.class) {
      return cells.clone();
    }
    if (forced == LocalDateTime.class) {
      Object[] dates = convertAll(cells, LocalDate.class);
      return dates != null ? dates : convertAll(cells, LocalDateTime.class);
    }
    if (forced != null) {
      return convertAll(cells, forced);
    }
    boolean longs = true;
    boolean doubles = true;
    boolean booleans = true;
    for (String cell : cells) {
      if (cell == null) {
        continue;
      }
      if (longs && !isLong(cell)) {
        longs = false;
      }
      if (!longs && doubles && !isDouble(cell)) {
        doubles = false;
      }
      if (booleans && bool(cell) == null) {
        booleans = false;
      }
      if (!longs && !doubles && !booleans) {
        return cells.clone();
      }
    }
    if (longs) {
      return convertAll(cells, Long.class);
    }
    if (doubles) {
      return convertAll(cells, Double.class);
    }
    if (booleans) {
      return convertAll(cells, Boolean.class);
    }
    return cells.clone();
  }

  private static Object[] convertAll(String[] cells, Class<?> type) {
    Object[] out = new Object[cells.length];
    for (int r = 0; r < cells.length; r++) {
      String cell = cells[r];
      if (cell == null) {
        continue;
      }
      try {
        if (type == Long.class) {
          out[r] = Long.parseLong(cell.trim());
        } else if (type == Double.class) {
          out[r] = Double.parseDouble(cell.trim());
        } else if (type == Boolean.class) {
          Boolean flag = bool(cell);
          if (flag == null) {
            return null;
          }
          out[r] = flag;
        } else {
          out[r] = Values.convert(cell, type);
        }
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    return out;
  }

  private static boolean isLong(String cell) {
    String text = cell.trim();
    if (text.isEmpty() || text.length() > 19) {
      return false;
    }
    int start = text.charAt(0) == '-' || text.charAt(0) == '+' ? 1 : 0;
    if (start == text.length()) {
      return false;
    }
    for (int i = start; i < text.length(); i++) {
      if (!Character.isDigit(text.charAt(i))) {
        return false;
      }
    }
    try {
      Long.parseLong(text);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean isDouble(String cell) {
    String text = cell.trim();
    if (text.isEmpty()) {
      return false;
    }
    char last = Character.toLowerCase(text.charAt(text.length() - 1));
    if (last == 'd' || last == 'f' || text.startsWith("0x") || text.contains("Infinity")) {
      return false; // Java's parser accepts these, pandas does not
    }
    try {
      Double.parseDouble(text);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static Boolean bool(String cell) {
    return switch (cell.trim()) {
      case "True", "TRUE", "true" -> Boolean.TRUE;
      case "False", "FALSE", "false" -> Boolean.FALSE;
      default -> null;
    };
  }

  /** Returns the Java type a pandas dtype name stands for, or {@code null}. */
  static Class<?> dtype(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "str", "string", "object" -> String.class;
      case "int", "int64", "int32", "integer" -> Long.class;
      case "float", "float64", "float32", "double" -> Double.class;
      case "bool", "boolean" -> Boolean.class;
      default -> null;
    };
  }

  /** Returns the text pandas writes for a value ({@code na} for a missing one). */
  static String format(Object value, String na) {
    if (value == null) {
      return na;
    }
    if (value instanceof Boolean flag) {
      return flag ? "True" : "False";
    }
    if (value instanceof Double d && d.isNaN()) {
      return na;
    }
    return value.toString();
  }
}
