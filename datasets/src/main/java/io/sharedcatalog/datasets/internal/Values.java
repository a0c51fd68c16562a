package io.sharedcatalog.datasets.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Locale;

/**
 * Conversions of cell values: to a record component's type (a missing value fills a {@code double}
 * or {@code float} component with NaN, as pandas does, and is an error for other primitives), and
 * from what JDBC drivers hand out to {@code java.time}.
 *
 * <p>This class is thread-safe.
 */
public final class Values {
  private Values() {}

  /**
   * Converts a value to a type.
   *
   * @throws IllegalArgumentException if it does not convert, with the reason
   */
  public static Object convert(Object value, Class<?> type) {
    if (value == null) {
      if (type == double.class) {
        return Double.NaN; // as pandas: a missing decimal is NaN
      }
      if (type == float.class) {
        return Float.NaN;
      }
      if (type.isPrimitive()) {
        throw new IllegalArgumentException("a primitive cannot hold a missing value");
      }
      return null;
    }
    Class<?> boxed = box(type);
    if (boxed.isInstance(value)) {
      return value;
    }
    if (boxed == String.class) {
      return value.toString();
    }
    if (value instanceof Number number) {
      return fromNumber(number, boxed);
    }
    if (value instanceof String text) {
      return fromText(text.trim(), boxed);
    }
    if (value instanceof Boolean flag && Number.class.isAssignableFrom(boxed)) {
      return fromNumber(flag ? 1 : 0, boxed);
    }
    if (boxed == LocalDate.class && value instanceof LocalDateTime dateTime) {
      return dateTime.toLocalDate();
    }
    if (boxed == LocalDateTime.class && value instanceof LocalDate date) {
      return date.atStartOfDay();
    }
    if (boxed == Instant.class && value instanceof OffsetDateTime offset) {
      return offset.toInstant();
    }
    if (boxed == Instant.class && value instanceof LocalDateTime dateTime) {
      return dateTime.toInstant(ZoneOffset.UTC);
    }
    throw new IllegalArgumentException("no conversion from " + value.getClass().getSimpleName());
  }

  /** Returns JDBC's date and time values as {@code java.time}, others unchanged. */
  public static Object fromJdbc(Object value) {
    if (value instanceof java.sql.Date date) {
      return date.toLocalDate();
    }
    if (value instanceof Timestamp timestamp) {
      return timestamp.toLocalDateTime();
    }
    if (value instanceof java.sql.Time time) {
      return time.toLocalTime();
    }
    if (value instanceof Date date) {
      return date.toInstant();
    }
    return value;
  }

  private static Object fromNumber(Number number, Class<?> type) {
    if (type == Double.class) {
      return number.doubleValue();
    }
    if (type == Float.class) {
      return number.floatValue();
    }
    if (type == BigDecimal.class) {
      return number instanceof BigInteger big
          ? new BigDecimal(big)
          : new BigDecimal(number.toString());
    }
    if (type == Boolean.class) {
      double d = number.doubleValue();
      if (d == 0 || d == 1) {
        return d == 1;
      }
      throw new IllegalArgumentException("only 0 and 1 are booleans");
    }
    if (type == Long.class
        || type == Integer.class
        || type == Short.class
        || type == Byte.class
        || type == BigInteger.class) {
      BigDecimal exact = new BigDecimal(number.toString());
      BigInteger whole;
      try {
        whole = exact.toBigIntegerExact();
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException("not a whole number");
      }
      if (type == BigInteger.class) {
        return whole;
      }
      long asLong;
      try {
        asLong = whole.longValueExact();
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException("too large");
      }
      if (type == Long.class) {
        return asLong;
      }
      if (type == Integer.class && asLong == (int) asLong) {
        return (int) asLong;
      }
      if (type == Short.class && asLong == (short) asLong) {
        return (short) asLong;
      }
      if (type == Byte.class && asLong == (byte) asLong) {
        return (byte) asLong;
      }
      throw new IllegalArgumentException("too large");
    }
    throw new IllegalArgumentException("no conversion from a number");
  }

  private static Object fromText(String text, Class<?> type) {
    try {
      if (type == Boolean.class) {
        String lower = text.toLowerCase(Locale.ROOT);
        switch (lower) {
          case "true", "t", "yes", "y", "1":
            return true;
          case "false", "f", "no", "n", "0":
            return false;
          default:
            throw new IllegalArgumentException("not true or false");
        }
      }
      if (type == Character.class && text.length() == 1) {
        return text.charAt(0);
      }
      if (Number.class.isAssignableFrom(type)) {
        return fromNumber(new BigDecimal(text), type);
      }
      if (type == LocalDate.class) {
        return LocalDate.parse(text);
      }
      if (type == LocalDateTime.class) {
        return LocalDateTime.parse(text.replace(' ', 'T'));
      }
      if (type == LocalTime.class) {
        return LocalTime.parse(text);
      }
      if (type == Instant.class) {
        return Instant.parse(text);
      }
      if (type.isEnum()) {
        for (Object constant : type.getEnumConstants()) {
          if (((Enum<?>) constant).name().equalsIgnoreCase(text)) {
            return constant;
          }
        }
        throw new IllegalArgumentException("not a constant of " + type.getSimpleName());
      }
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new IllegalArgumentException("cannot be parsed");
    }
    throw new IllegalArgumentException("no conversion from a text");
  }

  private static Class<?> box(Class<?> type) {
    if (!type.isPrimitive()) {
      return type;
    }
    if (type == int.class) {
      return Integer.class;
    }
    if (type == long.class) {
      return Long.class;
    }
    if (type == double.class) {
      return Double.class;
    }
    if (type == boolean.class) {
      return Boolean.class;
    }
    if (type == float.class) {
      return Float.class;
    }
    if (type == short.class) {
      return Short.class;
    }
    if (type == byte.class) {
      return Byte.class;
    }
    return Character.class;
  }
}
