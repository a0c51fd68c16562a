package io.sharedcatalog.pipeline;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineRegistryConflictTest {

  /** Registers a name that {@link PipelineRegistryTest.ExampleRegistry} registers too. */
  public static final class ClashingRegistry implements PipelineRegistry {
    @Override
    public Map<String, Pipeline> pipelines() {
      return Map.of("greeting", Pipeline.of());
    }
  }

  @Test
  void twoRegistriesWithTheSameNameAreRefusedNamingBoth(@TempDir Path extraJar) throws Exception {
    Path services = extraJar.resolve("META-INF/services");
    Files.createDirectories(services);
    Files.writeString(
        services.resolve(PipelineRegistry.class.getName()),
        ClashingRegistry.class.getName() + "\n");
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {extraJar.toUri().toURL()}, getClass().getClassLoader())) {
      PipelineException e =
          assertThrows(PipelineException.class, () -> PipelineRegistry.all(loader));
      assertTrue(e.getMessage().contains("'greeting'"), e.getMessage());
      assertTrue(e.getMessage().contains("ExampleRegistry"), e.getMessage());
      assertTrue(e.getMessage().contains("ClashingRegistry"), e.getMessage());
    }
  }
}
