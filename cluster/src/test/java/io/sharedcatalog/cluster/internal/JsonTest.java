package io.sharedcatalog.cluster.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void configsSurviveTheRoundTripWithOrderAndTypes() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("type", "TextDataset");
    config.put("filepath", "data/01 raw/ünïcode \"quoted\" \\ back\nline\ttab\u0001");
    config.put("versioned", true);
    config.put("count", 3);
    config.put("big", 12_345_678_901L);
    config.put("ratio", 0.25);
    config.put("nothing", null);
    config.put("nested", Map.of("list", List.of(1, "two", List.of(), Map.of())));

    Object parsed = Json.parse(Json.write(config));

    assertEquals(config, parsed);
    assertEquals(new ArrayList<>(config.keySet()), new ArrayList<>(((Map<?, ?>) parsed).keySet()));
  }

  @Test
  void onlyPlainConfigValuesAreRepresentable() {
    assertTrue(Json.isRepresentable(Map.of("a", Arrays.asList(1, null, "x"))));
    assertFalse(Json.isRepresentable(Map.of("path", Path.of("x"))));
    assertFalse(Json.isRepresentable(Map.of(1, "non-string key")));
    assertFalse(Json.isRepresentable(Double.NaN));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Json.write(Map.of("p", Path.of("x"))));
    assertTrue(e.getMessage().contains("Path"), e.getMessage());
  }

  @Test
  void malformedTextIsRejectedWithThePosition() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\":1,}"));
    assertTrue(e.getMessage().contains("position"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Json.parse("[1] x"));
  }
}
