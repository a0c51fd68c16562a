package io.sharedcatalog.runner;

import io.sharedcatalog.catalog.DataCatalog;
import io.sharedcatalog.pipeline.Pipeline;

/**
 * Runs a {@link Pipeline} against a {@link DataCatalog}, Kedro's {@code AbstractRunner.run}.
 *
 * <p>Every runner behaves alike, whatever the order or place it runs nodes in:
 *
 * <ul>
 *   <li>Before any node runs, every input of the pipeline must be in the catalog (registered,
 *       configured, or matched by a user pattern); otherwise the run throws a {@link
 *       io.sharedcatalog.catalog.DatasetException} listing every missing input. Every other dataset
 *       of the pipeline is created from the catalog's runtime pattern.
 *   <li>A dataset that is neither a pipeline input nor a pipeline output is released as soon as the
 *       last node reading it has finished.
 *   <li>With {@link RunOptions#onlyMissingOutputs()}, nodes whose outputs all exist, and that no
 *       node still to run needs, are skipped.
 *   <li>A node that fails stops the run: no new node starts, nodes already running finish, and the
 *       run throws {@link RunFailedException} naming the node and the nodes to resume from.
 * </ul>
 *
 * <p>Implementations are thread-safe: one runner may run several pipelines at once.
 */
public interface Runner {

  /**
   * Runs the pipeline with {@link RunOptions#defaults()}.
   *
   * @param pipeline the pipeline to run
   * @param catalog the catalog its datasets come from and go to
   * @return the outputs, completed nodes and duration of the run
   * @throws io.sharedcatalog.catalog.DatasetException if pipeline inputs are missing from the
   *     catalog; the message lists all of them
   * @throws RunFailedException if a node fails
   */
  default RunResult run(Pipeline pipeline, DataCatalog catalog) {
    return run(pipeline, catalog, RunOptions.defaults());
  }

  /**
   * Runs the pipeline.
   *
   * @param pipeline the pipeline to run
   * @param catalog the catalog its datasets come from and go to
   * @param options the run's options
   * @return the outputs, completed nodes and duration of the run
   * @throws io.sharedcatalog.catalog.DatasetException if pipeline inputs are missing from the
   *     catalog; the message lists all of them
   * @throws RunFailedException if a node fails
   */
  RunResult run(Pipeline pipeline, DataCatalog catalog, RunOptions options);
}
