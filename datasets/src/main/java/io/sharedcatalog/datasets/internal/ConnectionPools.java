package io.sharedcatalog.datasets.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One HikariCP connection pool per JDBC URL, user and password, shared by every SQL dataset of the
 * JVM (Kedro keeps one SQLAlchemy engine per connection string). Pools are made on first use (which
 * connects once, so a wrong URL fails at once), keep at most four connections, and are closed when
 * the JVM exits.
 *
 * <p>This class is thread-safe.
 */
public final class ConnectionPools {
  private static final Map<JdbcTarget, HikariDataSource> POOLS = new ConcurrentHashMap<>();
  private static final AtomicInteger NUMBER = new AtomicInteger();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> POOLS.values().forEach(HikariDataSource::close), "sharedcatalog-sql-pools"));
  }

  private ConnectionPools() {}

  /**
   * Returns a connection from the target's pool.
   *
   * @throws SQLException if no driver on the classpath takes the URL, or connecting fails
   */
  public static Connection connect(JdbcTarget target) throws SQLException {
    HikariDataSource pool = POOLS.get(target);
    if (pool == null) {
      requireDriver(target);
      try {
        pool = POOLS.computeIfAbsent(target, ConnectionPools::create);
      } catch (
          RuntimeException e) { // HikariCP's PoolInitializationException: the first connect failed
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        throw new SQLException("cannot connect: " + cause.getMessage(), cause);
      }
    }
    return pool.getConnection();
  }

  private static void requireDriver(JdbcTarget target) throws SQLException {
    try {
      DriverManager.getDriver(target.url());
    } catch (SQLException e) {
      String subprotocol = target.url().split(":", 3)[1];
      throw new SQLException(
          "no JDBC driver for '"
              + subprotocol
              + "' is on the classpath (for "
              + target.display()
              + "); add the database's JDBC driver jar to the classpath"
              + (subprotocol.equals("postgresql") ? " (org.postgresql:postgresql)" : ""));
    }
  }

  private static HikariDataSource create(JdbcTarget target) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("sharedcatalog-sql-" + NUMBER.incrementAndGet());
    config.setJdbcUrl(target.url());
    if (target.user() != null) {
      config.setUsername(target.user());
    }
    if (target.password() != null) {
      config.setPassword(target.password());
    }
    config.setMaximumPoolSize(4);
    config.setMinimumIdle(0);
    config.setConnectionTimeout(10_000);
    // Connect once while creating the pool, so that a wrong URL fails at once (not after the
    // connection timeout); a pool that could not connect is not kept, the next use tries again.
    config.setInitializationFailTimeout(1);
    return new HikariDataSource(config);
  }
}
