package io.sharedcatalog.datasets.internal;

import io.sharedcatalog.catalog.DatasetException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reading and writing tables over JDBC, as pandas' {@code read_sql_table} / {@code read_sql_query}
 * / {@code to_sql}: column types are kept as the driver reports them (dates and times as {@code
 * java.time}; SQLite's {@code BOOLEAN}, {@code DATE} and {@code TIMESTAMP} columns, stored as
 * numbers and texts, are turned back into those types). A save runs in one transaction, so a failed
 * {@code replace} or {@code append} leaves the table as it was.
 *
 * <p>This class is thread-safe.
 */
public final class SqlTables {
  private SqlTables() {}

  /** Runs a query and returns its rows. */
  public static Table query(JdbcTarget target, String sql, List<Object> params)
      throws SQLException {
    try (Connection connection = ConnectionPools.connect(target);
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int p = 0; p < params.size(); p++) {
        statement.setObject(p + 1, params.get(p));
      }
      try (ResultSet result = statement.executeQuery()) {
        return readAll(result);
      }
    }
  }

  /** Returns {@code "schema"."table"} or {@code "table"}. */
  public static String qualified(String schema, String table) {
    return (schema == null ? "" : ParquetFormat.quoteIdentifier(schema) + ".")
        + ParquetFormat.quoteIdentifier(table);
  }

  /** Returns whether a table exists. */
  public static boolean exists(JdbcTarget target, String schema, String table) throws SQLException {
    try (Connection connection = ConnectionPools.connect(target)) {
      return exists(connection, schema, table);
    }
  }

  private static boolean exists(Connection connection, String schema, String table)
      throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    for (String name :
        List.of(table, table.toLowerCase(Locale.ROOT), table.toUpperCase(Locale.ROOT))) {
      try (ResultSet tables = meta.getTables(null, schema, name, new String[] {"TABLE", "VIEW"})) {
        while (tables.next()) {
          if (tables.getString("TABLE_NAME").equals(table)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /**
   * Writes rows to a table.
   *
   * @param ifExists fail, replace or append
   * @param batchSize rows per JDBC batch
   * @throws DatasetException if the table exists and {@code ifExists} is fail
   */
  public static void write(
      String datasetName,
      JdbcTarget target,
      String schema,
      String table,
      Table rows,
      String ifExists,
      int batchSize)
      throws SQLException {
    List<ColumnType> types = ColumnType.of(rows);
    String name = qualified(schema, table);
    try (Connection connection = ConnectionPools.connect(target)) {
      boolean sqlite = connection.getMetaData().getURL().startsWith("jdbc:sqlite");
      boolean existed = exists(connection, schema, table);
      if (existed && ifExists.equals("fail")) {
        throw new DatasetException(
            "Dataset '"
                + datasetName
                + "': table "
                + name
                + " already exists at "
                + target.display()
                + ". Set save_args 'if_exists: replace' to replace it or 'if_exists: append' to"
                + " add rows to it.");
      }
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        if (existed && ifExists.equals("replace")) {
          statement.execute("DROP TABLE " + name);
        }
        if (!existed || ifExists.equals("replace")) {
          statement.execute(createTable(name, rows.columns(), types));
        }
        insert(connection, name, rows, types, sqlite, batchSize);
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    }
  }

  private static String createTable(String name, List<String> columns, List<ColumnType> types) {
    StringBuilder sql = new StringBuilder("CREATE TABLE ").append(name).append(" (");
    for (int c = 0; c < columns.size(); c++) {
      sql.append(c == 0 ? "" : ", ")
          .append(ParquetFormat.quoteIdentifier(columns.get(c)))
          .append(' ')
          .append(types.get(c).sql());
    }
    return sql.append(')').toString();
  }

  private static void insert(
      Connection connection,
      String name,
      Table rows,
      List<ColumnType> types,
      boolean sqlite,
      int batchSize)
      throws SQLException {
    if (rows.columns().isEmpty()) {
      return;
    }
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(name).append(" (");
    StringBuilder marks = new StringBuilder();
    for (int c = 0; c < rows.columns().size(); c++) {
      sql.append(c == 0 ? "" : ", ").append(ParquetFormat.quoteIdentifier(rows.columns().get(c)));
      marks.append(c == 0 ? "?" : ", ?");
    }
    sql.append(") VALUES (").append(marks).append(')');
    try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
      int pending = 0;
      for (Object[] row : rows.rows()) {
        for (int c = 0; c < row.length; c++) {
          Object value = types.get(c).javaValue(row[c]);
          if (sqlite && value != null && types.get(c) != ColumnType.TEXT) {
            value = sqliteValue(value);
          }
          statement.setObject(c + 1, value);
        }
        statement.addBatch();
        if (++pending >= batchSize) {
          statement.executeBatch();
          pending = 0;
        }
      }
      if (pending > 0) {
        statement.executeBatch();
      }
    }
  }

  private static Object sqliteValue(Object value) {
    if (value instanceof Boolean flag) {
      return flag ? 1 : 0;
    }
    if (value instanceof java.math.BigDecimal decimal) {
      return decimal.toPlainString();
    }
    if (value instanceof java.time.temporal.Temporal) {
      return value.toString();
    }
    return value;
  }

  /** Reads a JDBC result, dates and times as {@code java.time}. */
  static Table readAll(ResultSet result) throws SQLException {
    ResultSetMetaData meta = result.getMetaData();
    int width = meta.getColumnCount();
    List<String> names = new ArrayList<>(width);
    String[] declared = new String[width];
    for (int c = 1; c <= width; c++) {
      names.add(meta.getColumnLabel(c));
      String type = meta.getColumnTypeName(c);
      declared[c - 1] = type == null ? "" : type.toUpperCase(Locale.ROOT);
    }
    List<Object[]> rows = new ArrayList<>();
    while (result.next()) {
      Object[] row = new Object[width];
      for (int c = 0; c < width; c++) {
        row[c] = declaredType(Values.fromJdbc(result.getObject(c + 1)), declared[c]);
      }
      rows.add(row);
    }
    return new Table(List.copyOf(names), rows);
  }

  private static Object declaredType(Object value, String declared) {
    if (value instanceof Number number && declared.equals("BOOLEAN")) {
      return number.intValue() != 0;
    }
    if (value instanceof String text) {
      try {
        if (declared.equals("DATE")) {
          return LocalDate.parse(text);
        }
        if (declared.equals("TIMESTAMP") || declared.equals("DATETIME")) {
          return LocalDateTime.parse(text.replace(' ', 'T'));
        }
      } catch (java.time.format.DateTimeParseException e) {
        return text;
      }
    }
    return value;
  }

  /** Returns a dataset error for a SQL failure: names the dataset and what, never the password. */
  public static DatasetException failure(
      String datasetName, String typeName, String what, JdbcTarget target, Exception e) {
    String message = target.scrub(String.valueOf(e.getMessage()));
    boolean leaks =
        target.password() != null && !target.password().isEmpty() && causeLeaks(e, target);
    return new DatasetException(
        "Dataset '"
            + datasetName
            + "' of type "
            + typeName
            + " failed to "
            + what
            + " at "
            + target.display()
            + ": "
            + message
            + ". Check the connection in its credentials, the table or query, and that the"
            + " database is reachable.",
        leaks ? null : e);
  }

  private static boolean causeLeaks(Throwable e, JdbcTarget target) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (String.valueOf(t.getMessage()).contains(target.password())) {
        return true;
      }
    }
    return false;
  }
}
