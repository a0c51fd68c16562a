package io.sharedcatalog.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The service provider interface through which a project registers its pipelines by name, Kedro's
 * {@code register_pipelines}. Remote workers and the command line find pipelines through it.
 *
 * <p>An implementation is a public class with a public no-argument constructor, listed in {@code
 * META-INF/services/io.sharedcatalog.pipeline.PipelineRegistry} of its jar; {@link #all()} and
 * {@link #find(String)} collect every registry on the class path with {@link ServiceLoader}. A
 * worker can run a node of a pipeline only if the same registry is on its class path, so registries
 * should build the same pipelines every time they are asked.
 *
 * <p>The classes of the values a registry's pipelines save to the cluster or to files must be
 * allowed to be decoded: list them (or their packages, as {@code com.acme.model.*}) once, one per
 * line, in a resource {@code META-INF/sharedcatalog/value-classes} of the same jar; every process
 * with the jar on its class path then allows them (see the README's "Security and limits").
 *
 * <p>Implementations must be thread-safe; the static methods are.
 */
public interface PipelineRegistry {

  /**
   * Returns the pipelines this registry provides.
   *
   * @return the pipelines keyed by name
   */
  Map<String, Pipeline> pipelines();

  /**
   * Collects the pipelines of every registry found by {@link ServiceLoader} through the current
   * thread's context class loader.
   *
   * @return every registered pipeline keyed by name, sorted by name; unmodifiable
   * @throws PipelineException if two registries register the same name; the message names both
   */
  static Map<String, Pipeline> all() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return all(loader != null ? loader : PipelineRegistry.class.getClassLoader());
  }

  /**
   * Collects the pipelines of every registry that {@link ServiceLoader} finds through the given
   * class loader.
   *
   * @param loader the class loader to search
   * @return every registered pipeline keyed by name, sorted by name; unmodifiable
   * @throws PipelineException if two registries register the same name; the message names both
   */
  static Map<String, Pipeline> all(ClassLoader loader) {
    Objects.requireNonNull(loader, "loader");
    Map<String, Pipeline> found = new TreeMap<>();
    Map<String, String> registeredBy = new TreeMap<>();
    for (PipelineRegistry registry : ServiceLoader.load(PipelineRegistry.class, loader)) {
      String registryName = registry.getClass().getName();
      Map<String, Pipeline> pipelines = registry.pipelines();
      if (pipelines == null) {
        throw new PipelineException(
            "Pipeline registry " + registryName + " returned null instead of a map of pipelines.");
      }
      pipelines.forEach(
          (name, pipeline) -> {
            String previous = registeredBy.putIfAbsent(name, registryName);
            if (previous != null) {
              throw new PipelineException(
                  "Pipeline '"
                      + name
                      + "' is registered by both "
                      + previous
                      + " and "
                      + registryName
                      + "; pipeline names must be unique across registries.");
            }
            found.put(name, Objects.requireNonNull(pipeline, () -> "pipeline '" + name + "'"));
          });
    }
    return Collections.unmodifiableMap(found);
  }

  /**
   * Finds a registered pipeline by name among every registry of {@link #all()}.
   *
   * @param name the pipeline's name
   * @return the pipeline
   * @throws PipelineException if no registry has a pipeline of that name; the message lists the
   *     names that are registered
   */
  static Pipeline find(String name) {
    Objects.requireNonNull(name, "name");
    Map<String, Pipeline> pipelines = all();
    Pipeline pipeline = pipelines.get(name);
    if (pipeline == null) {
      List<String> known = new ArrayList<>(pipelines.keySet());
      throw new PipelineException(
          "Pipeline '"
              + name
              + "' is not registered. "
              + (known.isEmpty()
                  ? "No PipelineRegistry was found on the class path: add a jar that lists one in"
                      + " META-INF/services/io.sharedcatalog.pipeline.PipelineRegistry."
                  : "Registered pipelines: " + Node.quoted(known) + "."));
    }
    return pipeline;
  }
}
