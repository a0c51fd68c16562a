package io.sharedcatalog.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CatalogConfigResolverTest {
  private static final Map<String, Object> MEMORY = Map.of("type", "MemoryDataset");

  private static Map<String, Object> config(String... names) {
    Map<String, Object> config = new LinkedHashMap<>();
    for (String name : names) {
      config.put(name, MEMORY);
    }
    return config;
  }

  // API.md now (Kedro's _sort_patterns): MORE placeholders win at equal specificity.
  @Test
  void patternsAreRankedBySpecificityThenMorePlaceholdersThenName() {
    CatalogConfigResolver resolver =
        new CatalogConfigResolver(
            config(
                "{default}",
                "{a}.{b}",
                "{a}_csv",
                "x{a}.{b}y",
                "{a}.csv",
                "{ab}.csv",
                "plain",
                "{a}{b}.q",
                "{a}.q"),
            null);
    assertEquals(
        List.of(
            "{ab}.csv",
            "{a}.csv",
            "{a}_csv",
            "x{a}.{b}y",
            "{a}{b}.q",
            "{a}.q",
            "{a}.{b}",
            "{default}"),
        resolver.listPatterns());
  }

  @Test
  void morePlaceholdersWinAtEqualSpecificity() {
    CatalogConfigResolver resolver = new CatalogConfigResolver(config("{a}.q", "{a}{b}.q"), null);
    assertEquals(Optional.of("{a}{b}.q"), resolver.matchPattern("xy.q"));
    assertEquals(Optional.of("{a}.q"), resolver.matchPattern("x.q")); // {b} cannot be empty
    CatalogConfigResolver dashes = new CatalogConfigResolver(config("{a}-{b}-{c}", "{x}--"), null);
    assertEquals(Optional.of("{x}--"), dashes.matchPattern("p--"));
    assertEquals(Optional.of("{a}-{b}-{c}"), dashes.matchPattern("p-q-r"));
  }

  @Test
  void moreThanOneUserCatchAllIsRefusedButOneBesidesARuntimeCatchAllIsNot() {
    DatasetException e =
        assertThrows(
            DatasetException.class,
            () -> new CatalogConfigResolver(config("{default}", "{other}", "{a}.csv"), null));
    assertTrue(e.getMessage().contains("{default}, {other}"), e.getMessage());
    CatalogConfigResolver one =
        new CatalogConfigResolver(config("{mine}"), null, Map.of("{default}", MEMORY));
    assertEquals(List.of("{mine}", "{default}"), one.listPatterns());
    assertEquals(Optional.of("{mine}"), one.matchPattern("anything"));
  }

  @Test
  void userPatternsBeatRuntimePatternsWhichAreListedLast() {
    CatalogConfigResolver resolver =
        new CatalogConfigResolver(config("{name}.csv"), null, Map.of("{default}", MEMORY));
    assertEquals(List.of("{name}.csv", "{default}"), resolver.listPatterns());
    assertEquals(Optional.of("{name}.csv"), resolver.matchPattern("a.csv"));
    assertEquals(Optional.of("{default}"), resolver.matchPattern("a.parquet"));
    assertEquals(Optional.empty(), resolver.matchUserPattern("a.parquet"));
  }

  @Test
  void aPlaceholderMatchesDotsAndMustBeNonEmpty() {
    CatalogConfigResolver resolver = new CatalogConfigResolver(config("{ns}.raw"), null);
    assertTrue(resolver.matchPattern("a.b.raw").isPresent());
    assertFalse(resolver.matchPattern(".raw").isPresent());
    assertFalse(resolver.matchPattern("a.raw.x").isPresent());
  }

  @Test
  void aRepeatedPlaceholderMustMatchTheSameText() {
    CatalogConfigResolver resolver = new CatalogConfigResolver(config("{x}_to_{x}"), null);
    assertTrue(resolver.matchPattern("a_to_a").isPresent());
    assertFalse(resolver.matchPattern("a_to_b").isPresent());
  }

  @Test
  void resolvePatternFillsPlaceholdersAndCredentials() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put(
        "{layer}.{name}",
        Map.of(
            "type", "TextDataset",
            "filepath", "data/{layer}/{name}.txt",
            "credentials", "db",
            "args", List.of(Map.of("k", "{name}"))));
    config.put("explicit", Map.of("type", "MemoryDataset"));
    CatalogConfigResolver resolver =
        new CatalogConfigResolver(config, Map.of("db", Map.of("user", "u")));
    Map<String, Object> resolved = resolver.resolvePattern("raw.boats");
    assertEquals("data/raw/boats.txt", resolved.get("filepath"));
    assertEquals(Map.of("user", "u"), resolved.get("credentials"));
    assertEquals(List.of(Map.of("k", "boats")), resolved.get("args"));
    assertEquals("db", resolver.entryConfig("raw.boats").get("credentials"));
    assertEquals(MEMORY, resolver.resolvePattern("explicit"));
    assertEquals(Map.of(), resolver.resolvePattern("nomatch"));
    assertEquals(List.of("explicit"), List.copyOf(resolver.config().keySet()));
  }

  // API.md now: refused at construction (Kedro's _validate_pattern_config), naming pattern and key.
  @Test
  void aConfigPlaceholderMissingFromThePatternFails() {
    DatasetException e =
        assertThrows(
            DatasetException.class,
            () ->
                new CatalogConfigResolver(
                    Map.of("{name}.csv", Map.of("type", "TextDataset", "filepath", "{other}.csv")),
                    null));
    assertTrue(e.getMessage().contains("'{name}.csv'"), e.getMessage());
    assertTrue(e.getMessage().contains("{other}"), e.getMessage());
  }

  @Test
  void unknownCredentialsInAPatternFailAtConstruction() {
    DatasetException e =
        assertThrows(
            DatasetException.class,
            () ->
                new CatalogConfigResolver(
                    Map.of("{n}.db", Map.of("type", "MemoryDataset", "credentials", "nope")),
                    Map.of()));
    assertTrue(e.getMessage().contains("'nope'") && e.getMessage().contains("'{n}.db'"));
  }

  @Test
  void underscoreKeysAreSkipped() {
    CatalogConfigResolver resolver =
        new CatalogConfigResolver(Map.of("_anchor", "not a dataset", "real", MEMORY), null);
    assertEquals(List.of("real"), List.copyOf(resolver.config().keySet()));
  }

  @Test
  void unbalancedOrEmptyBracesFail() {
    for (String bad : List.of("{a", "a}", "{a{b}}", "x{}")) {
      assertThrows(DatasetException.class, () -> CatalogConfigResolver.isPattern(bad), bad);
    }
    assertFalse(CatalogConfigResolver.isPattern("plain.name"));
    assertTrue(CatalogConfigResolver.isPattern("{a}.b"));
  }

  @Test
  void withRuntimePatternsKeepsTheConfig() {
    CatalogConfigResolver resolver =
        new CatalogConfigResolver(config("x", "{a}.csv"), Map.of("c", Map.of()))
            .withRuntimePatterns(Map.of("{default}", MEMORY));
    assertEquals(List.of("{a}.csv", "{default}"), resolver.listPatterns());
    assertEquals(Map.of("c", Map.of()), resolver.credentials());
    assertTrue(resolver.config().containsKey("x"));
  }
}
