package io.sharedcatalog.pipeline;

/**
 * Thrown when nodes or pipelines are put together wrongly: duplicate node names, a dataset produced
 * by two nodes, a cycle, an unknown node name in a filter, or a pipeline name that no {@link
 * PipelineRegistry} knows. The message names the nodes and datasets involved.
 *
 * <p>This class is thread-safe.
 */
public class PipelineException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong, naming the nodes and datasets involved
   */
  public PipelineException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what is wrong, naming the nodes and datasets involved
   * @param cause the underlying failure
   */
  public PipelineException(String message, Throwable cause) {
    super(message, cause);
  }
}
