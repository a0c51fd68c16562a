package io.sharedcatalog.datasets.internal;

import io.sharedcatalog.catalog.DatasetException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Where a SQL dataset connects: a JDBC URL and the user and password kept apart from it, made from
 * Kedro's {@code credentials: {con: ...}}. A JDBC URL ({@code jdbc:...}) is taken as it is; Kedro's
 * SQLAlchemy URLs are translated: {@code sqlite:///relative.db}, {@code sqlite:////absolute.db},
 * {@code duckdb:///file.duckdb}, {@code postgresql[+driver]://user:password@host:port/db?query},
 * and likewise {@code mysql}, {@code mariadb}, {@code mssql} and {@code oracle}. User and password
 * may also be given as {@code user} / {@code password} beside {@code con}.
 *
 * <p>{@link #toString()} and {@link #display()} never show the password.
 *
 * <p>This class is thread-safe (immutable).
 *
 * @param url the JDBC URL, without the password
 * @param user the user, or {@code null}
 * @param password the password, or {@code null}
 */
public record JdbcTarget(String url, String user, String password) {

  /**
   * Makes the target of a dataset's credentials.
   *
   * @throws DatasetException if {@code con} is missing or not a URL this class can translate
   */
  public static JdbcTarget of(
      String datasetName, String typeName, Map<String, Object> credentials) {
    Object con = credentials.get("con");
    if (!(con instanceof String text) || text.isBlank()) {
      throw new DatasetException(
          "Dataset '"
              + datasetName
              + "' of type "
              + typeName
              + " has no connection: give 'credentials: {con: ...}' (in credentials.yml, for"
              + " example 'db_credentials: {con: sqlite:///data/app.db}' or a JDBC URL such as"
              + " 'jdbc:postgresql://host:5432/db').");
    }
    String user = stringOrNull(credentials.get("user"));
    String password = stringOrNull(credentials.get("password"));
    if (text.startsWith("jdbc:")) {
      return new JdbcTarget(text, user, password);
    }
    int schemeEnd = text.indexOf("://");
    if (schemeEnd <= 0) {
      throw untranslatable(datasetName, typeName, text, null);
    }
    String dialect = text.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
    int plus = dialect.indexOf('+');
    if (plus > 0) {
      dialect = dialect.substring(0, plus);
    }
    String rest = text.substring(schemeEnd + 3);
    if (dialect.equals("sqlite") || dialect.equals("duckdb")) {
      String path = rest.startsWith("/") ? rest.substring(1) : rest;
      if (path.isEmpty() || path.equals(":memory:")) {
        path = dialect.equals("sqlite") ? ":memory:" : "";
      }
      return new JdbcTarget("jdbc:" + dialect + ":" + path, user, password);
    }
    int slash = rest.indexOf('/', Math.max(rest.lastIndexOf('@'), 0));
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    String database = slash < 0 ? "" : rest.substring(slash + 1);
    String query = "";
    int question = database.indexOf('?');
    if (question >= 0) {
      query = database.substring(question + 1);
      database = database.substring(0, question);
    }
    int at = authority.lastIndexOf('@');
    String host = at < 0 ? authority : authority.substring(at + 1);
    if (at >= 0) {
      String userInfo = authority.substring(0, at);
      int colon = userInfo.indexOf(':');
      user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
      if (colon >= 0) {
        password = decode(userInfo.substring(colon + 1));
      }
    }
    String url =
        switch (dialect) {
          case "postgresql", "postgres" ->
              "jdbc:postgresql://" + host + "/" + database + (query.isEmpty() ? "" : "?" + query);
          case "mysql" ->
              "jdbc:mysql://" + host + "/" + database + (query.isEmpty() ? "" : "?" + query);
          case "mariadb" ->
              "jdbc:mariadb://" + host + "/" + database + (query.isEmpty() ? "" : "?" + query);
          case "mssql" -> "jdbc:sqlserver://" + host + ";databaseName=" + database;
          case "oracle" -> "jdbc:oracle:thin:@//" + host + "/" + database;
          default -> throw untranslatable(datasetName, typeName, redact(text), dialect);
        };
    return new JdbcTarget(url, user == null || user.isEmpty() ? null : user, password);
  }

  /** Returns the URL and user for messages, never the password. */
  public String display() {
    return url + (user == null ? "" : " as user '" + user + "'");
  }

  /** Returns a text with the password replaced by {@code ***}. */
  public String scrub(String text) {
    if (text == null || password == null || password.isEmpty()) {
      return text;
    }
    return text.replace(password, "***");
  }

  @Override
  public String toString() {
    return display();
  }

  private static String stringOrNull(Object value) {
    return value == null ? null : String.valueOf(value);
  }

  private static String decode(String text) {
    return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static String redact(String url) {
    int at = url.lastIndexOf('@');
    int schemeEnd = url.indexOf("://");
    if (at < 0 || schemeEnd < 0) {
      return url;
    }
    String userInfo = url.substring(schemeEnd + 3, at);
    int colon = userInfo.indexOf(':');
    return colon < 0
        ? url
        : url.substring(0, schemeEnd + 3)
            + userInfo.substring(0, colon)
            + ":***"
            + url.substring(at);
  }

  private static DatasetException untranslatable(
      String datasetName, String typeName, String con, String dialect) {
    return new DatasetException(
        "Dataset '"
            + datasetName
            + "' of type "
            + typeName
            + " has credentials 'con: "
            + redact(con)
            + "'"
            + (dialect == null
                ? ", which is not a URL"
                : ", whose dialect '" + dialect + "' has no JDBC translation")
            + ". Give a JDBC URL (jdbc:...) or a SQLAlchemy URL of sqlite, duckdb, postgresql,"
            + " mysql, mariadb, mssql or oracle.");
  }
}
