package io.sharedcatalog.pipeline;

import java.util.Map;

/**
 * The work a {@link Node} does: it receives the node's inputs keyed by dataset name and returns the
 * node's outputs keyed by dataset name.
 *
 * <p>The returned map must hold exactly the node's outputs: a missing or an extra key fails the
 * node, with a message naming the dataset. Values must not be null (datasets refuse to save null).
 * A function may be called from any thread, and by the parallel runner on any worker of a cluster;
 * it should not rely on state outside its inputs. Implementations used with {@code ThreadRunner} or
 * {@code ParallelRunner} must be thread-safe.
 */
@FunctionalInterface
public interface NodeFunction {

  /**
   * Computes the node's outputs from its inputs.
   *
   * @param inputs the loaded inputs, keyed by dataset name, in the order the node declares them;
   *     unmodifiable
   * @return the outputs, keyed by dataset name, exactly the node's outputs
   * @throws Exception anything the computation raises; it fails the node and the run
   */
  Map<String, Object> apply(Map<String, Object> inputs) throws Exception;
}
