package io.sharedcatalog.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParametersTest {

  @Test
  void feedDictHoldsAllParametersEachKeyAndEachNestedKey() {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("depth", 3);
    model.put("optimizer", Map.of("rate", 0.1));
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("seed", 42);
    params.put("model", model);

    Map<String, Object> entries = Parameters.feedDict(params);

    assertEquals(
        List.of(
            "parameters",
            "params:seed",
            "params:model",
            "params:model.depth",
            "params:model.optimizer",
            "params:model.optimizer.rate"),
        List.copyOf(entries.keySet()));
    assertEquals(params, entries.get("parameters"));
    assertEquals(0.1, entries.get("params:model.optimizer.rate"));
    assertEquals(model, entries.get("params:model"));
  }

  @Test
  void parameterNamesAreRecognised() {
    assertTrue(Parameters.isParameter("parameters"));
    assertTrue(Parameters.isParameter("params:a.b"));
    assertTrue(!Parameters.isParameter("paramsX"));
  }
}
