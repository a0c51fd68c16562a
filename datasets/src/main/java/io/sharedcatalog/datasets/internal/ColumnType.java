package io.sharedcatalog.datasets.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The type of a column written to a typed format (Parquet, SQL), found from its values: the
 * narrowest type that holds every non-null value (integers widen to {@code BIGINT} and, mixed with
 * decimals, to {@code DOUBLE}); a column of mixed or other values is written as text.
 *
 * <p>This enum is thread-safe.
 */
public enum ColumnType {
  /** {@code Boolean}. */
  BOOLEAN("BOOLEAN"),
  /** {@code Integer}, {@code Short}, {@code Byte}. */
  INTEGER("INTEGER"),
  /** {@code Long}. */
  BIGINT("BIGINT"),
  /** {@code Double}, {@code Float}. */
  DOUBLE("DOUBLE PRECISION"),
  /** {@code BigDecimal}, {@code BigInteger}. */
  DECIMAL("DECIMAL(38, 10)"),
  /** {@code LocalDate}. */
  DATE("DATE"),
  /** {@code LocalDateTime}. */
  TIMESTAMP("TIMESTAMP"),
  /** {@code Instant}, {@code OffsetDateTime}. */
  TIMESTAMPTZ("TIMESTAMP WITH TIME ZONE"),
  /** Anything else, as its {@code toString()}. */
  TEXT("VARCHAR");

  private final String sql;

  ColumnType(String sql) {
    this.sql = sql;
  }

  /** Returns the SQL type name, understood by DuckDB, SQLite and PostgreSQL. */
  public String sql() {
    return sql;
  }

  /** Returns the type of each column of a table. */
  public static List<ColumnType> of(Table table) {
    int width = table.columns().size();
    List<ColumnType> types = new ArrayList<>(width);
    for (int c = 0; c < width; c++) {
      ColumnType type = null;
      for (Object[] row : table.rows()) {
        Object value = row[c];
        if (value != null) {
          type = widen(type, ofValue(value));
          if (type == TEXT) {
            break;
          }
        }
      }
      types.add(type == null ? TEXT : type);
    }
    return types;
  }

  /** Returns the value as the column type's Java value (text for {@link #TEXT}). */
  public Object javaValue(Object value) {
    if (value == null) {
      return null;
    }
    return switch (this) {
      case BIGINT -> ((Number) value).longValue();
      case INTEGER -> ((Number) value).intValue();
      case DOUBLE -> ((Number) value).doubleValue();
      case DECIMAL -> value instanceof BigInteger big ? new BigDecimal(big) : value;
      case TIMESTAMPTZ ->
          value instanceof Instant instant ? instant.atOffset(java.time.ZoneOffset.UTC) : value;
      case TEXT -> value.toString();
      default -> value;
    };
  }

  private static ColumnType ofValue(Object value) {
    if (value instanceof Boolean) {
      return BOOLEAN;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return INTEGER;
    }
    if (value instanceof Long) {
      return BIGINT;
    }
    if (value instanceof Double || value instanceof Float) {
      return DOUBLE;
    }
    if (value instanceof BigDecimal || value instanceof BigInteger) {
      return DECIMAL;
    }
    if (value instanceof LocalDate) {
      return DATE;
    }
    if (value instanceof LocalDateTime) {
      return TIMESTAMP;
    }
    if (value instanceof Instant || value instanceof OffsetDateTime) {
      return TIMESTAMPTZ;
    }
    return TEXT;
  }

  private static ColumnType widen(ColumnType current, ColumnType next) {
    if (current == null || current == next) {
      return next;
    }
    if (isInteger(current) && isInteger(next)) {
      return BIGINT;
    }
    if ((isInteger(current) || current == DOUBLE) && (isInteger(next) || next == DOUBLE)) {
      return DOUBLE;
    }
    return TEXT;
  }

  private static boolean isInteger(ColumnType type) {
    return type == INTEGER || type == BIGINT;
  }
}
