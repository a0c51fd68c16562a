package io.sharedcatalog.cluster.cli;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent.LifecycleState;
import io.sharedcatalog.cluster.ClusterBootstrap;
import io.sharedcatalog.cluster.Worker;
import io.sharedcatalog.cluster.WorkerOptions;
import io.sharedcatalog.pipeline.Pipeline;
import io.sharedcatalog.pipeline.PipelineRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code worker}: connects to the cluster as a client and runs nodes of the cluster's parallel runs
 * until stopped.
 *
 * <p>This class is not thread-safe.
 */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description = {
      "Runs nodes of the cluster's parallel runs until stopped (Ctrl+C).",
      "It connects as a Hazelcast client and finds pipelines by name through the"
          + " PipelineRegistry implementations on its class path."
    })
final class WorkerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--client-config",
      paramLabel = "FILE",
      description =
          "Hazelcast client config (.yaml or .xml). Default: -Dhazelcast.client.config, else the"
              + " packaged hazelcast-client.yaml (127.0.0.1:5701).")
  Path clientConfig;

  @Option(
      names = "--cluster-name",
      paramLabel = "NAME",
      description = "Cluster name, overriding the config's.")
  String clusterName;

  @Option(
      names = "--address",
      paramLabel = "HOST:PORT",
      description = "A member to connect to (repeatable), overriding the config's.")
  List<String> addresses = new ArrayList<>();

  @Override
  public Integer call() throws InterruptedException {
    RunCommand.validateAddresses(spec, addresses);
    Map<String, Pipeline> pipelines = PipelineRegistry.all();
    if (pipelines.isEmpty()) {
      throw new CliException(
          ExitCodes.BAD_INPUT,
          "No pipeline is registered on the class path, so this worker could run nothing; add a"
              + " jar with a PipelineRegistry to -cp");
    }
    HazelcastInstance client =
        Clusters.startClient(
            Clusters.clientConfig(
                ClusterBootstrap.client()
                    .config(clientConfig)
                    .clusterName(clusterName)
                    .addresses(addresses)));
    CountDownLatch stopped = new CountDownLatch(1);
    client
        .getLifecycleService()
        .addLifecycleListener(
            event -> {
              if (event.getState() == LifecycleState.SHUTDOWN) {
                stopped.countDown();
              }
            });
    Worker worker =
        Worker.start(
            client,
            WorkerOptions.builder()
                .pipelines(pipelines)
                .threads(Runtime.getRuntime().availableProcessors())
                .build());
    // Ctrl+C: hand running nodes back to their runs at once instead of waiting for the lease.
    Thread hook = new Thread(() -> closeQuietly(worker), "sharedcatalog-worker-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "Worker %s connected to cluster '%s'; pipelines: %s. Stop it with Ctrl+C.%n",
        worker.id(), client.getConfig().getClusterName(), String.join(", ", pipelines.keySet()));
    out.flush();
    try {
      if (client.getLifecycleService().isRunning()) {
        stopped.await();
      }
    } finally {
      worker.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is exiting: the hook runs anyway
      }
    }
    return ExitCodes.OK;
  }

  private static void closeQuietly(Worker worker) {
    try {
      worker.close();
    } catch (RuntimeException clientAlreadyDown) {
      // Hazelcast's own shutdown hook may have stopped the client first: the leases expire instead
    }
  }
}
