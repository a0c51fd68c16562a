package io.sharedcatalog.cluster.cli;

import io.sharedcatalog.catalog.CatalogConfigResolver;
import io.sharedcatalog.catalog.DataCatalog;
import io.sharedcatalog.cluster.SharedMemoryDataCatalog;
import io.sharedcatalog.pipeline.Parameters;
import io.sharedcatalog.pipeline.Pipeline;
import io.sharedcatalog.pipeline.PipelineRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * The options the {@code catalog} subcommands share ({@code --catalog FILE [--pipeline NAME]}) and
 * what they compute from them: the resolver of the catalog file, and the pipelines to look at.
 *
 * <p>This class is not thread-safe.
 */
final class CatalogOptions {
  /** The dataset type that names matched by no user pattern get from the shared catalog. */
  static final String DEFAULT_TYPE = "SharedMemoryDataset";

  @Option(
      names = "--catalog",
      paramLabel = "FILE",
      required = true,
      description = "The catalog.yml to read (a credentials.yml beside it is read too).")
  Path catalog;

  @Option(
      names = "--pipeline",
      paramLabel = "NAME",
      description = "Look at this registered pipeline's datasets. Default: every registered one.")
  String pipeline;

  /** How a dataset name is provided. */
  enum Source {
    /** Configured by name in the catalog file. */
    DATASETS("datasets"),
    /** Matched by a pattern of the catalog file. */
    FACTORIES("factories"),
    /** Created from the shared catalog's runtime pattern. */
    DEFAULTS("defaults");

    final String label;

    Source(String label) {
      this.label = label;
    }
  }

  /** One dataset name, how it is provided and its type. */
  record Entry(String name, Source source, String type) {}

  /** Reads the catalog file and returns its resolver. */
  CatalogConfigResolver resolver() {
    return readCatalog(catalog).configResolver();
  }

  /** The pipelines to look at: the one named, or every registered one. */
  Map<String, Pipeline> pipelines() {
    if (pipeline != null) {
      return Map.of(pipeline, RunCommand.findPipeline(pipeline));
    }
    return PipelineRegistry.all();
  }

  /** Classifies names in order: configured, pattern-matched, or runtime default. */
  static List<Entry> classify(CatalogConfigResolver resolver, Iterable<String> names) {
    List<Entry> entries = new ArrayList<>();
    for (String name : names) {
      if (Parameters.isParameter(name) || CatalogConfigResolver.isPattern(name)) {
        continue;
      }
      Object configured = resolver.config().get(name);
      if (configured instanceof Map<?, ?> config) {
        entries.add(new Entry(name, Source.DATASETS, typeOf(config)));
      } else if (resolver.matchUserPattern(name).isPresent()) {
        entries.add(new Entry(name, Source.FACTORIES, typeOf(resolver.resolvePattern(name))));
      } else {
        String type =
            resolver.matchPattern(name).isPresent()
                ? typeOf(resolver.resolvePattern(name))
                : DEFAULT_TYPE;
        entries.add(new Entry(name, Source.DEFAULTS, type));
      }
    }
    return entries;
  }

  /** The configured (non-pattern) dataset names of the catalog, in file order. */
  static List<String> configuredNames(CatalogConfigResolver resolver) {
    List<String> names = new ArrayList<>();
    for (String name : resolver.config().keySet()) {
      if (!CatalogConfigResolver.isPattern(name) && !name.startsWith("_")) {
        names.add(name);
      }
    }
    return names;
  }

  /** The configured names followed by the pipeline's other datasets. */
  static Set<String> namesWith(CatalogConfigResolver resolver, Pipeline pipeline) {
    Set<String> names = new LinkedHashSet<>();
    for (String name : configuredNames(resolver)) {
      if (pipeline.datasets().contains(name)) {
        names.add(name);
      }
    }
    names.addAll(new java.util.TreeSet<>(pipeline.datasets()));
    return names;
  }

  /** Entries grouped by type, types in first-seen order. */
  static Map<String, List<String>> byType(List<Entry> entries, Source source) {
    Map<String, List<String>> grouped = new LinkedHashMap<>();
    for (Entry entry : entries) {
      if (entry.source() == source) {
        grouped.computeIfAbsent(entry.type(), type -> new ArrayList<>()).add(entry.name());
      }
    }
    return grouped;
  }

  private static String typeOf(Map<?, ?> config) {
    return Optional.ofNullable(config.get("type")).map(String::valueOf).orElse("(no type)");
  }

  /**
   * Reads a catalog file (and a {@code credentials.yml} beside it, if there is one).
   *
   * @throws CliException if the file cannot be read
   */
  static DataCatalog readCatalog(Path file) {
    requireReadable(file, "catalog");
    Path credentials = credentialsBeside(file);
    return credentials == null
        ? SharedMemoryDataCatalog.fromYaml(file)
        : SharedMemoryDataCatalog.fromYaml(file, credentials);
  }

  /** The {@code credentials.yml} beside a catalog file, or null. */
  static Path credentialsBeside(Path catalogFile) {
    Path parent = catalogFile.toAbsolutePath().getParent();
    Path credentials = parent == null ? null : parent.resolve("credentials.yml");
    return credentials != null && Files.isRegularFile(credentials) ? credentials : null;
  }

  /**
   * Checks that a file exists and can be read.
   *
   * @throws CliException with {@link ExitCodes#BAD_INPUT} otherwise
   */
  static void requireReadable(Path file, String what) {
    if (!Files.exists(file)) {
      throw new CliException(
          ExitCodes.BAD_INPUT, "Cannot read the " + what + " file " + file + ": it does not exist");
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new CliException(
          ExitCodes.BAD_INPUT,
          "Cannot read the "
              + what
              + " file "
              + file
              + ": it is "
              + (Files.isDirectory(file) ? "a directory" : "not readable"));
    }
  }
}
