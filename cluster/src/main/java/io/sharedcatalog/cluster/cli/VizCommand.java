package io.sharedcatalog.cluster.cli;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent.LifecycleState;
import io.sharedcatalog.catalog.CatalogConfigResolver;
import io.sharedcatalog.cluster.ClusterBootstrap;
import io.sharedcatalog.cluster.NodeEvent;
import io.sharedcatalog.cluster.cli.internal.viz.LocalRunStates;
import io.sharedcatalog.cluster.cli.internal.viz.PipelineGraph;
import io.sharedcatalog.cluster.cli.internal.viz.RunStateSource;
import io.sharedcatalog.cluster.cli.internal.viz.TaskTableRunStates;
import io.sharedcatalog.cluster.cli.internal.viz.VizServer;
import io.sharedcatalog.pipeline.Pipeline;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code viz}: serves a page on 127.0.0.1 that draws a registered pipeline as Kedro-Viz does, and,
 * connected to a cluster, colours its nodes by the state of the pipeline's runs there.
 *
 * <p>This class is not thread-safe.
 */
@Command(
    name = "viz",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Serves the pipeline as a picture on 127.0.0.1 until stopped (Ctrl+C).",
      "Nodes and datasets as a graph laid out left to right, with the dataset types from"
          + " --catalog and the parameters grouped. With --address (or --cluster-name or"
          + " --client-config) it follows the pipeline's runs on that cluster: nodes coloured by"
          + " state, with their times and workers. The page refreshes itself every second."
    })
final class VizCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--pipeline",
      paramLabel = "NAME",
      required = true,
      description = "The registered pipeline to draw.")
  String pipelineName;

  @Option(
      names = "--catalog",
      paramLabel = "FILE",
      description = "The catalog.yml giving the datasets' types (default: all shared in memory).")
  Path catalogFile;

  @Option(
      names = "--address",
      paramLabel = "HOST:PORT",
      description = "A member of the cluster whose runs to follow (repeatable).")
  List<String> addresses = new ArrayList<>();

  @Option(
      names = "--cluster-name",
      paramLabel = "NAME",
      description = "The cluster's name, overriding the client config's.")
  String clusterName;

  @Option(
      names = "--client-config",
      paramLabel = "FILE",
      description = "Hazelcast client config (.yaml or .xml) of the cluster to follow.")
  Path clientConfig;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "4141",
      description = "The page's port on 127.0.0.1, 0 for any free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Override
  public Integer call() throws InterruptedException {
    RunCommand.validateAddresses(spec, addresses);
    if (port < 0 || port > 65535) {
      throw new ParameterException(
          spec.commandLine(), "--port must be in 0..65535 but was " + port);
    }
    Pipeline pipeline = RunCommand.findPipeline(pipelineName);
    PipelineGraph graph = graph(pipelineName, pipeline, catalogFile);
    boolean follow = !addresses.isEmpty() || clusterName != null || clientConfig != null;
    HazelcastInstance client = null;
    TaskTableRunStates cluster = null;
    if (follow) {
      client =
          Clusters.startClient(
              Clusters.clientConfig(
                  ClusterBootstrap.client()
                      .config(clientConfig)
                      .clusterName(clusterName)
                      .addresses(addresses)));
      cluster = new TaskTableRunStates(client, pipelineName);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    try (VizServer server =
        serve(graph, cluster == null ? RunStateSource.none() : cluster, port, "--port")) {
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          "Viz of pipeline '%s' at %s%s. Stop it with Ctrl+C.%n",
          pipelineName,
          server.address(),
          client == null
              ? " (the pipeline only: give --address to follow its runs)"
              : " following its runs on cluster '" + client.getConfig().getClusterName() + "'");
      out.flush();
      if (client != null) {
        client
            .getLifecycleService()
            .addLifecycleListener(
                event -> {
                  if (event.getState() == LifecycleState.SHUTDOWN) {
                    stopped.countDown();
                  }
                });
      }
      stopped.await();
    } finally {
      if (cluster != null) {
        cluster.close();
      }
      if (client != null) {
        client.shutdown();
      }
    }
    return ExitCodes.OK;
  }

  /**
   * Starts the viz server.
   *
   * @param portOption the option that gave the port, named in the error
   * @throws CliException if the port cannot be bound
   */
  static VizServer serve(PipelineGraph graph, RunStateSource states, int port, String portOption) {
    try {
      return VizServer.start(graph, states, port);
    } catch (UncheckedIOException e) {
      throw new CliException(
          ExitCodes.BAD_INPUT,
          e.getMessage() + "; stop what listens there or choose another port with " + portOption,
          e);
    }
  }

  /** The pipeline's graph, with the dataset types of the catalog file (if one is given). */
  static PipelineGraph graph(String pipelineName, Pipeline pipeline, Path catalogFile) {
    Map<String, String> types = new LinkedHashMap<>();
    if (catalogFile != null) {
      CatalogConfigResolver resolver = CatalogOptions.readCatalog(catalogFile).configResolver();
      for (CatalogOptions.Entry entry :
          CatalogOptions.classify(resolver, CatalogOptions.namesWith(resolver, pipeline))) {
        types.put(entry.name(), entry.type());
      }
    }
    return PipelineGraph.of(pipelineName, pipeline, types, CatalogOptions.DEFAULT_TYPE);
  }

  /** Feeds a parallel run's events to the viz states of {@code run --viz}. */
  static Consumer<NodeEvent> listener(LocalRunStates states) {
    return event -> {
      switch (event.kind()) {
        case STARTED ->
            states.started(
                event.runId(),
                event.nodeName(),
                event.attempt(),
                event.workerId(),
                event.time().toEpochMilli());
        case FINISHED ->
            states.finished(
                event.nodeName(), event.attempt(), event.workerId(), event.duration().toMillis());
        case FAILED ->
            states.failed(
                event.nodeName(),
                event.attempt(),
                event.workerId(),
                event.duration().toMillis(),
                event.error());
        case LEASE_EXPIRED ->
            states.takenBack(event.nodeName(), event.attempt() + 1, event.workerId());
      }
    };
  }
}
