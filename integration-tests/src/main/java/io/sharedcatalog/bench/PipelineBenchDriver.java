package io.sharedcatalog.bench;

import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.cluster.ClusterBootstrap;
import io.sharedcatalog.cluster.NodeEvent;
import io.sharedcatalog.cluster.ParallelRunner;
import io.sharedcatalog.cluster.SharedMemoryDataCatalog;
import io.sharedcatalog.pipeline.Pipeline;
import io.sharedcatalog.pipeline.PipelineRegistry;
import io.sharedcatalog.runner.Runner;
import io.sharedcatalog.runner.SequentialRunner;
import io.sharedcatalog.runner.ThreadRunner;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The driver JVM of {@link PipelineBenchmark}: runs one scenario and prints its figures as {@code
 * RESULT key value} lines for the benchmark to collect.
 *
 * <p>Arguments: {@code embedded REPEATS} (an embedded member of a private cluster; fan-200 with
 * {@code sequential} and {@code parallel} with 2 local workers), or {@code client CLUSTER ADDRESS
 * SCENARIO REPEATS [name=pid,...]} with scenario {@code fan-local} ({@code sequential} and {@code
 * thread} on a connected catalog), {@code fan-remote} ({@code parallel}, no local workers), {@code
 * big} (256 MiB produce→consume on the remote workers) or {@code chain} (4 × 64 MiB on the remote
 * workers, with each listed process's bytes read and written from {@code /proc/PID/io}).
 *
 * <p>This class is not thread-safe (it is a program).
 */
public final class PipelineBenchDriver {
  /**
   * Runs before the measured ones in each timed scenario (the JIT, connections, proxies): 200, or
   * {@code -Dbench.warmUps}. After ten, JFR still showed the driver's C2 compiler thread using most
   * of the driver's CPU during the measured runs; after 40, a sequential fan driver still used
   * 0.31-0.59 ms of CPU per node, against 0.21-0.35 after 200 and 0.22 after 300 (a probe against
   * two forked members): from about 200 on it no longer falls.
   */
  static final int WARM_UPS = Integer.getInteger("bench.warmUps", 200);

  private PipelineBenchDriver() {}

  /** Runs the scenario the arguments name. */
  public static void main(String[] args) throws Exception {
    Map<String, Pipeline> pipelines = PipelineRegistry.all();
    if (args[0].equals("embedded")) {
      int repeats = Integer.parseInt(args[1]);
      int port = BenchMember.freePort();
      HazelcastInstance hz =
          ClusterBootstrap.member()
              .clusterName("pipeline-bench-embedded-" + ProcessHandle.current().pid())
              .port(port)
              .joinAddresses(List.of("127.0.0.1:" + port))
              .start();
      try {
        Pipeline fan = pipelines.get(BenchPipelines.FAN);
        SharedMemoryDataCatalog catalog = SharedMemoryDataCatalog.connect(hz, "bench_fan_emb");
        fan("embedded_sequential", fan, catalog, SequentialRunner::new, repeats, Map.of());
        fan("embedded_parallel", fan, catalog, () -> new ParallelRunner(hz, 2), repeats, Map.of());
      } finally {
        hz.shutdown();
      }
      return;
    }
    String cluster = args[1];
    String address = args[2];
    String scenario = args[3];
    int repeats = Integer.parseInt(args[4]);
    HazelcastInstance hz =
        ClusterBootstrap.client().clusterName(cluster).addresses(List.of(address)).start();
    try {
      switch (scenario) {
        case "fan-local" -> {
          Pipeline fan = pipelines.get(BenchPipelines.FAN);
          SharedMemoryDataCatalog catalog = SharedMemoryDataCatalog.connect(hz, "bench_fan_loc");
          Map<String, Long> pids = pids(args);
          PlainFan.sequential(hz, repeats, pids);
          fan("client_sequential", fan, catalog, SequentialRunner::new, repeats, pids);
          fan("client_thread", fan, catalog, () -> new ThreadRunner(2), repeats, Map.of());
        }
        case "fan-remote" -> {
          Pipeline fan = pipelines.get(BenchPipelines.FAN);
          SharedMemoryDataCatalog catalog = SharedMemoryDataCatalog.connect(hz, "bench_fan_rem");
          Map<String, Long> pids = pids(args);
          fan("remote_parallel", fan, catalog, () -> new ParallelRunner(hz, 0), repeats, pids);
        }
        case "plain-remote" -> PlainFanWorker.drive(hz, repeats, pids(args));
        case "big" -> big(hz, pipelines.get(BenchPipelines.BIG), repeats);
        case "chain" -> chain(hz, pipelines.get(BenchPipelines.CHAIN), pids(args));
        default -> throw new IllegalArgumentException("unknown scenario " + scenario);
      }
    } finally {
      hz.shutdown();
    }
  }

  private static void fan(
      String key,
      Pipeline fan,
      SharedMemoryDataCatalog catalog,
      Supplier<Runner> runner,
      int repeats,
      Map<String, Long> pids)
      throws IOException {
    int nodes = fan.nodes().size();
    double[] perNode = new double[repeats];
    Map<String, Long> cpuBefore = new LinkedHashMap<>();
    for (int i = 0; i < WARM_UPS + repeats; i++) {
      if (i == WARM_UPS) {
        cpuBefore = cpuNow(pids);
      }
      long start = System.nanoTime();
      runner.get().run(fan, catalog);
      double ms = (System.nanoTime() - start) / 1e6;
      if (i >= WARM_UPS) {
        perNode[i - WARM_UPS] = ms / nodes;
      }
    }
    catalog.release("total");
    result(key, perNode);
    printCpu(key, pids, cpuBefore, (double) nodes * repeats);
  }

  /** The CPU milliseconds used so far by each of {@code pids} and by this JVM ("driver"). */
  static Map<String, Long> cpuNow(Map<String, Long> pids) throws IOException {
    Map<String, Long> now = new LinkedHashMap<>();
    for (Map.Entry<String, Long> p : pids.entrySet()) {
      now.put(p.getKey(), cpuMillis(p.getValue()));
    }
    now.put("driver", cpuMillis(ProcessHandle.current().pid()));
    return now;
  }

  /**
   * Prints {@code RESULT cpu_KEY_PROCESS ms} per node for each process since {@code before} (none
   * when no processes were named).
   */
  static void printCpu(String key, Map<String, Long> pids, Map<String, Long> before, double nodes)
      throws IOException {
    if (pids.isEmpty()) {
      return;
    }
    for (Map.Entry<String, Long> now : cpuNow(pids).entrySet()) {
      System.out.printf(
          "RESULT cpu_%s_%s %.3f%n",
          key, now.getKey(), (now.getValue() - before.get(now.getKey())) / nodes);
    }
  }

  /**
   * The CPU time a process has used so far, user and system, from {@code /proc/PID/stat} (fields 14
   * and 15, in clock ticks of 10 ms: Linux's {@code USER_HZ} is 100 on every architecture).
   */
  static long cpuMillis(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
  }

  private static void big(HazelcastInstance hz, Pipeline big, int repeats) {
    SharedMemoryDataCatalog catalog = SharedMemoryDataCatalog.connect(hz, "bench_big");
    HeapWatch heap = new HeapWatch();
    double[] ratios = new double[repeats];
    double[] walls = new double[repeats];
    for (int i = 0; i < 1 + repeats; i++) {
      AtomicLong nodeMillis = new AtomicLong();
      heap.reset();
      long start = System.nanoTime();
      new ParallelRunner(hz, 0)
          .onEvent(
              e -> {
                if (e.kind() == NodeEvent.Kind.FINISHED) {
                  nodeMillis.addAndGet(e.duration().toMillis());
                }
              })
          .run(big, catalog);
      double wall = (System.nanoTime() - start) / 1e6;
      if (i >= 1) {
        walls[i - 1] = wall;
        ratios[i - 1] = wall / Math.max(1, nodeMillis.get());
        System.out.printf(
            "big run %d: wall %.0f ms, nodes %d ms, driver heap after GC peak %d MiB%n",
            i, wall, nodeMillis.get(), heap.peakAfterGc() >> 20);
      }
    }
    catalog.release("big_size");
    result("big_wall_ms", walls);
    result("big_ratio", ratios);
    result("big_driver_heap_mib", new double[] {heap.overallPeak() >> 20});
  }

  private static void chain(HazelcastInstance hz, Pipeline chain, Map<String, Long> pids)
      throws IOException {
    SharedMemoryDataCatalog catalog = SharedMemoryDataCatalog.connect(hz, "bench_chain");
    new ParallelRunner(hz, 0).run(chain, catalog); // warm-up: classes loaded, connections open
    pids.put("driver", ProcessHandle.current().pid());
    Map<String, long[]> before = new LinkedHashMap<>();
    for (Map.Entry<String, Long> p : pids.entrySet()) {
      before.put(p.getKey(), io(p.getValue()));
    }
    Map<String, List<String>> ranOn = new LinkedHashMap<>();
    long start = System.nanoTime();
    new ParallelRunner(hz, 0)
        .onEvent(
            e -> {
              if (e.kind() == NodeEvent.Kind.FINISHED) {
                ranOn.computeIfAbsent(e.workerId(), w -> new ArrayList<>()).add(e.nodeName());
              }
            })
        .run(chain, catalog);
    double wall = (System.nanoTime() - start) / 1e6;
    for (Map.Entry<String, Long> p : pids.entrySet()) {
      long[] after = io(p.getValue());
      long[] was = before.get(p.getKey());
      System.out.printf(
          "RESULT chain_io_%s %.1f %.1f%n",
          p.getKey(), (after[0] - was[0]) / 1048576.0, (after[1] - was[1]) / 1048576.0);
    }
    System.out.printf("RESULT chain_wall_ms %.0f%n", wall);
    System.out.println("chain nodes by worker: " + ranOn);
    catalog.release("chain_size");
  }

  /** rchar and wchar of a process: every byte it read or wrote through system calls. */
  private static long[] io(long pid) throws IOException {
    long read = 0;
    long written = 0;
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/io"))) {
      if (line.startsWith("rchar:")) {
        read = Long.parseLong(line.substring(6).trim());
      } else if (line.startsWith("wchar:")) {
        written = Long.parseLong(line.substring(6).trim());
      }
    }
    return new long[] {read, written};
  }

  private static Map<String, Long> pids(String[] args) {
    Map<String, Long> pids = new LinkedHashMap<>();
    if (args.length > 5 && !args[5].isEmpty()) {
      for (String pair : args[5].split(",")) {
        String[] kv = pair.split("=");
        pids.put(kv[0], Long.parseLong(kv[1]));
      }
    }
    return pids;
  }

  /** Prints {@code RESULT key median v1 v2 ...} for the benchmark to collect. */
  static void result(String key, double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    StringBuilder line = new StringBuilder("RESULT ").append(key);
    line.append(String.format(" %.3f", sorted[sorted.length / 2]));
    for (double v : values) {
      line.append(String.format(" %.3f", v));
    }
    System.out.println(line);
  }

  /** The driver's heap after each collection: what it really holds (its live data). */
  private static final class HeapWatch {
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong overall = new AtomicLong();

    HeapWatch() {
      for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        ((javax.management.NotificationEmitter) gc)
            .addNotificationListener(
                (notification, handback) -> {
                  long used = memory.getHeapMemoryUsage().getUsed();
                  peak.accumulateAndGet(used, Math::max);
                  overall.accumulateAndGet(used, Math::max);
                },
                null,
                null);
      }
    }

    void reset() {
      System.gc();
      peak.set(0);
    }

    long peakAfterGc() {
      return peak.get();
    }

    long overallPeak() {
      return overall.get();
    }
  }
}
