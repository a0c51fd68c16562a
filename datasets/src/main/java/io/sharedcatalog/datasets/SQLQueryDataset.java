package io.sharedcatalog.datasets;

import io.sharedcatalog.catalog.AbstractDataset;
import io.sharedcatalog.catalog.DatasetException;
import io.sharedcatalog.datasets.internal.Args;
import io.sharedcatalog.datasets.internal.EntryConfig;
import io.sharedcatalog.datasets.internal.JdbcTarget;
import io.sharedcatalog.datasets.internal.SqlTables;
import io.sharedcatalog.datasets.internal.Table;
import io.sharedcatalog.datasets.internal.TableValues;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The result of a SQL query over JDBC (Kedro's {@code pandas.SQLQueryDataset}); read-only. The
 * query is {@code sql}, or the text of the file {@code filepath}; {@code load_args.params} binds
 * its {@code ?} placeholders in order. Connections as {@link SQLTableDataset}.
 *
 * <p>Loads a {@code List<R>} of the record named by {@code record}, else {@code List<Map<String,
 * Object>>} in column order.
 *
 * <p>Config keys: {@code sql} or {@code filepath} (one required), {@code credentials} (required),
 * {@code record}, {@code load_args} (honoured: params; ignored: index_col, coerce_float,
 * parse_dates, chunksize, dtype), {@code execution_options} (ignored), {@code fs_args} (ignored),
 * {@code metadata}.
 *
 * <pre>{@code
 * rated_shuttles:
 *   type: pandas.SQLQueryDataset
 *   sql: "SELECT * FROM shuttles WHERE review_scores_rating > ?"
 *   credentials: db_credentials
 *   load_args: {params: [90]}
 * }</pre>
 *
 * <p>This class is thread-safe.
 *
 * @param <R> the row type: a record, or {@code Map<String, Object>}
 */
public final class SQLQueryDataset<R> extends AbstractDataset<List<R>> {
  static final String TYPE = "SQLQueryDataset";

  private final String datasetName;
  private final String sql;
  private final Path filepath;
  private final JdbcTarget target;
  private final Class<?> recordClass;
  private final Args load;

  /**
   * Creates a dataset from Kedro-shaped config (see the class comment).
   *
   * @throws DatasetException if a key or argument is not supported; the message names it
   */
  public SQLQueryDataset(Map<String, Object> config) {
    this(DatasetNames.fromConfig(config), config);
  }

  SQLQueryDataset(String datasetName, Map<String, Object> config) {
    this(new EntryConfig(datasetName, TYPE, Objects.requireNonNull(config, "config")));
  }

  private SQLQueryDataset(EntryConfig entry) {
    entry.requireOnly(
        Set.of(
            "sql",
            "filepath",
            "credentials",
            "record",
            "load_args",
            "execution_options",
            "fs_args",
            "metadata"));
    this.datasetName = entry.datasetName();
    if (entry.has("sql") == entry.has("filepath")) {
      throw new DatasetException(
          "Dataset '"
              + datasetName
              + "' of type "
              + TYPE
              + (entry.has("sql")
                  ? " has both 'sql' and 'filepath'"
                  : " has neither 'sql' nor 'filepath'")
              + ". Give exactly one: the query as 'sql', or a file holding it as 'filepath'.");
    }
    this.sql = entry.string("sql", null);
    this.filepath = entry.has("filepath") ? entry.filepath("filepath") : null;
    this.target = JdbcTarget.of(datasetName, TYPE, entry.credentials());
    this.recordClass = entry.recordClass();
    this.load =
        Args.of(
            entry,
            "load_args",
            Set.of("params"),
            Set.of("index_col", "coerce_float", "parse_dates", "chunksize", "dtype"));
    Object params = load.raw("params");
    if (params != null && !(params instanceof List<?>)) {
      throw load.wrong("params", params, "a list of values for the query's ? placeholders");
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  protected List<R> doLoad() throws IOException {
    String query = sql;
    if (query == null) {
      if (!Files.isRegularFile(filepath)) {
        throw new DatasetException(
            "Dataset '"
                + datasetName
                + "' of type "
                + TYPE
                + ": query file '"
                + filepath.toAbsolutePath()
                + "' does not exist. Check its filepath.");
      }
      query = Files.readString(filepath, StandardCharsets.UTF_8);
    }
    Object params = load.raw("params");
    Table table;
    try {
      table =
          SqlTables.query(
              target, query, params == null ? List.of() : new ArrayList<>((List<?>) params));
    } catch (SQLException e) {
      throw SqlTables.failure(datasetName, TYPE, "run its query", target, e);
    }
    return (List<R>)
        (recordClass == null
            ? TableValues.toMaps(table)
            : TableValues.toRecords(datasetName, table, recordClass));
  }

  @Override
  protected void doSave(List<R> data) {
    throw new DatasetException(
        "Dataset '"
            + datasetName
            + "' of type "
            + TYPE
            + " is read-only: 'save' is not supported for SQLQueryDataset. Save to a"
            + " SQLTableDataset instead.");
  }

  @Override
  protected Map<String, Object> doDescribe() {
    Map<String, Object> description = new LinkedHashMap<>();
    description.put("sql", sql);
    description.put("filepath", filepath == null ? null : filepath.toString());
    description.put("con", target.display());
    description.put("record", recordClass == null ? null : recordClass.getName());
    description.put("load_args", load.values().isEmpty() ? null : load.values());
    return description;
  }
}
