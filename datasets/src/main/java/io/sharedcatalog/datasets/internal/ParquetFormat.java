package io.sharedcatalog.datasets.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Parquet files through an embedded, in-memory DuckDB per call (no server, no Hadoop): reading
 * keeps the file's column types, writing types each column from its values ({@link ColumnType}).
 *
 * <p>This class is thread-safe: every call opens its own DuckDB.
 */
public final class ParquetFormat {
  private static final String TABLE = "sharedcatalog_rows";

  private ParquetFormat() {}

  /**
   * Reads a Parquet file.
   *
   * @param columns the columns to read, or empty for all
   */
  public static Table read(Path file, List<String> columns) throws SQLException {
    String select =
        columns.isEmpty()
            ? "*"
            : String.join(", ", columns.stream().map(ParquetFormat::quoteIdentifier).toList());
    try (Connection connection = open();
        Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT " + select + " FROM read_parquet(" + quoteLiteral(file) + ")")) {
      return SqlTables.readAll(result);
    }
  }

  /**
   * Writes a table as a Parquet file.
   *
   * @param compression snappy (the default), zstd, gzip, lz4, brotli or none
   * @param rowGroupSize rows per row group, or 0 for DuckDB's default
   */
  public static void write(Path file, Table table, String compression, int rowGroupSize)
      throws SQLException {
    List<ColumnType> types = ColumnType.of(table);
    StringBuilder create = new StringBuilder("CREATE TABLE ").append(TABLE).append(" (");
    for (int c = 0; c < types.size(); c++) {
      if (c > 0) {
        create.append(", ");
      }
      create
          .append(quoteIdentifier(table.columns().get(c)))
          .append(' ')
          .append(types.get(c) == ColumnType.DOUBLE ? "DOUBLE" : types.get(c).sql());
    }
    create.append(')');
    try (Connection connection = open();
        Statement statement = connection.createStatement()) {
      statement.execute(create.toString());
      try (DuckDBAppender appender =
          connection
              .unwrap(DuckDBConnection.class)
              .createAppender(DuckDBConnection.DEFAULT_SCHEMA, TABLE)) {
        for (Object[] row : table.rows()) {
          appender.beginRow();
          for (int c = 0; c < row.length; c++) {
            append(appender, types.get(c), types.get(c).javaValue(row[c]));
          }
          appender.endRow();
        }
      }
      String options =
          "FORMAT PARQUET, COMPRESSION "
              + compression.toUpperCase(Locale.ROOT).replace("NONE", "UNCOMPRESSED")
              + (rowGroupSize > 0 ? ", ROW_GROUP_SIZE " + rowGroupSize : "");
      statement.execute("COPY " + TABLE + " TO " + quoteLiteral(file) + " (" + options + ")");
    }
  }

  private static void append(DuckDBAppender appender, ColumnType type, Object value)
      throws SQLException {
    if (value == null) {
      appender.appendNull();
      return;
    }
    switch (type) {
      case BOOLEAN -> appender.append((boolean) (Boolean) value);
      case INTEGER -> appender.append((int) (Integer) value);
      case BIGINT -> appender.append((long) (Long) value);
      case DOUBLE -> appender.append((double) (Double) value);
      case DECIMAL ->
          appender.append(
              value instanceof BigInteger big ? new BigDecimal(big) : (BigDecimal) value);
      case DATE -> appender.append((LocalDate) value);
      case TIMESTAMP -> appender.append((LocalDateTime) value);
      case TIMESTAMPTZ -> appender.append((OffsetDateTime) value);
      default -> appender.append((String) value);
    }
  }

  private static Connection open() throws SQLException {
    try {
      Class.forName("org.duckdb.DuckDBDriver");
    } catch (ClassNotFoundException e) {
      throw new SQLException(
          "DuckDB's JDBC driver (org.duckdb:duckdb_jdbc) is not on the classpath", e);
    }
    return DriverManager.getConnection("jdbc:duckdb:");
  }

  /** Quotes a name for SQL: {@code "name"}, inner quotes doubled. */
  static String quoteIdentifier(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  private static String quoteLiteral(Path file) {
    return "'" + file.toAbsolutePath().toString().replace("'", "''") + "'";
  }
}
