package io.sharedcatalog.runner;

import java.util.List;
import java.util.Objects;

/**
 * Thrown when a node fails and stops a run. It names the node, keeps the node's exception as its
 * cause, and carries Kedro's resume suggestion: the nearest nodes whose inputs are persisted, from
 * which a new run (with {@link io.sharedcatalog.pipeline.Pipeline#fromNodes}, the command line's
 * {@code --from-nodes}) covers every node that has not run.
 *
 * <p>This class is thread-safe.
 */
public class RunFailedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String nodeName;
  private final List<String> resumeFromNodes;

  /**
   * Creates the exception; runners call this.
   *
   * @param nodeName the node that failed
   * @param resumeFromNodes the nodes to resume from, sorted; empty when no node had completed (the
   *     whole run has to be repeated)
   * @param cause the node's exception
   */
  public RunFailedException(String nodeName, List<String> resumeFromNodes, Throwable cause) {
    super(message(nodeName, resumeFromNodes, cause), cause);
    this.nodeName = Objects.requireNonNull(nodeName, "nodeName");
    this.resumeFromNodes = List.copyOf(resumeFromNodes);
  }

  private static String message(String nodeName, List<String> resumeFrom, Throwable cause) {
    String reason = cause == null ? "" : ": " + cause;
    String resume =
        resumeFrom.isEmpty()
            ? " No node completed; repeat the run to try again."
            : " Resume the run from the nearest nodes with persisted inputs with --from-nodes \""
                + String.join(",", resumeFrom)
                + "\" (Pipeline.fromNodes).";
    return "Node '" + nodeName + "' failed" + reason + "." + resume;
  }

  /**
   * Returns the name of the node that failed.
   *
   * @return the node's name
   */
  public String nodeName() {
    return nodeName;
  }

  /**
   * Returns Kedro's resume suggestion: the nodes from which a new run covers every node that has
   * not run, starting as close to the failure as persisted data allows.
   *
   * @return the node names, sorted; empty when no node had completed; unmodifiable
   */
  public List<String> resumeFromNodes() {
    return resumeFromNodes;
  }
}
