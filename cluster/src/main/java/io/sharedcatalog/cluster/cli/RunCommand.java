package io.sharedcatalog.cluster.cli;

import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.cluster.ClusterBootstrap;
import io.sharedcatalog.cluster.cli.PipelineExecution.RunnerKind;
import io.sharedcatalog.cluster.cli.internal.Params;
import io.sharedcatalog.cluster.cli.internal.Progress;
import io.sharedcatalog.cluster.cli.internal.viz.LocalRunStates;
import io.sharedcatalog.cluster.cli.internal.viz.VizServer;
import io.sharedcatalog.pipeline.Pipeline;
import io.sharedcatalog.pipeline.PipelineException;
import io.sharedcatalog.pipeline.PipelineRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code run}: runs a registered pipeline against a catalog file, on an embedded private member or,
 * with {@code --address}, as a client of a running cluster.
 *
 * <p>This class is not thread-safe.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs a registered pipeline.",
      "Without --address it starts an embedded member of a private cluster (a generated name on"
          + " a free 127.0.0.1 port, unless --cluster-name is given); with --address it joins"
          + " that cluster as a client. A parameters.yml beside the catalog file is read;"
          + " --params override it; nodes read them as params:KEY inputs."
    })
final class RunCommand implements Callable<Integer> {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RunCommand.class);
  private static final Pattern ADDRESS = Pattern.compile("[^\\s:]+:\\d{1,5}");

  @Spec CommandSpec spec;

  @Option(
      names = "--pipeline",
      paramLabel = "NAME",
      required = true,
      description = "The registered pipeline to run.")
  String pipelineName;

  @Option(
      names = "--catalog",
      paramLabel = "FILE",
      description = "The catalog.yml (parameters.yml and credentials.yml beside it are read too).")
  Path catalogFile;

  @Option(
      names = "--params",
      paramLabel = "KEY=VALUE",
      converter = ParamConverter.class,
      description =
          "Override a parameter (repeatable). Values are typed: true/false, integers, decimals,"
              + " else strings; a dotted key sets a nested one (model_options.test_size=0.3).")
  List<Params.Param> params = new ArrayList<>();

  @Option(
      names = "--runner",
      paramLabel = "RUNNER",
      converter = PipelineExecution.RunnerKindConverter.class,
      defaultValue = "parallel",
      description = "sequential, thread or parallel (default: ${DEFAULT-VALUE}).")
  RunnerKind runner;

  @Option(
      names = "--workers",
      paramLabel = "N",
      description =
          "Workers in this JVM (default: the number of cores when embedded, 0 with --address).")
  Integer workers;

  @Option(
      names = "--catalog-name",
      paramLabel = "NAME",
      description = "The shared catalog's name (default: the pipeline's name).")
  String catalogName;

  @Option(
      names = "--cluster-name",
      paramLabel = "NAME",
      description = "Cluster name (default: a private generated one when embedded).")
  String clusterName;

  @Option(
      names = "--address",
      paramLabel = "HOST:PORT",
      description = "A member to connect to as a client (repeatable).")
  List<String> addresses = new ArrayList<>();

  @Option(
      names = "--only-missing-outputs",
      description = "Skip nodes whose outputs all exist already.")
  boolean onlyMissingOutputs;

  @Option(
      names = "--from-nodes",
      paramLabel = "A,B",
      split = ",",
      description = "Run only these nodes and everything downstream of them.")
  List<String> fromNodes = new ArrayList<>();

  @Option(
      names = "--viz",
      description =
          "Serve the pipeline as a picture on 127.0.0.1 while it runs, nodes coloured by state;"
              + " prints the page's address.")
  boolean viz;

  @Option(
      names = "--viz-port",
      paramLabel = "PORT",
      defaultValue = "0",
      description = "The --viz page's port (default: any free one).")
  int vizPort;

  @Override
  public Integer call() throws IOException {
    validate();
    Pipeline pipeline = findPipeline(pipelineName);
    if (!fromNodes.isEmpty()) {
      pipeline = pipeline.fromNodes(fromNodes.toArray(String[]::new));
    }
    Map<String, Object> catalogConfig = Map.of();
    Map<String, Object> credentials = Map.of();
    Map<String, Object> fileParameters = Map.of();
    if (catalogFile != null) {
      catalogConfig = readYaml(catalogFile, "catalog");
      catalogConfig.keySet().removeIf(key -> key.startsWith("_"));
      Path credentialsFile = CatalogOptions.credentialsBeside(catalogFile);
      if (credentialsFile != null) {
        credentials = readYaml(credentialsFile, "credentials");
      }
      Path parametersFile = catalogFile.toAbsolutePath().resolveSibling("parameters.yml");
      if (Files.isRegularFile(parametersFile)) {
        fileParameters = readYaml(parametersFile, "parameters");
      }
    }
    Map<String, Object> parameters = Params.merge(fileParameters, params);
    boolean embedded = addresses.isEmpty();
    int localWorkers =
        workers != null ? workers : embedded ? Runtime.getRuntime().availableProcessors() : 0;

    HazelcastInstance hz = embedded ? startEmbedded(clusterName) : connect();
    if (embedded) {
      log.info(
          "Embedded member {} of cluster '{}' started",
          Clusters.address(hz),
          hz.getConfig().getClusterName());
    }
    PrintWriter out = spec.commandLine().getOut();
    LocalRunStates vizStates = viz ? new LocalRunStates() : null;
    VizServer vizServer = null;
    try {
      if (viz) {
        vizServer =
            VizCommand.serve(
                VizCommand.graph(pipelineName, pipeline, catalogFile),
                vizStates,
                vizPort,
                "--viz-port");
        out.println("Viz of this run at " + vizServer.address());
        out.flush();
      }
      PipelineExecution.Report report =
          new PipelineExecution(
                  hz,
                  catalogName != null ? catalogName : pipelineName,
                  catalogConfig,
                  credentials,
                  parameters)
              .observedBy(vizStates)
              .run(pipeline, runner, localWorkers, onlyMissingOutputs, Progress.terminalOrNull());
      printOutputs(out, report);
      PipelineExecution.printSummary(out, report);
    } finally {
      hz.shutdown();
      if (vizServer != null) {
        keepVizOpenOnATerminal(out, vizServer);
        vizServer.close();
      }
    }
    return ExitCodes.OK;
  }

  /** On a terminal, leaves the finished run's page up until Enter; elsewhere closes it at once. */
  private static void keepVizOpenOnATerminal(PrintWriter out, VizServer vizServer) {
    java.io.Console console = System.console();
    if (console == null) {
      return;
    }
    out.println("The run is over; its viz stays at " + vizServer.address() + " until Enter.");
    out.flush();
    console.readLine();
  }

  private void validate() {
    if (workers != null && workers < 0) {
      throw new ParameterException(
          spec.commandLine(), "--workers must be 0 or more but was " + workers);
    }
    if (vizPort < 0 || vizPort > 65535) {
      throw new ParameterException(
          spec.commandLine(), "--viz-port must be in 0..65535 but was " + vizPort);
    }
    validateAddresses(spec, addresses);
  }

  /** Checks that each {@code --address} is {@code HOST:PORT}. */
  static void validateAddresses(CommandSpec spec, List<String> addresses) {
    for (String address : addresses) {
      if (!ADDRESS.matcher(address).matches()
          || !PortConverter.isPort(address.substring(address.lastIndexOf(':') + 1))) {
        throw new ParameterException(
            spec.commandLine(),
            "--address '"
                + address
                + "' is not HOST:PORT with a port from 1 to 65535, for example 127.0.0.1:5701");
      }
    }
  }

  private HazelcastInstance connect() {
    return Clusters.startClient(
        Clusters.clientConfig(
            ClusterBootstrap.client().clusterName(clusterName).addresses(addresses)));
  }

  /** Starts the embedded member of {@code run} and {@code demo}. */
  static HazelcastInstance startEmbedded(String clusterName) {
    return Clusters.startMember(Clusters.embeddedMemberConfig(clusterName));
  }

  private static void printOutputs(PrintWriter out, PipelineExecution.Report report) {
    for (String output : report.result().outputs().keySet()) {
      Object value;
      try {
        value = report.catalog().load(output);
      } catch (RuntimeException e) {
        out.printf("%s: %s%n", output, report.result().outputs().get(output));
        continue;
      }
      out.printf("%s = %s%n", output, summarise(value));
    }
  }

  /** A value in one short line: collections by size, other values by their text. */
  static String summarise(Object value) {
    if (value instanceof Collection<?> collection) {
      return value.getClass().getSimpleName() + " of " + collection.size() + " items";
    }
    if (value instanceof Map<?, ?> map) {
      return value.getClass().getSimpleName() + " of " + map.size() + " entries";
    }
    if (value != null && value.getClass().isArray()) {
      return value.getClass().getComponentType().getSimpleName()
          + "["
          + java.lang.reflect.Array.getLength(value)
          + "]";
    }
    String text = String.valueOf(value).replaceAll("\\s*\\R\\s*", " ");
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }

  /**
   * Finds a registered pipeline.
   *
   * @throws CliException if none has that name; the message lists the registered ones
   */
  static Pipeline findPipeline(String name) {
    try {
      return PipelineRegistry.find(name);
    } catch (PipelineException e) {
      throw new CliException(ExitCodes.BAD_INPUT, e.getMessage(), e);
    }
  }

  /**
   * Reads a YAML mapping file.
   *
   * @throws CliException if it cannot be read or parsed
   */
  static Map<String, Object> readYaml(Path file, String what) {
    CatalogOptions.requireReadable(file, what);
    try {
      return new LinkedHashMap<>(Yaml.loadMap(Files.readString(file), file.toString()));
    } catch (IOException | RuntimeException e) {
      throw new CliException(
          ExitCodes.BAD_INPUT,
          "Cannot read the " + what + " file " + file + ": " + Failures.oneLine(e),
          e);
    }
  }

  /** Converts {@code --params KEY=VALUE}. */
  static final class ParamConverter implements picocli.CommandLine.ITypeConverter<Params.Param> {
    @Override
    public Params.Param convert(String value) {
      try {
        return Params.parse(value);
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
