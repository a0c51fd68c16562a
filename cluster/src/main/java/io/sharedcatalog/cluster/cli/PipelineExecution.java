package io.sharedcatalog.cluster.cli;

import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.catalog.DataCatalog;
import io.sharedcatalog.cluster.cli.internal.NodeTimings;
import io.sharedcatalog.cluster.cli.internal.Progress;
import io.sharedcatalog.cluster.cli.internal.viz.LocalRunStates;
import io.sharedcatalog.pipeline.Parameters;
import io.sharedcatalog.pipeline.Pipeline;
import io.sharedcatalog.runner.RunOptions;
import io.sharedcatalog.runner.RunResult;
import io.sharedcatalog.runner.Runner;
import io.sharedcatalog.runner.SequentialRunner;
import io.sharedcatalog.runner.ThreadRunner;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a pipeline by {@code run} or {@code demo}: connects the shared catalog, feeds the
 * parameters, picks the runner, shows progress and times the nodes.
 *
 * <p>This class is not thread-safe.
 */
final class PipelineExecution {
  private static final Logger log = LoggerFactory.getLogger(PipelineExecution.class);

  /** The runners {@code --runner} accepts. */
  enum RunnerKind {
    SEQUENTIAL,
    THREAD,
    PARALLEL;

    @Override
    public String toString() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Converts {@code --runner} values, naming the accepted ones when the value is not one. */
  static final class RunnerKindConverter implements picocli.CommandLine.ITypeConverter<RunnerKind> {
    @Override
    public RunnerKind convert(String value) {
      for (RunnerKind kind : RunnerKind.values()) {
        if (kind.toString().equalsIgnoreCase(value.strip())) {
          return kind;
        }
      }
      throw new picocli.CommandLine.TypeConversionException(
          "expected sequential, thread or parallel but was '" + value + "'");
    }
  }

  /** What a finished run reports. */
  record Report(RunResult result, NodeTimings timings, DataCatalog catalog) {}

  private final HazelcastInstance hz;
  private final String catalogName;
  private final Map<String, Object> catalogConfig;
  private final Map<String, Object> credentials;
  private final Map<String, Object> parameters;
  private LocalRunStates viz;

  PipelineExecution(
      HazelcastInstance hz,
      String catalogName,
      Map<String, Object> catalogConfig,
      Map<String, Object> credentials,
      Map<String, Object> parameters) {
    this.hz = Objects.requireNonNull(hz, "hz");
    this.catalogName = Objects.requireNonNull(catalogName, "catalogName");
    this.catalogConfig = catalogConfig == null ? Map.of() : catalogConfig;
    this.credentials = credentials == null ? Map.of() : credentials;
    this.parameters = parameters == null ? Map.of() : parameters;
  }

  /** Reports the run's node states to {@code viz} too (for {@code run --viz}); null: none. */
  PipelineExecution observedBy(LocalRunStates viz) {
    this.viz = viz;
    return this;
  }

  /**
   * Runs the pipeline, showing progress on {@code terminal} (null: log lines).
   *
   * @throws io.sharedcatalog.runner.RunFailedException if a node fails
   */
  Report run(
      Pipeline pipeline,
      RunnerKind kind,
      int workers,
      boolean onlyMissingOutputs,
      PrintWriter terminal) {
    DataCatalog catalog = SharedCatalogs.connect(hz, catalogName, catalogConfig, credentials);
    Parameters.feedDict(parameters).forEach(catalog::putData);
    NodeTimings timings = new NodeTimings(pipeline.nodes().size());
    Runner runner;
    Pipeline toRun = pipeline;
    if (kind == RunnerKind.PARALLEL) {
      runner = SharedCatalogs.parallelRunner(hz, workers).onEvent(timings::onEvent);
      if (viz != null) {
        ((io.sharedcatalog.cluster.ParallelRunner) runner).onEvent(VizCommand.listener(viz));
      }
    } else {
      // The in-process runners have no events: time the node functions themselves.
      toRun = timings.instrument(pipeline);
      if (viz != null) {
        toRun = viz.instrument(toRun);
      }
      runner =
          kind == RunnerKind.SEQUENTIAL
              ? new SequentialRunner()
              : new ThreadRunner(Math.max(1, workers));
    }
    log.debug(
        "Running pipeline of {} nodes with the {} runner ({} local workers), catalog '{}'",
        pipeline.nodes().size(),
        kind,
        workers,
        catalogName);
    RunOptions options = RunOptions.builder().onlyMissingOutputs(onlyMissingOutputs).build();
    RunResult result;
    boolean succeeded = false;
    if (viz != null) {
      viz.runStarted("");
    }
    try (Progress ignored = new Progress(timings, terminal)) {
      result = runner.run(toRun, catalog, options);
      succeeded = true;
    } finally {
      if (viz != null) {
        viz.runEnded(succeeded);
      }
    }
    return new Report(result, timings, catalog);
  }

  /** Prints the completed nodes and the outputs of a run, then the timing table. */
  static void printSummary(PrintWriter out, Report report) {
    RunResult result = report.result();
    out.printf(
        "Completed %d of %d nodes in %s.%n",
        result.completedNodes().size(),
        report.timings().total(),
        NodeTimings.millis(result.duration().toNanos()));
    List<String> outputs = List.copyOf(result.outputs().keySet());
    if (!outputs.isEmpty()) {
      out.println("Outputs: " + String.join(", ", outputs));
    }
    out.println();
    if (report.timings().takenBack() > 0) {
      out.printf(
          "%d node(s) were taken back from a worker that stopped and ran again.%n",
          report.timings().takenBack());
    }
    out.println(
        report.timings().fromEvents()
            ? "Per-node timing (load, function and save, on the worker that ran it):"
            : "Per-node timing (node function only):");
    report.timings().printTable(out, result.completedNodes(), result.duration().toNanos());
    out.flush();
  }
}
