package io.sharedcatalog.datasets;

import io.sharedcatalog.catalog.AbstractDataset;
import io.sharedcatalog.catalog.DatasetException;
import io.sharedcatalog.datasets.internal.Args;
import io.sharedcatalog.datasets.internal.EntryConfig;
import io.sharedcatalog.datasets.internal.JdbcTarget;
import io.sharedcatalog.datasets.internal.SqlTables;
import io.sharedcatalog.datasets.internal.Table;
import io.sharedcatalog.datasets.internal.TableValues;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A database table over JDBC (Kedro's {@code pandas.SQLTableDataset}). {@code credentials: {con:
 * ...}} takes a JDBC URL or Kedro's SQLAlchemy URL ({@code sqlite:///data/app.db}, {@code
 * postgresql://user:password@host:5432/db}), translated to JDBC; the driver must be on the
 * classpath. Connections are pooled per URL (HikariCP) and shared by every dataset of the JVM.
 * Messages name the URL and user, never the password.
 *
 * <p>Loads {@code SELECT *} (or {@code load_args.columns}) as a {@code List<R>} of the record named
 * by {@code record}, else {@code List<Map<String, Object>>} in column order, with the column types
 * the driver reports. A save creates the table from the values' types and inserts the rows in one
 * transaction; {@code save_args.if_exists} is {@code fail} (pandas' default: a save to an existing
 * table fails), {@code replace} or {@code append}.
 *
 * <p>Config keys: {@code table_name} (required), {@code credentials} (required), {@code record},
 * {@code load_args} (honoured: schema, columns; ignored: index_col, coerce_float, parse_dates,
 * chunksize), {@code save_args} (honoured: if_exists, schema, chunksize; ignored: index,
 * index_label, method, dtype), {@code metadata}.
 *
 * <pre>{@code
 * shuttles_table:
 *   type: pandas.SQLTableDataset
 *   table_name: shuttles
 *   credentials: db_credentials      # credentials.yml: db_credentials: {con: sqlite:///data/app.db}
 *   save_args: {if_exists: replace}
 * }</pre>
 *
 * <p>This class is thread-safe.
 *
 * @param <R> the row type: a record, or {@code Map<String, Object>}
 */
public final class SQLTableDataset<R> extends AbstractDataset<List<R>> {
  static final String TYPE = "SQLTableDataset";
  private static final Set<String> IF_EXISTS = Set.of("fail", "replace", "append");

  private final String datasetName;
  private final String tableName;
  private final JdbcTarget target;
  private final Class<?> recordClass;
  private final Args load;
  private final Args save;

  /**
   * Creates a dataset from Kedro-shaped config (see the class comment).
   *
   * @throws DatasetException if a key or argument is not supported; the message names it
   */
  public SQLTableDataset(Map<String, Object> config) {
    this(DatasetNames.fromConfig(config), config);
  }

  SQLTableDataset(String datasetName, Map<String, Object> config) {
    this(new EntryConfig(datasetName, TYPE, Objects.requireNonNull(config, "config")));
  }

  private SQLTableDataset(EntryConfig entry) {
    entry.requireOnly(
        Set.of("table_name", "credentials", "record", "load_args", "save_args", "metadata"));
    this.datasetName = entry.datasetName();
    this.tableName = entry.requiredString("table_name", "shuttles");
    this.target = JdbcTarget.of(datasetName, TYPE, entry.credentials());
    this.recordClass = entry.recordClass();
    this.load =
        Args.of(
            entry,
            "load_args",
            Set.of("schema", "columns"),
            Set.of("index_col", "coerce_float", "parse_dates", "chunksize"));
    this.save =
        Args.of(
            entry,
            "save_args",
            Set.of("if_exists", "schema", "chunksize"),
            Set.of("index", "index_label", "method", "dtype"));
    String ifExists = save.string("if_exists", "fail");
    if (!IF_EXISTS.contains(ifExists)) {
      throw save.wrong("if_exists", ifExists, "one of fail, replace, append");
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  protected List<R> doLoad() {
    List<String> columns = load.strings("columns");
    String select =
        columns.isEmpty()
            ? "*"
            : String.join(
                ", ", columns.stream().map(c -> '"' + c.replace("\"", "\"\"") + '"').toList());
    Table table;
    try {
      table =
          SqlTables.query(
              target,
              "SELECT "
                  + select
                  + " FROM "
                  + SqlTables.qualified(load.string("schema", null), tableName),
              List.of());
    } catch (SQLException e) {
      throw SqlTables.failure(datasetName, TYPE, "load table '" + tableName + "'", target, e);
    }
    return (List<R>)
        (recordClass == null
            ? TableValues.toMaps(table)
            : TableValues.toRecords(datasetName, table, recordClass));
  }

  @Override
  protected void doSave(List<R> data) {
    Table table = TableValues.toTable(datasetName, data, recordClass);
    try {
      SqlTables.write(
          datasetName,
          target,
          save.string("schema", null),
          tableName,
          table,
          save.string("if_exists", "fail"),
          Math.max(1, save.integer("chunksize", 10_000)));
    } catch (SQLException e) {
      throw SqlTables.failure(datasetName, TYPE, "save table '" + tableName + "'", target, e);
    }
  }

  @Override
  protected boolean doExists() {
    try {
      return SqlTables.exists(target, load.string("schema", null), tableName);
    } catch (SQLException e) {
      throw SqlTables.failure(datasetName, TYPE, "check table '" + tableName + "'", target, e);
    }
  }

  @Override
  protected Map<String, Object> doDescribe() {
    Map<String, Object> description = new LinkedHashMap<>();
    description.put("table_name", tableName);
    description.put("con", target.display());
    description.put("record", recordClass == null ? null : recordClass.getName());
    description.put("load_args", load.values().isEmpty() ? null : load.values());
    description.put("save_args", save.values().isEmpty() ? null : save.values());
    return description;
  }
}
