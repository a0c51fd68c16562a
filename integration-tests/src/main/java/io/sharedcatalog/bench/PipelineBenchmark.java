package io.sharedcatalog.bench;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline benchmark (issue 13 item 6): runs the {@link BenchPipelines} as users run them, in
 * separate JVMs (two {@code member} processes of the command line, two {@code worker} processes
 * with this module's classes on {@code -cp}, and a {@link PipelineBenchDriver} JVM per scenario),
 * and prints one table:
 *
 * <ul>
 *   <li>fan-200 milliseconds per node (run wall time over its 202 nodes, median of {@code
 *       --repeats} runs after 200 warm-up runs in the same driver JVM, {@code -Dbench.warmUps}) for
 *       {@code sequential} and {@code thread} (2 threads) on a catalog connected to the members,
 *       {@code sequential} and {@code parallel} (2 local workers) on an embedded member (the
 *       command line's default), {@code parallel} with the 2 remote workers and no local worker,
 *       and Kedro's mechanism ({@code python3 kedro_parallel_mechanism.py fan 200 2}, looked for at
 *       {@code ../shared/anchors/} from the repository root unless {@code --kedro-script PATH} is
 *       given);
 *   <li>a 256 MiB produce→consume run on the remote workers: wall time over the sum of the nodes'
 *       times, and the driver's heap after GC;
 *   <li>a chain of 4 nodes passing 64 MiB each on the 2 workers: the bytes each process read and
 *       wrote through system calls during the run ({@code rchar}/{@code wchar} of {@code
 *       /proc/PID/io}; loopback sockets are nearly all of it).
 * </ul>
 *
 * <p>Run it with {@code integration-tests/pipeline-bench.sh [--repeats N] [--kedro-script PATH]
 * [--only SCENARIO,...]}; {@code --only} runs just the named scenarios of {@code kedro}, {@code
 * embedded}, {@code fan-local}, {@code plain-remote}, {@code fan-remote}, {@code big} and {@code
 * chain}.
 *
 * <p>This class is not thread-safe (it is a program).
 */
public final class PipelineBenchmark {
  private static final String FLAGS =
      "--add-modules java.se --add-exports java.base/jdk.internal.ref=ALL-UNNAMED"
          + " --add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/java.nio=ALL-UNNAMED"
          + " --add-opens java.base/sun.nio.ch=ALL-UNNAMED"
          + " --add-opens java.management/sun.management=ALL-UNNAMED"
          + " --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED";

  private final List<Process> processes = new ArrayList<>();
  private final Map<String, Long> pids = new LinkedHashMap<>();
  private final Map<String, String[]> results = new LinkedHashMap<>();
  private final Path logs;
  private final String clusterName = "pipeline-bench-" + ProcessHandle.current().pid();
  private final int repeats;
  private final Set<String> only;

  private PipelineBenchmark(Path logs, int repeats, Set<String> only) {
    this.logs = logs;
    this.repeats = repeats;
    this.only = only;
  }

  /** Runs the benchmark; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    int repeats = 3;
    Set<String> only = new HashSet<>();
    Path kedro = Path.of("..", "..", "shared", "anchors", "kedro_parallel_mechanism.py");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--repeats" -> repeats = Integer.parseInt(args[++i]);
        case "--kedro-script" -> kedro = Path.of(args[++i]);
        case "--only" -> only.addAll(List.of(args[++i].split(",")));
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    Path logs = Files.createTempDirectory("pipeline-bench");
    PipelineBenchmark bench = new PipelineBenchmark(logs, repeats, only);
    Runtime.getRuntime().addShutdownHook(new Thread(bench::close));
    try {
      bench.run(kedro);
    } finally {
      bench.close();
    }
  }

  private void run(Path kedro) throws Exception {
    System.out.println("logs: " + logs);
    String kedroFigure = selected("kedro") ? kedro(kedro) : "not run (--only)";
    driver("embedded", List.of("embedded", Integer.toString(repeats)));
    int[] ports = {BenchMember.freePort(), BenchMember.freePort()};
    String first = "127.0.0.1:" + ports[0];
    Path config = memberConfig(ports);
    for (int i = 0; i < 2; i++) {
      start(
          "member" + (i + 1),
          List.of(
              "-Xmx2g",
              "-jar",
              jar(),
              "member",
              "--config",
              config.toString(),
              "--cluster-name",
              clusterName,
              "--port",
              Integer.toString(ports[i])));
    }
    awaitMembers(first, 2);
    driver("fan-local", withPids(client(first, "fan-local")));
    if (selected("plain-remote")) {
      List<Process> plain =
          startTwo(
              "plain-worker",
              "plain worker connected",
              List.of(PlainFanWorker.class.getName(), clusterName, first, "2"));
      driver("plain-remote", withPids(client(first, "plain-remote")));
      stop(plain);
      processes.removeAll(plain);
      pids.keySet().removeIf(name -> name.startsWith("plain-worker"));
    }
    startTwo(
        "worker",
        "connected to cluster",
        List.of(
            "io.sharedcatalog.cluster.cli.Main",
            "worker",
            "--cluster-name",
            clusterName,
            "--address",
            first));
    driver("fan-remote", withPids(client(first, "fan-remote")));
    driver("big", client(first, "big"));
    driver("chain", withPids(client(first, "chain")));
    print(kedroFigure);
  }

  private void print(String kedroFigure) {
    System.out.println();
    System.out.printf("fan-200, ms per node (median of %d; all runs)%n", repeats);
    row("sequential, connected catalog (client of 2 members)", "client_sequential");
    row("  plain IMap, the same calls (get, set; gets; deletes)", "plain_sequential");
    row("thread (2), connected catalog", "client_thread");
    row("sequential, embedded member", "embedded_sequential");
    row("parallel, embedded member, 2 local workers", "embedded_parallel");
    row("parallel, 2 remote workers (2 threads each)", "remote_parallel");
    row("  plain Hazelcast, the same work (queues, get, set)", "plain_remote");
    System.out.printf("  %-52s %s%n", "Kedro's mechanism (process pool, 2 workers)", kedroFigure);
    System.out.println("fan-200, CPU ms per node by process (the measured runs)");
    for (Map.Entry<String, String[]> r : results.entrySet()) {
      if (r.getKey().startsWith("cpu_")) {
        System.out.printf("  %-52s %s%n", r.getKey().substring(4), r.getValue()[0]);
      }
    }
    System.out.println("256 MiB produce -> consume on the remote workers");
    row("run wall ms", "big_wall_ms");
    row("run wall / sum of node times", "big_ratio");
    row("driver heap after GC, peak MiB", "big_driver_heap_mib");
    System.out.println("4 x 64 MiB chain on 2 workers: MiB read / written per process");
    for (Map.Entry<String, String[]> r : results.entrySet()) {
      if (r.getKey().startsWith("chain_io_")) {
        System.out.printf(
            "  %-52s %s / %s%n", r.getKey().substring(9), r.getValue()[0], r.getValue()[1]);
      }
    }
    row("chain wall ms", "chain_wall_ms");
  }

  private void row(String label, String key) {
    String[] values = results.get(key);
    if (values == null) {
      System.out.printf("  %-52s (not measured)%n", label);
      return;
    }
    String all =
        values.length > 1
            ? " (" + String.join(", ", List.of(values).subList(1, values.length)) + ")"
            : "";
    System.out.printf("  %-52s %s%s%n", label, values[0], all);
  }

  /**
   * Starts two JVMs named {@code prefix1} and {@code prefix2} with this class path and {@code
   * mainAndArgs}, and waits until each logged {@code ready}.
   */
  private List<Process> startTwo(String prefix, String ready, List<String> mainAndArgs)
      throws Exception {
    List<Process> started = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      String name = prefix + (i + 1);
      List<String> args =
          new ArrayList<>(List.of("-Xmx2g", "-cp", System.getProperty("java.class.path")));
      args.addAll(mainAndArgs);
      started.add(start(name, args));
      awaitLog(name, ready);
    }
    return started;
  }

  /** The driver's arguments followed by the processes started so far, {@code name=pid,...}. */
  private List<String> withPids(List<String> args) {
    List<String> all = new ArrayList<>(args);
    StringBuilder pidList = new StringBuilder();
    pids.forEach((k, v) -> pidList.append(pidList.length() == 0 ? "" : ",").append(k + "=" + v));
    all.add(pidList.toString());
    return all;
  }

  private List<String> client(String address, String scenario) {
    return List.of("client", clusterName, address, scenario, Integer.toString(repeats));
  }

  private boolean selected(String scenario) {
    return only.isEmpty() || only.contains(scenario);
  }

  private void driver(String name, List<String> args) throws Exception {
    if (!selected(name)) {
      return;
    }
    List<String> command = new ArrayList<>(javaCommand());
    command.add("-Xmx2g");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(PipelineBenchDriver.class.getName());
    command.addAll(args);
    Path log = logs.resolve("driver-" + name + ".log");
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
            .start();
    processes.add(process);
    if (!process.waitFor(20, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new IllegalStateException("driver " + name + " failed; see " + log);
    }
    for (String line : Files.readAllLines(log)) {
      if (line.startsWith("RESULT ")) {
        String[] parts = line.split(" ");
        results.put(parts[1], List.of(parts).subList(2, parts.length).toArray(String[]::new));
      } else if (line.startsWith("big run") || line.startsWith("chain nodes")) {
        System.out.println("  " + line);
      }
    }
    System.out.println("done: " + name);
  }

  private String kedro(Path script) throws Exception {
    if (!Files.isRegularFile(script)) {
      return "absent: no " + script.toAbsolutePath().normalize();
    }
    Process process =
        new ProcessBuilder("python3", script.toString(), "fan", "200", "2")
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor();
    for (String token : output.split("\\s+")) {
      if (token.startsWith("ms_per_node=")) {
        return token.substring("ms_per_node=".length());
      }
    }
    return "failed: " + output.trim();
  }

  private Process start(String name, List<String> args) throws IOException {
    List<String> command = new ArrayList<>(javaCommand());
    command.addAll(args);
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(logs.resolve(name + ".log").toFile()))
            .start();
    processes.add(process);
    pids.put(name, process.pid());
    return process;
  }

  private static List<String> javaCommand() {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(FLAGS.split(" ")));
    command.add("-Dhazelcast.phone.home.enabled=false");
    command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    command.add("-Dbench.warmUps=" + PipelineBenchDriver.WARM_UPS);
    return command;
  }

  private static String jar() {
    for (String entry : System.getProperty("java.class.path").split(":")) {
      if (entry.endsWith("sharedcatalog.jar")) {
        return entry;
      }
    }
    throw new IllegalStateException("sharedcatalog.jar is not on the class path");
  }

  private Path memberConfig(int[] ports) throws IOException {
    String yaml =
        String.join(
            "\n",
            "hazelcast:",
            "  cluster-name: " + clusterName,
            "  properties:",
            "    hazelcast.phone.home.enabled: false",
            "    hazelcast.logging.type: slf4j",
            "    hazelcast.socket.bind.any: false",
            "  network:",
            "    public-address: 127.0.0.1",
            "    port:",
            "      port: " + ports[0],
            "      auto-increment: false",
            "    join:",
            "      auto-detection:",
            "        enabled: false",
            "      multicast:",
            "        enabled: false",
            "      tcp-ip:",
            "        enabled: true",
            "        member-list:",
            "          - 127.0.0.1:" + ports[0],
            "          - 127.0.0.1:" + ports[1],
            "    interfaces:",
            "      enabled: true",
            "      interfaces:",
            "        - 127.0.0.1",
            "  map:",
            "    default:",
            "      backup-count: 1",
            "    sharedcatalog.*:",
            "      backup-count: 1",
            "");
    Path file = logs.resolve("member.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private void awaitMembers(String address, int count) throws InterruptedException {
    ClientConfig config = new ClientConfig();
    config.setClusterName(clusterName);
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.getNetworkConfig().addAddress(address);
    config
        .getConnectionStrategyConfig()
        .getConnectionRetryConfig()
        .setClusterConnectTimeoutMillis(60_000);
    HazelcastInstance probe = HazelcastClient.newHazelcastClient(config);
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (probe.getCluster().getMembers().size() < count) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the members did not form a cluster; see " + logs);
        }
        TimeUnit.MILLISECONDS.sleep(50);
      }
    } finally {
      probe.shutdown();
    }
  }

  private void awaitLog(String name, String text) throws Exception {
    Path log = logs.resolve(name + ".log");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (Files.exists(log) && Files.readString(log).contains(text)) {
        return;
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
    throw new IllegalStateException(name + " did not start; see " + log);
  }

  private synchronized void close() {
    stop(processes);
    processes.clear();
  }

  /** Stops the processes: each is asked to end (SIGTERM), and killed if it has not in 10 s. */
  private static void stop(List<Process> stopping) {
    for (Process process : stopping) {
      process.destroy();
    }
    for (Process process : stopping) {
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
