package io.sharedcatalog.bench;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.cluster.SharedMemoryDataCatalog;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Measures the dataset handoff that issue 7 is about: one process saves a value, another loads it,
 * through the shared catalog and through a plain {@code IMap} on the same cluster, and prints the
 * medians and their ratio.
 *
 * <p>Layout: two data members forked as JVMs of their own ({@link BenchMember}, {@code -Xmx2g}
 * each, so their heap can be measured), and in this JVM two clients and one lite member (a member
 * that owns no partitions: the "member" side of member→client, like a pipeline process embedding
 * Hazelcast). Payloads are random (so compression cannot flatter) and each save carries a new stamp
 * checked on load (so a stale cache cannot flatter).
 *
 * <p>Run it with {@code integration-tests/bench.sh} (see there). Options: {@code --members N} (data
 * members, default 2), {@code --quick} (fewer iterations), {@code --gigabyte} (also save and load a
 * 1 GiB value; give this JVM {@code -Xmx6g}).
 *
 * <p>This class is not thread-safe (it is a program).
 */
public final class HandoffBenchmark {
  private static final PrintStream out = System.out;

  /**
   * A row of the 50k-row payload.
   *
   * <p>This class is immutable and thread-safe.
   */
  public record Row(int id, double value, String name) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  final List<Process> members = new ArrayList<>();
  final List<HazelcastInstance> instances = new ArrayList<>();
  private final String clusterName = "bench-" + UUID.randomUUID().toString().substring(0, 8);
  private String firstAddress;
  final Random random = new Random(42);
  final boolean quick;
  private List<String> onlyPayloads;
  private boolean noInJvm;
  private boolean extras = true;

  private HandoffBenchmark(boolean quick) {
    this.quick = quick;
  }

  /** Runs the benchmark; see the class documentation for the options. */
  public static void main(String[] args) throws Exception {
    List<String> options = Arrays.asList(args);
    int memberCount = 2;
    int at = options.indexOf("--members");
    if (at >= 0) {
      memberCount = Integer.parseInt(options.get(at + 1));
    }
    HandoffBenchmark bench = new HandoffBenchmark(options.contains("--quick"));
    int only = options.indexOf("--payloads");
    if (only >= 0) {
      bench.onlyPayloads = Arrays.asList(options.get(only + 1).split(","));
    }
    bench.extras = !options.contains("--no-extras");
    bench.noInJvm = options.contains("--no-injvm");
    try {
      bench.run(memberCount, options.contains("--gigabyte"));
    } finally {
      bench.close();
    }
    System.exit(0);
  }

  // ------------------------------------------------------------------ the paths measured

  /** One way of handing a value from one process to another. */
  interface Path2 {
    void save(String name, Object value);

    Object load(String name);
  }

  /**
   * Whether the catalog path works on this branch, tried on a throwaway client (a failure deep in
   * the catalog, such as a stack overflow, could leave a client's connection unusable).
   */
  private String catalogProblem() {
    HazelcastInstance probe = HazelcastClient.newHazelcastClient(clientConfig());
    try {
      SharedMemoryDataCatalog catalog = SharedMemoryDataCatalog.connect(probe, "handoff");
      catalog.get("probe", true);
      catalog.save("probe", new byte[] {1});
      catalog.load("probe");
      return null;
    } catch (RuntimeException | StackOverflowError e) {
      return e.toString();
    } finally {
      probe.getLifecycleService().terminate();
    }
  }

  // ------------------------------------------------------------------ payloads

  /** A payload: a value to hand off, re-stamped before each save and checked after each load. */
  interface Payload {
    String label();

    Object stamped(int stamp);

    void check(Object loaded, int stamp);

    int iterations();
  }

  Payload bytes(String label, int size, int iterations) {
    byte[] value = new byte[size];
    random.nextBytes(value);
    return new Payload() {
      @Override
      public String label() {
        return label;
      }

      @Override
      public Object stamped(int stamp) {
        ByteBuffer.wrap(value).putInt(0, stamp);
        return value;
      }

      @Override
      public void check(Object loaded, int stamp) {
        byte[] got = (byte[]) loaded;
        if (got.length != size || ByteBuffer.wrap(got).getInt(0) != stamp) {
          throw new IllegalStateException(label + ": loaded a stale or wrong value");
        }
      }

      @Override
      public int iterations() {
        return iterations;
      }
    };
  }

  private Payload rows(int count, int iterations) {
    List<Row> rows = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      rows.add(new Row(i, random.nextDouble(), "name-" + Long.toString(random.nextLong(), 36)));
    }
    return new Payload() {
      @Override
      public String label() {
        return (count / 1000) + "k rows";
      }

      @Override
      public Object stamped(int stamp) {
        rows.set(0, new Row(stamp, 0.5, "stamp"));
        return rows;
      }

      @Override
      public void check(Object loaded, int stamp) {
        @SuppressWarnings("unchecked")
        List<Row> got = (List<Row>) loaded;
        if (got.size() != count
            || got.get(0).id() != stamp
            || !got.get(count - 1).equals(rows.get(count - 1))) {
          throw new IllegalStateException("rows: loaded a stale or wrong value");
        }
      }

      @Override
      public int iterations() {
        return iterations;
      }
    };
  }

  // ------------------------------------------------------------------ the run

  private void run(int memberCount, boolean gigabyte) throws Exception {
    long started = System.nanoTime();
    startMembers(memberCount);
    HazelcastInstance clientA = HazelcastClient.newHazelcastClient(clientConfig());
    instances.add(clientA);
    HazelcastInstance clientB = HazelcastClient.newHazelcastClient(clientConfig());
    instances.add(clientB);
    Config liteConfig = BenchMember.memberConfig(clusterName, BenchMember.freePort(), firstAddress);
    liteConfig.setLiteMember(true);
    HazelcastInstance lite = Hazelcast.newHazelcastInstance(liteConfig);
    instances.add(lite);

    String[] description = new String[1];
    String problem = catalogProblem();
    Path2 catalogA = HandoffPaths.catalog(clientA, problem, description);
    Path2 catalogB = HandoffPaths.catalog(clientB, problem, description);
    Path2 catalogLite = HandoffPaths.catalog(lite, problem, new String[1]);
    out.printf(
        Locale.ROOT,
        "# HandoffBenchmark: %d data members (forked, -Xmx2g, backup-count 1) + lite member and 2"
            + " clients in this JVM; loopback; %d cores; JDK %s%n",
        memberCount,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    out.println("# catalog path measured: " + description[0]);
    out.println(
        "# plain path: IMap<String,Object>.set + get (Hazelcast serialisation: byte[] as"
            + " is, rows with Java serialisation)");
    out.println(
        "# times: median of N handoffs (save in one process, then load in the other),"
            + " interleaved with the plain path");
    out.println();
    out.printf(
        Locale.ROOT,
        "%-10s %-15s %4s %12s %12s %8s %12s %12s%n",
        "payload",
        "route",
        "N",
        "plain",
        "catalog",
        "ratio",
        "dataset-only",
        "store-only");

    int scale = quick ? 3 : 1;
    List<Payload> payloads =
        List.of(
            bytes("100 B", 100, 4000 / scale),
            bytes("1 MiB", 1 << 20, 300 / scale),
            rows(50_000, 40 / scale),
            bytes("64 MiB", 64 << 20, Math.max(3, 10 / scale)));
    Path2 plainA = HandoffPaths.plain(clientA);
    Path2 plainB = HandoffPaths.plain(clientB);
    Path2 plainLite = HandoffPaths.plain(lite);
    Path2 storeA = HandoffPaths.store(clientA);
    Path2 storeB = HandoffPaths.store(clientB);
    Path2 datasetA = HandoffPaths.catalog(clientA, "dataset layer only", new String[1]);
    Path2 datasetB = HandoffPaths.catalog(clientB, "dataset layer only", new String[1]);
    for (Payload payload : payloads) {
      if (onlyPayloads != null && !onlyPayloads.contains(payload.label().replace(" ", ""))) {
        continue;
      }
      double[] cc =
          handoff(payload, plainA, plainB, catalogA, catalogB, storeA, storeB, datasetA, datasetB);
      row(payload, "client->client", cc);
      double[] mc =
          handoff(payload, plainLite, plainB, catalogLite, catalogB, null, null, null, null);
      row(payload, "member->client", mc);
    }
    if (!noInJvm) {
      new InJvmRoute(this, clusterName + "-injvm").run(payloads, onlyPayloads);
    }

    out.println();
    if (!extras) {
      return;
    }
    new HandoffExtras(this).run(clientA, clientB, catalogA, catalogB, plainA, plainB, gigabyte);
    out.printf(Locale.ROOT, "%n# total time %.1f s%n", (System.nanoTime() - started) / 1e9);
  }

  void row(Payload payload, String route, double[] times) {
    out.printf(
        Locale.ROOT,
        "%-10s %-15s %4d %12s %12s %8.3f %12s %12s%n",
        payload.label(),
        route,
        payload.iterations(),
        format(times[0]),
        format(times[1]),
        times[1] / times[0],
        Double.isNaN(times[3]) ? "-" : format(times[3]),
        Double.isNaN(times[2]) ? "-" : format(times[2]));
  }

  static String format(double nanos) {
    if (nanos < 1e4) {
      return String.format(Locale.ROOT, "%.2f us", nanos / 1e3);
    }
    if (nanos < 1e6) {
      return String.format(Locale.ROOT, "%.0f us", nanos / 1e3);
    }
    return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
  }

  /** Medians (ns) of plain, catalog and (when given) store-only handoffs of the payload. */
  double[] handoff(
      Payload payload,
      Path2 plainSaver,
      Path2 plainLoader,
      Path2 catalogSaver,
      Path2 catalogLoader,
      Path2 storeSaver,
      Path2 storeLoader,
      Path2 datasetSaver,
      Path2 datasetLoader) {
    int n = payload.iterations();
    int warmup = Math.max(2, n / 3);
    long[] plain = new long[n];
    long[] catalog = new long[n];
    long[] store = new long[n];
    long[] dataset = new long[n];
    String base = "handoff-" + payload.label().replace(' ', '-');
    // Each path's keys rotate over up to 8 names (all of them used during the warm-up), so that
    // no path's figure depends on which member happens to own its one key's partition; a large
    // payload (few iterations: 64 MiB, 1 GiB) keeps one key per path, or the members would hold 8
    // copies of it per path.
    int keys = n >= 40 ? Math.min(8, warmup) : 1;
    for (int i = -warmup; i < n; i++) {
      String name = base + "-" + Math.floorMod(i, keys);
      // alternate the order so neither path always runs after the other
      boolean plainFirst = (i & 1) == 0;
      long p;
      long c;
      if (plainFirst) {
        p = once(payload, plainSaver, plainLoader, name);
        c = once(payload, catalogSaver, catalogLoader, name);
      } else {
        c = once(payload, catalogSaver, catalogLoader, name);
        p = once(payload, plainSaver, plainLoader, name);
      }
      long s = storeSaver == null ? 0 : once(payload, storeSaver, storeLoader, name + "-s");
      long d = datasetSaver == null ? 0 : once(payload, datasetSaver, datasetLoader, name + "-d");
      if (i >= 0) {
        plain[i] = p;
        catalog[i] = c;
        store[i] = s;
        dataset[i] = d;
      }
    }
    return new double[] {
      median(plain),
      median(catalog),
      storeSaver == null ? Double.NaN : median(store),
      datasetSaver == null ? Double.NaN : median(dataset)
    };
  }

  long once(Payload payload, Path2 saver, Path2 loader, String name) {
    int stamp = random.nextInt();
    Object value = payload.stamped(stamp);
    long t0 = System.nanoTime();
    saver.save(name, value);
    Object loaded = loader.load(name);
    long elapsed = System.nanoTime() - t0;
    payload.check(loaded, stamp);
    return elapsed;
  }

  static double median(long[] times) {
    long[] sorted = times.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }

  // ------------------------------------------------------------------ cluster set-up

  private void startMembers(int count) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> flags = new ArrayList<>();
    for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (argument.startsWith("--add-")) {
        flags.add(argument);
      }
    }
    Path logs = Files.createDirectories(Path.of("target", "bench-logs"));
    for (int i = 0; i < count; i++) {
      int port = BenchMember.freePort();
      if (firstAddress == null) {
        firstAddress = "127.0.0.1:" + port;
      }
      List<String> command = new ArrayList<>();
      command.add(java);
      command.addAll(flags);
      command.add("-Xmx2g");
      String memberOptions = System.getProperty("bench.memberOpts", "").trim();
      if (!memberOptions.isEmpty()) {
        command.addAll(Arrays.asList(memberOptions.split("\\s+")));
      }
      command.add("-Dhazelcast.phone.home.enabled=false");
      command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(BenchMember.class.getName());
      command.add(clusterName);
      command.add(Integer.toString(port));
      command.add(firstAddress);
      File log = logs.resolve("member-" + i + ".log").toFile();
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.to(log))
              .start();
      members.add(process);
      if (i == 0) {
        awaitPort(port, process);
      }
    }
    HazelcastInstance probe = HazelcastClient.newHazelcastClient(clientConfig());
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

  private static void awaitPort(int port, Process process) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline && process.isAlive()) {
      try (var socket = new java.net.Socket(InetAddress.getByName("127.0.0.1"), port)) {
        return;
      } catch (IOException e) {
        TimeUnit.MILLISECONDS.sleep(50);
      }
    }
    throw new IllegalStateException("member on port " + port + " did not start");
  }

  private ClientConfig clientConfig() {
    return BenchMember.clientConfig(clusterName, firstAddress);
  }

  private void close() {
    for (HazelcastInstance instance : instances) {
      try {
        instance.getLifecycleService().terminate();
      } catch (RuntimeException e) {
        // already gone
      }
    }
    for (Process member : members) {
      member.destroyForcibly();
    }
  }
}
