package io.sharedcatalog.runner;

import io.sharedcatalog.pipeline.Node;
import io.sharedcatalog.runner.internal.AbstractRunner;
import io.sharedcatalog.runner.internal.NodeExecution;
import io.sharedcatalog.runner.internal.RunPlan;
import java.util.List;

/**
 * Runs nodes one after another, in the calling thread, in the order of {@link
 * io.sharedcatalog.pipeline.Pipeline#nodes()}, Kedro's {@code SequentialRunner}. See {@link Runner}
 * for the behaviour every runner shares.
 *
 * <p>This class is thread-safe: it holds no state, so one instance can run several pipelines at
 * once from different threads.
 */
public final class SequentialRunner extends AbstractRunner {

  /** Creates the runner. */
  public SequentialRunner() {}

  @Override
  protected void execute(RunPlan plan) {
    while (true) {
      List<Node> next = plan.startReadyNodes(1);
      if (next.isEmpty()) {
        return;
      }
      Node node = next.get(0);
      try {
        NodeExecution.run(node, plan.catalog());
      } catch (Exception | Error e) {
        plan.nodeFailed(node.name(), e);
        return;
      }
      plan.nodeCompleted(node.name());
    }
  }

  @Override
  public String toString() {
    return "SequentialRunner";
  }
}
