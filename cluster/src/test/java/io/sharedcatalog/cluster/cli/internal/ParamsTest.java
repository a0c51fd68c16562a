package io.sharedcatalog.cluster.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamsTest {

  @Test
  void valuesAreTypedAsKedroTypesThem() {
    assertEquals(42, Params.parse("rows=42").value());
    assertEquals(5_000_000_000L, Params.parse("big=5000000000").value());
    assertEquals(0.25, Params.parse("test_size=0.25").value());
    assertEquals(1e-3, Params.parse("tolerance=1e-3").value());
    assertEquals(true, Params.parse("verbose=true").value());
    assertEquals(false, Params.parse("verbose=FALSE").value());
    assertEquals("spaceflights", Params.parse("name=spaceflights").value());
    assertEquals("42", Params.parse("code=\"42\"").value());
    assertEquals("a=b", Params.parse("expression=a=b").value());
    assertEquals("", Params.parse("empty=").value());
    assertEquals(-7, Params.parse("offset=-7").value());
  }

  @Test
  void aKeyValueWithoutEqualsSignIsRejectedWithTheExpectedForm() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Params.parse("rows"));

    assertTrue(e.getMessage().contains("'rows'"), e.getMessage());
    assertTrue(e.getMessage().contains("KEY=VALUE"), e.getMessage());
  }

  @Test
  void emptyOrMalformedKeysAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> Params.parse("=1"));
    assertThrows(IllegalArgumentException.class, () -> Params.parse("a..b=1"));
    assertThrows(IllegalArgumentException.class, () -> Params.parse(".a=1"));
  }

  @Test
  void dottedKeysOverrideNestedParametersAndKeepTheirSiblings() {
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("test_size", 0.2);
    options.put("random_state", 3);
    Map<String, Object> base = new LinkedHashMap<>();
    base.put("rows", 100);
    base.put("model_options", options);

    Map<String, Object> merged =
        Params.merge(
            base,
            List.of(
                Params.parse("model_options.test_size=0.3"),
                Params.parse("rows=5"),
                Params.parse("extra.deep.key=x")));

    assertEquals(
        Map.of(
            "rows", 5,
            "model_options", Map.of("test_size", 0.3, "random_state", 3),
            "extra", Map.of("deep", Map.of("key", "x"))),
        merged);
    assertEquals(0.2, options.get("test_size"), "the base is not changed");
  }
}
