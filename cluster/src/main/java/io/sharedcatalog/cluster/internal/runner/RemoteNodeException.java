package io.sharedcatalog.cluster.internal.runner;

/**
 * A node failed on a worker in another JVM: the exception itself stayed there, so this carries its
 * class and message ({@code "class: message"}) and the worker's id.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class RemoteNodeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String workerId;

  RemoteNodeException(String nodeName, String workerId, String error) {
    super("Node '" + nodeName + "' failed on worker " + workerId + " with " + error);
    this.workerId = workerId;
  }

  /** The worker the node failed on. */
  public String workerId() {
    return workerId;
  }
}
