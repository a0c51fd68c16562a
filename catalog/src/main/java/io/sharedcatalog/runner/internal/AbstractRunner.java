package io.sharedcatalog.runner.internal;

import io.sharedcatalog.catalog.DataCatalog;
import io.sharedcatalog.catalog.Dataset;
import io.sharedcatalog.catalog.DatasetException;
import io.sharedcatalog.pipeline.Pipeline;
import io.sharedcatalog.runner.RunFailedException;
import io.sharedcatalog.runner.RunOptions;
import io.sharedcatalog.runner.RunResult;
import io.sharedcatalog.runner.Runner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run every runner shares, Kedro's {@code AbstractRunner.run}; subclasses only decide where and
 * in which order nodes run ({@link #execute(RunPlan)}).
 *
 * <p>{@link #run(Pipeline, DataCatalog, RunOptions)} does, in order:
 *
 * <ol>
 *   <li>{@link #prepareCatalog(DataCatalog)}: a hook, before the catalog is used (e.g. binding a
 *       shared catalog to its cluster);
 *   <li>with {@code onlyMissingOutputs}, reduces the pipeline with {@link MissingOutputsFilter};
 *   <li>checks that every pipeline input is in the catalog ({@code contains}), and otherwise throws
 *       {@link DatasetException} listing all missing inputs, before anything else happens;
 *   <li>creates every other dataset from the catalog's runtime pattern ({@code get(name, true)});
 *   <li>creates the {@link RunPlan} and calls {@link #beforeExecution(RunPlan)} (a hook, e.g.
 *       binding and validating the datasets just created);
 *   <li>calls {@link #execute(RunPlan)}, which runs the nodes and reports each completion or
 *       failure to the plan (which releases intermediate datasets);
 *   <li>if a node failed, throws {@link RunFailedException} naming it, with the plan's resume
 *       suggestion and the node's exception as cause; otherwise returns the {@link RunResult} with
 *       the pipeline's output datasets (not loaded), the completion order and the duration.
 * </ol>
 *
 * <p>Subclasses must be thread-safe: one runner instance may run several pipelines at once, so
 * per-run state belongs in the plan or in {@code execute}'s locals.
 */
public abstract class AbstractRunner implements Runner {

  private static final Logger log = LoggerFactory.getLogger(AbstractRunner.class);

  /** For subclasses. */
  protected AbstractRunner() {}

  @Override
  public final RunResult run(Pipeline pipeline, DataCatalog catalog, RunOptions options) {
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(options, "options");
    long started = System.nanoTime();
    String runId = options.runId().orElseGet(() -> UUID.randomUUID().toString());

    prepareCatalog(catalog);
    Pipeline toRun =
        options.onlyMissingOutputs() ? MissingOutputsFilter.filter(pipeline, catalog) : pipeline;
    checkInputs(toRun, catalog);
    // Kedro's warm-up: every dataset of the pipeline exists before the first node
    List<String> toGet = new ArrayList<>();
    for (String dataset : toRun.datasets()) {
      if (!catalog.isMaterialised(dataset)) {
        toGet.add(dataset);
      }
    }
    Concurrently.forEach(toGet, dataset -> catalog.get(dataset, true));
    RunPlan plan = new RunPlan(toRun, catalog, options, runId);
    beforeExecution(plan);
    log.info(
        "Run {}: running {} nodes with {}",
        runId,
        toRun.nodes().size(),
        getClass().getSimpleName());

    execute(plan);

    if (plan.hasFailed()) {
      String failedNode = plan.failedNode().orElseThrow();
      List<String> resumeFrom = plan.resumeFromNodes();
      int notRun = toRun.nodes().size() - plan.completedNodes().size();
      if (resumeFrom.isEmpty()) {
        log.warn("Run {}: no nodes ran. Repeat the previous command to attempt a new run.", runId);
      } else {
        log.warn(
            "Run {}: there are {} nodes that have not run. You can resume the pipeline run from"
                + " the nearest nodes with persisted inputs by adding the following argument to"
                + " your previous command: --from-nodes \"{}\"",
            runId,
            notRun,
            String.join(",", resumeFrom));
      }
      throw new RunFailedException(failedNode, resumeFrom, plan.failure().orElseThrow());
    }
    if (!plan.isComplete()) {
      throw new IllegalStateException(
          getClass().getSimpleName() + " returned before the run was over: " + plan);
    }
    Map<String, Dataset<?>> outputs = new LinkedHashMap<>();
    for (String output : toRun.outputs()) {
      outputs.put(output, catalog.get(output));
    }
    Duration duration = Duration.ofNanos(System.nanoTime() - started);
    log.info("Run {}: pipeline execution completed successfully in {}", runId, duration);
    return new RunResult(runId, outputs, plan.completedNodes(), duration);
  }

  /**
   * Throws if a pipeline input is missing from the catalog.
   *
   * @param pipeline the pipeline
   * @param catalog the catalog
   * @throws DatasetException listing every input that the catalog neither has, nor configures, nor
   *     matches with a user pattern
   */
  public static void checkInputs(Pipeline pipeline, DataCatalog catalog) {
    Set<String> missing = new TreeSet<>();
    for (String input : pipeline.inputs()) {
      if (!catalog.contains(input)) {
        missing.add(input);
      }
    }
    if (!missing.isEmpty()) {
      throw new DatasetException(
          "Pipeline input(s) "
              + missing
              + " not found in the "
              + catalog.getClass().getSimpleName()
              + ". Register them in the catalog (put, putData, catalog.yml) or add a dataset"
              + " pattern that matches them; parameters are put in with Parameters.feedDict.");
    }
  }

  /**
   * Called first, before the catalog is used. The default does nothing.
   *
   * @param catalog the run's catalog
   */
  protected void prepareCatalog(DataCatalog catalog) {}

  /**
   * Called after the input checks and the creation of runtime datasets, before {@link #execute}. An
   * exception thrown here ends the run before any node runs. The default does nothing.
   *
   * @param plan the run's plan
   */
  protected void beforeExecution(RunPlan plan) {}

  /**
   * Runs the plan's nodes: repeatedly starts nodes from {@link RunPlan#startReadyNodes(int)}, runs
   * each (normally with {@link NodeExecution#run}), and reports {@link RunPlan#nodeCompleted} or
   * {@link RunPlan#nodeFailed}; returns once {@link RunPlan#isFinished()}. It must not throw for a
   * node's failure (the plan records it and {@code run} throws the {@link RunFailedException}), and
   * must not return while nodes it started are still running.
   *
   * @param plan the run's plan
   */
  protected abstract void execute(RunPlan plan);
}
