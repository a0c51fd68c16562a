package io.sharedcatalog.cluster.cli;

import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.cluster.cli.PipelineExecution.RunnerKind;
import io.sharedcatalog.cluster.cli.internal.Progress;
import io.sharedcatalog.cluster.demo.DemoPipelines;
import io.sharedcatalog.cluster.demo.Metrics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code demo}: runs the packaged demo pipeline (Kedro's spaceflights) end to end on an embedded
 * private member with the parallel runner, then prints the model's metrics and a per-node timing
 * table.
 *
 * <p>This class is not thread-safe.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs the demo pipeline end to end, with progress.",
      "Kedro's spaceflights: companies.csv, reviews.csv and shuttles.xlsx written from a fixed"
          + " seed -> preprocessing -> model input table (Parquet) -> train/test split -> linear"
          + " regression -> metrics, on an embedded private member with the parallel runner;"
          + " intermediates stay shared in the cluster. Prints the metrics and the time of each"
          + " node."
    })
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--rows",
      paramLabel = "N",
      defaultValue = "20000",
      description = "Shuttles to generate (default: ${DEFAULT-VALUE}).")
  int rows;

  @Option(
      names = "--workers",
      paramLabel = "N",
      description = "Workers in this JVM (default: the number of cores).")
  Integer workers;

  @Option(
      names = "--runner",
      paramLabel = "RUNNER",
      converter = PipelineExecution.RunnerKindConverter.class,
      defaultValue = "parallel",
      description = "sequential, thread or parallel (default: ${DEFAULT-VALUE}).")
  RunnerKind runner;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Where the demo's file datasets go (default: a temporary folder, deleted at the end).")
  Path dataDir;

  @Option(
      names = "--write-config",
      paramLabel = "DIR",
      description =
          "Only write the demo's catalog.yml and parameters.yml into DIR (for 'run --pipeline"
              + " demo --catalog DIR/catalog.yml') and exit.")
  Path writeConfig;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (writeConfig != null) {
      Files.createDirectories(writeConfig);
      Files.writeString(
          writeConfig.resolve("catalog.yml"),
          DemoPipelines.resourceText(DemoPipelines.CATALOG_RESOURCE));
      Files.writeString(
          writeConfig.resolve("parameters.yml"),
          DemoPipelines.resourceText(DemoPipelines.PARAMETERS_RESOURCE));
      out.printf(
          "Wrote %s and %s%n",
          writeConfig.resolve("catalog.yml"), writeConfig.resolve("parameters.yml"));
      out.flush();
      return ExitCodes.OK;
    }
    if (rows <= 0) {
      throw new ParameterException(spec.commandLine(), "--rows must be positive but was " + rows);
    }
    if (workers != null && workers < 1) {
      throw new ParameterException(spec.commandLine(), "--workers must be 1 or more");
    }
    int localWorkers = workers != null ? workers : Runtime.getRuntime().availableProcessors();
    boolean temporary = dataDir == null;
    Path base = temporary ? Files.createTempDirectory("sharedcatalog-demo-") : dataDir;
    Map<String, Object> catalog =
        withBaseDirectory(
            Yaml.loadMap(
                DemoPipelines.resourceText(DemoPipelines.CATALOG_RESOURCE), "demo catalog.yml"),
            base);
    Map<String, Object> parameters =
        Yaml.loadMap(
            DemoPipelines.resourceText(DemoPipelines.PARAMETERS_RESOURCE), "demo parameters.yml");
    parameters.put("rows", rows);

    out.printf(
        Locale.ROOT,
        "Demo: Kedro's spaceflights pipeline, %,d shuttles, %s runner with %d local workers.%n",
        rows,
        runner,
        localWorkers);
    out.flush();
    long start = System.nanoTime();
    HazelcastInstance hz = RunCommand.startEmbedded(null);
    try {
      out.printf(
          "Embedded member %s of private cluster '%s' started in %.1f s.%n",
          Clusters.address(hz), hz.getConfig().getClusterName(), (System.nanoTime() - start) / 1e9);
      out.flush();
      PipelineExecution.Report report =
          new PipelineExecution(hz, DemoPipelines.NAME, catalog, Map.of(), parameters)
              .run(
                  DemoPipelines.pipeline(), runner, localWorkers, false, Progress.terminalOrNull());
      Metrics metrics = report.catalog().load("metrics", Metrics.class);
      out.println();
      out.printf(
          Locale.ROOT,
          "Model metrics on %,d test rows: R² %.4f, mean absolute error $%.2f, max error $%.2f%n",
          metrics.testRows(),
          metrics.r2(),
          metrics.meanAbsoluteError(),
          metrics.maxError());
      if (!temporary) {
        out.println("Raw files under " + base.resolve("data/01_raw"));
        out.println("Model input table in " + base.resolve("data/03_primary"));
        out.println("Model saved under " + base.resolve("data/06_models/regressor.bin"));
      }
      out.println();
      PipelineExecution.printSummary(out, report);
    } finally {
      hz.shutdown();
      if (temporary) {
        deleteRecursively(base);
      }
    }
    return ExitCodes.OK;
  }

  /** The catalog with every relative {@code filepath} resolved against {@code base}. */
  static Map<String, Object> withBaseDirectory(Map<String, Object> catalog, Path base) {
    Map<String, Object> result = new LinkedHashMap<>();
    catalog.forEach(
        (name, entry) -> {
          if (entry instanceof Map<?, ?> config && config.get("filepath") instanceof String path) {
            Map<String, Object> copy = new LinkedHashMap<>();
            config.forEach((key, value) -> copy.put(String.valueOf(key), value));
            Path file = Path.of(path);
            copy.put("filepath", (file.isAbsolute() ? file : base.resolve(file)).toString());
            result.put(name, copy);
          } else {
            result.put(name, entry);
          }
        });
    return result;
  }

  private static void deleteRecursively(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
