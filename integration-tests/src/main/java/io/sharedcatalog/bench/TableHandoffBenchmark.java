package io.sharedcatalog.bench;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import io.sharedcatalog.cluster.SharedMemoryDataCatalog;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Measures the table handoff of issue 17: one process saves a 1,000,000-row table, another process
 * loads it, through the shared catalog ({@code SharedMemoryDataCatalog}, whose {@code
 * SharedMemoryDataset}s encode values with the project's codec) and through a plain {@code IMap}
 * (Hazelcast's own serialisation: Java serialisation of each {@code Serializable} record; its
 * built-in map serialiser for rows as maps). It measures a table of records and the same table as
 * rows ({@code List<Map<String, Object>>}), and prints save, load and total medians and the ratio
 * catalog / plain (the goal: at most 1/3).
 *
 * <p>Layout: two data members ({@link BenchMember}) and a loader client ({@link Loader}) forked as
 * JVMs of their own; the saver is a client in this JVM. The loader loads when told through an
 * {@code IMap} and reports its load time, the row count and the last row's hash code (so a stale or
 * partial value cannot pass).
 *
 * <p>Run: {@code mvn -B -q -pl integration-tests -am package -DskipTests}, then from {@code
 * integration-tests}: {@code java <Hazelcast JDK-17 flags> -Xmx3g -cp
 * target/classes:../cluster/target/sharedcatalog.jar io.sharedcatalog.bench.TableHandoffBenchmark
 * [--rows N] [--runs N]}.
 *
 * <p>This class is not thread-safe (it is a program).
 */
public final class TableHandoffBenchmark {
  private static final PrintStream out = System.out;
  private static final String REQUESTS = "bench.table.requests";
  private static final String RESULTS = "bench.table.results";
  private static final String PLAIN = "bench.table.plain";
  private static final String CATALOG = "tables";

  /**
   * A row of the table: the columns of the spaceflights model input table.
   *
   * @param id the shuttle id
   * @param shuttleType the shuttle type
   * @param engines the number of engines
   * @param price the price
   * @param dCheckComplete whether the D check is complete
   * @param companyLocation the company's location
   */
  public record TableRow(
      long id,
      String shuttleType,
      int engines,
      double price,
      boolean dCheckComplete,
      String companyLocation)
      implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  private final List<Process> processes = new ArrayList<>();
  private final String clusterName = "tables-" + UUID.randomUUID().toString().substring(0, 8);
  private String address;
  private HazelcastInstance saver;

  private TableHandoffBenchmark() {}

  /** Runs the benchmark; options {@code --rows N} (default 1,000,000), {@code --runs N} (3). */
  public static void main(String[] args) throws Exception {
    List<String> options = Arrays.asList(args);
    int rows = option(options, "--rows", 1_000_000);
    int runs = option(options, "--runs", 3);
    TableHandoffBenchmark bench = new TableHandoffBenchmark();
    try {
      bench.run(rows, runs);
    } finally {
      bench.close();
    }
    System.exit(0);
  }

  private static int option(List<String> options, String name, int fallback) {
    int at = options.indexOf(name);
    return at >= 0 ? Integer.parseInt(options.get(at + 1)) : fallback;
  }

  private void run(int rowCount, int runs) throws Exception {
    startCluster();
    saver = HazelcastClient.newHazelcastClient(BenchMember.clientConfig(clusterName, address));
    SharedMemoryDataCatalog catalog = SharedMemoryDataCatalog.connect(saver, CATALOG);
    IMap<String, Object> plain = saver.getMap(PLAIN);
    List<TableRow> records = records(rowCount);
    List<Map<String, Object>> maps = maps(records);
    out.printf(
        Locale.ROOT,
        "Table handoff, %,d rows x 6 columns; saver: client in this JVM, loader: client in its own"
            + " JVM, 2 data members in JVMs of their own; median of %d runs after 1 warm-up%n%n",
        rowCount,
        runs);
    out.printf(
        Locale.ROOT, "%-16s %-8s %10s %10s %10s%n", "table", "path", "save", "load", "total");
    for (String shape : List.of("records", "rows-as-maps")) {
      List<?> value = shape.equals("records") ? records : maps;
      double[] plainTimes =
          measure(shape, "plain", value, runs, name -> {}, plain::set, plain::delete);
      double[] catalogTimes =
          measure(
              shape,
              "catalog",
              value,
              runs,
              name -> catalog.get(name, true),
              catalog::save,
              catalog::release);
      out.printf(
          Locale.ROOT,
          "%-16s %-8s %10s%n",
          shape,
          "ratio",
          String.format(Locale.ROOT, "%.3f", catalogTimes[2] / plainTimes[2])
              + (catalogTimes[2] * 3 <= plainTimes[2]
                  ? " (goal <= 0.333 met)"
                  : " (goal <= 0.333 MISSED)"));
    }
  }

  interface Saver {
    void save(String name, Object value);
  }

  /**
   * Returns the medians of save, load and save + load, in milliseconds; {@code register} runs
   * before the clock starts, {@code drop} after the load.
   */
  private double[] measure(
      String shape,
      String path,
      List<?> value,
      int runs,
      java.util.function.Consumer<String> register,
      Saver save,
      java.util.function.Consumer<String> drop)
      throws Exception {
    IMap<String, String> requests = saver.getMap(REQUESTS);
    IMap<String, long[]> results = saver.getMap(RESULTS);
    long[] saves = new long[runs];
    long[] loads = new long[runs];
    long[] totals = new long[runs];
    int expectedHash = value.get(value.size() - 1).hashCode();
    for (int run = -1; run < runs; run++) {
      String name = shape.replace('-', '_') + "_" + path + "_" + (run + 1);
      register.accept(name);
      long start = System.nanoTime();
      save.save(name, value);
      long saved = System.nanoTime() - start;
      String request = UUID.randomUUID().toString();
      requests.set(request, path + "|" + name);
      long[] result = awaitResult(results, request);
      if (result[1] != value.size() || result[2] != expectedHash) {
        throw new IllegalStateException(
            "the loader saw " + result[1] + " rows, last hash " + result[2] + ", for " + name);
      }
      if (run >= 0) {
        saves[run] = saved;
        loads[run] = result[0];
        totals[run] = saved + result[0];
      }
      drop.accept(name);
      System.gc();
    }
    double[] medians = {median(saves), median(loads), median(totals)};
    out.printf(
        Locale.ROOT,
        "%-16s %-8s %8.0fms %8.0fms %8.0fms%n",
        shape,
        path,
        medians[0],
        medians[1],
        medians[2]);
    return medians;
  }

  private static long[] awaitResult(IMap<String, long[]> results, String request)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (System.nanoTime() < deadline) {
      long[] result = results.get(request);
      if (result != null) {
        if (result.length == 1) {
          throw new IllegalStateException("the loader failed; see target/bench-logs/loader.log");
        }
        return result;
      }
      TimeUnit.MILLISECONDS.sleep(2);
    }
    throw new IllegalStateException("the loader did not answer in 5 minutes");
  }

  private static double median(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    double middle = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    return middle / 1e6;
  }

  private static List<TableRow> records(int count) {
    java.util.Random random = new java.util.Random(17);
    String[] types = {"Type V5", "Type F5", "Type V2", "Type A1"};
    List<TableRow> rows = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      rows.add(
          new TableRow(
              i,
              types[random.nextInt(types.length)],
              1 + random.nextInt(4),
              1000 + random.nextDouble() * 4000,
              random.nextBoolean(),
              "Location " + random.nextInt(10_000)));
    }
    return rows;
  }

  private static List<Map<String, Object>> maps(List<TableRow> records) {
    List<Map<String, Object>> rows = new ArrayList<>(records.size());
    for (TableRow r : records) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", r.id());
      row.put("shuttle_type", r.shuttleType());
      row.put("engines", r.engines());
      row.put("price", r.price());
      row.put("d_check_complete", r.dCheckComplete());
      row.put("company_location", r.companyLocation());
      rows.add(row);
    }
    return rows;
  }

  // ------------------------------------------------------------------ processes

  private void startCluster() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> flags = new ArrayList<>();
    for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (argument.startsWith("--add-")) {
        flags.add(argument);
      }
    }
    Path logs = Files.createDirectories(Path.of("target", "bench-logs"));
    for (int i = 0; i < 2; i++) {
      int port = BenchMember.freePort();
      if (address == null) {
        address = "127.0.0.1:" + port;
      }
      fork(
          java,
          flags,
          "-Xmx2g",
          logs.resolve("table-member-" + i + ".log").toFile(),
          BenchMember.class.getName(),
          clusterName,
          Integer.toString(port),
          address);
      if (i == 0) {
        awaitPort(port);
      }
    }
    fork(
        java,
        flags,
        "-Xmx3g",
        logs.resolve("loader.log").toFile(),
        Loader.class.getName(),
        clusterName,
        address);
    HazelcastInstance probe =
        HazelcastClient.newHazelcastClient(BenchMember.clientConfig(clusterName, address));
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      IMap<String, long[]> results = probe.getMap(RESULTS);
      while (probe.getCluster().getMembers().size() < 2 || !results.containsKey("ready")) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the cluster or the loader did not start; see " + logs);
        }
        TimeUnit.MILLISECONDS.sleep(50);
      }
    } finally {
      probe.shutdown();
    }
  }

  private void fork(String java, List<String> flags, String heap, File log, String... main)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(flags);
    command.add(heap);
    command.add("-Dhazelcast.phone.home.enabled=false");
    command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.addAll(Arrays.asList(main));
    processes.add(
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(log))
            .start());
  }

  private static void awaitPort(int port) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      try (var socket = new java.net.Socket(InetAddress.getByName("127.0.0.1"), port)) {
        return;
      } catch (IOException e) {
        TimeUnit.MILLISECONDS.sleep(50);
      }
    }
    throw new IllegalStateException("member on port " + port + " did not start");
  }

  private void close() {
    if (saver != null) {
      saver.getLifecycleService().terminate();
    }
    processes.forEach(Process::destroyForcibly);
  }

  /**
   * The loading process: a client that, for each request ({@code path|name}), loads the value and
   * reports {@code [nanos, size, last row's hash]}.
   *
   * <p>This class is not thread-safe (it is a program).
   */
  public static final class Loader {
    private Loader() {}

    /** Arguments: {@code clusterName address}. Runs until killed. */
    public static void main(String[] args) throws Exception {
      HazelcastInstance hz =
          HazelcastClient.newHazelcastClient(BenchMember.clientConfig(args[0], args[1]));
      SharedMemoryDataCatalog catalog = SharedMemoryDataCatalog.connect(hz, CATALOG);
      IMap<String, Object> plain = hz.getMap(PLAIN);
      IMap<String, String> requests = hz.getMap(REQUESTS);
      IMap<String, long[]> results = hz.getMap(RESULTS);
      ExecutorService worker = Executors.newSingleThreadExecutor();
      requests.addEntryListener(
          (EntryAddedListener<String, String>)
              event ->
                  worker.execute(
                      () -> {
                        String[] request = event.getValue().split("\\|");
                        try {
                          long start = System.nanoTime();
                          List<?> value =
                              (List<?>)
                                  (request[0].equals("plain")
                                      ? plain.get(request[1])
                                      : catalog.load(request[1]));
                          long nanos = System.nanoTime() - start;
                          results.set(
                              event.getKey(),
                              new long[] {
                                nanos, value.size(), value.get(value.size() - 1).hashCode()
                              });
                        } catch (RuntimeException e) {
                          e.printStackTrace();
                          results.set(event.getKey(), new long[] {-1});
                        }
                        System.gc();
                      }),
          true);
      results.set("ready", new long[] {0});
      Thread.currentThread().join();
    }
  }
}
