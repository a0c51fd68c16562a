package io.sharedcatalog.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineRegistryTest {

  /** Registered in this module's test resources, META-INF/services. */
  public static final class ExampleRegistry implements PipelineRegistry {

    static final Pipeline GREETING =
        Pipeline.of(
            Node.of(
                "greet",
                List.of("params:name"),
                List.of("greeting"),
                inputs -> Map.of("greeting", "Hello " + inputs.get("params:name"))));

    @Override
    public Map<String, Pipeline> pipelines() {
      return Map.of("greeting", GREETING, "__default__", GREETING);
    }
  }

  @Test
  void registriesOnTheClassPathAreFoundByName() {
    assertSame(ExampleRegistry.GREETING, PipelineRegistry.find("greeting"));
    assertEquals(List.of("__default__", "greeting"), List.copyOf(PipelineRegistry.all().keySet()));
  }

  @Test
  void anUnknownPipelineNameListsTheRegisteredNames() {
    PipelineException e =
        assertThrows(PipelineException.class, () -> PipelineRegistry.find("gret"));
    assertTrue(e.getMessage().contains("'gret' is not registered"), e.getMessage());
    assertTrue(e.getMessage().contains("'__default__', 'greeting'"), e.getMessage());
  }
}
