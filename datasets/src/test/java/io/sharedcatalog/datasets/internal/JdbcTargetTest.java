package io.sharedcatalog.datasets.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sharedcatalog.catalog.DatasetException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JdbcTargetTest {
  private static JdbcTarget of(String con) {
    return JdbcTarget.of("ds", "SQLTableDataset", Map.of("con", con));
  }

  @Test
  void sqliteUrlsBecomeJdbcUrls() {
    assertEquals("jdbc:sqlite:scooters.db", of("sqlite:///scooters.db").url());
    assertEquals("jdbc:sqlite:/var/data/x.db", of("sqlite:////var/data/x.db").url());
    assertEquals("jdbc:sqlite::memory:", of("sqlite://").url());
  }

  @Test
  void postgresUrlsKeepTheUserAndPasswordOutOfTheUrl() {
    JdbcTarget target =
        of("postgresql+psycopg2://kedro:p%40ss+w@db.local:5432/flights?sslmode=require");
    assertEquals("jdbc:postgresql://db.local:5432/flights?sslmode=require", target.url());
    assertEquals("kedro", target.user());
    assertEquals("p@ss+w", target.password());
    assertFalse(target.toString().contains("p@ss"));
    assertEquals("error *** here", target.scrub("error p@ss+w here"));
  }

  @Test
  void jdbcUrlsAreTakenAsTheyAre() {
    assertEquals("jdbc:h2:mem:x", of("jdbc:h2:mem:x").url());
  }

  @Test
  void anUnknownDialectIsRefusedWithoutThePassword() {
    DatasetException e =
        assertThrows(DatasetException.class, () -> of("snowflake://u:secret@acct/db"));
    assertTrue(e.getMessage().contains("snowflake") && e.getMessage().contains("'ds'"));
    assertFalse(e.getMessage().contains("secret"), e.getMessage());
  }
}
