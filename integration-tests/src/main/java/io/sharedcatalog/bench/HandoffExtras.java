package io.sharedcatalog.bench;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.sharedcatalog.bench.HandoffBenchmark.Path2;
import io.sharedcatalog.bench.HandoffBenchmark.Payload;
import io.sharedcatalog.catalog.DataCatalog;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The measurements {@link HandoffBenchmark} makes after the handoff table (unless {@code
 * --no-extras}): the small-read stall during large saves, member heap during a large save, CPU per
 * handoff in all JVMs, the 1 GiB value ({@code --gigabyte}) and pattern lookups.
 *
 * <p>This class is not thread-safe (it is part of a program).
 */
final class HandoffExtras {
  private static final PrintStream out = System.out;

  private final HandoffBenchmark bench;
  private final AtomicLong controlSequence = new AtomicLong();

  HandoffExtras(HandoffBenchmark bench) {
    this.bench = bench;
  }

  /** Runs every extra measurement, in the order the benchmark has always printed them. */
  void run(
      HazelcastInstance clientA,
      HazelcastInstance clientB,
      Path2 catalogA,
      Path2 catalogB,
      Path2 plainA,
      Path2 plainB,
      boolean gigabyte)
      throws Exception {
    stall(clientA, clientB, catalogA, catalogB, plainA, plainB);
    heap(clientA, catalogA, plainA);
    cpu(clientA, plainA, plainB, catalogA, catalogB);
    if (gigabyte) {
      gigabyte(clientA, catalogA, catalogB);
    }
    lookups();
  }

  private void stall(
      HazelcastInstance clientA,
      HazelcastInstance clientB,
      Path2 catalogA,
      Path2 catalogB,
      Path2 plainA,
      Path2 plainB)
      throws Exception {
    Payload big = bench.bytes("64 MiB", 64 << 20, 1);
    double[] catalogStall = stallDuring(big, catalogA, catalogB);
    double[] plainStall = stallDuring(big, plainA, plainB);
    out.printf(
        Locale.ROOT,
        "small read of another dataset during 64 MiB saves (3 saves): max %s, p99 %s, %d reads"
            + " (catalog); plain IMap: max %s, p99 %s, %d reads%n",
        HandoffBenchmark.format(catalogStall[0]),
        HandoffBenchmark.format(catalogStall[1]),
        (long) catalogStall[2],
        HandoffBenchmark.format(plainStall[0]),
        HandoffBenchmark.format(plainStall[1]),
        (long) plainStall[2]);
  }

  /** {max, p99, count} of small-read latencies (ns) while the saver writes a large value. */
  double[] stallDuring(Payload big, Path2 saver, Path2 reader) throws Exception {
    byte[] small = new byte[100];
    bench.random.nextBytes(small);
    saver.save("stall-small", small);
    saver.save("stall-big", big.stamped(1));
    AtomicBoolean measuring = new AtomicBoolean();
    AtomicBoolean stop = new AtomicBoolean();
    List<Long> latencies = new ArrayList<>();
    Thread readerThread =
        new Thread(
            () -> {
              while (!stop.get()) {
                long t0 = System.nanoTime();
                reader.load("stall-small");
                long elapsed = System.nanoTime() - t0;
                if (measuring.get()) {
                  synchronized (latencies) {
                    latencies.add(elapsed);
                  }
                }
              }
            },
            "small-reader");
    readerThread.start();
    try {
      for (int i = 0; i < 3; i++) {
        TimeUnit.MILLISECONDS.sleep(50); // let the reader run between saves
        measuring.set(true);
        saver.save("stall-big", big.stamped(i + 2));
        measuring.set(false);
      }
    } finally {
      stop.set(true);
      readerThread.join();
    }
    long[] all = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    if (all.length == 0) {
      return new double[] {Double.NaN, Double.NaN, 0};
    }
    return new double[] {
      all[all.length - 1], all[Math.min(all.length - 1, (int) (all.length * 0.99))], all.length
    };
  }

  private void heap(HazelcastInstance client, Path2 catalog, Path2 plain) throws Exception {
    Payload big = bench.bytes("64 MiB", 64 << 20, 1);
    double value = 64L << 20;
    catalog.save("heap-big", big.stamped(1));
    plain.save("heap-big", big.stamped(1));
    long[][] c = memberHeapDuring(client, () -> catalog.save("heap-big", big.stamped(2)));
    long[][] p = memberHeapDuring(client, () -> plain.save("heap-big", big.stamped(2)));
    out.printf(
        Locale.ROOT,
        "member heap growth over used-after-GC during a 64 MiB save replacing a 64 MiB value, per"
            + " member:%n  catalog: peak used %s (max %.2fx the value), peak live after GC %s (max"
            + " %.2fx)%n  plain:   peak used %s (max %.2fx the value), peak live after GC %s (max"
            + " %.2fx)%n",
        mib(c[0]),
        Arrays.stream(c[0]).max().orElse(0) / value,
        mib(c[1]),
        Arrays.stream(c[1]).max().orElse(0) / value,
        mib(p[0]),
        Arrays.stream(p[0]).max().orElse(0) / value,
        mib(p[1]),
        Arrays.stream(p[1]).max().orElse(0) / value);
  }

  private static String mib(long[] bytes) {
    StringBuilder text = new StringBuilder("[");
    for (long b : bytes) {
      text.append(text.length() > 1 ? ", " : "").append(b >> 20).append(" MiB");
    }
    return text.append(']').toString();
  }

  /**
   * Where the time of 1 MiB and 64 MiB handoffs goes: CPU time used by all three JVMs (this one and
   * the two members: IO, partition, collector and compiler threads included) per handoff, run plain
   * only and then catalog only, twice. On a machine with {@code cores} cores no path that moves the
   * same bytes through Hazelcast with the same CPU cost can take less wall time than CPU / cores.
   */
  private void cpu(
      HazelcastInstance client,
      Path2 plainSaver,
      Path2 plainLoader,
      Path2 catalogSaver,
      Path2 catalogLoader)
      throws Exception {
    int cores = Runtime.getRuntime().availableProcessors();
    out.printf(
        Locale.ROOT,
        "CPU per handoff, all JVMs (wall floor = CPU / %d cores; ratio floor = catalog floor /"
            + " plain wall):%n",
        cores);
    for (Payload payload :
        List.of(
            bench.bytes("1 MiB", 1 << 20, bench.quick ? 100 : 300),
            bench.bytes("64 MiB", 64 << 20, 6))) {
      double plainWall = 0;
      for (boolean catalog : new boolean[] {false, true, false, true}) {
        Path2 saver = catalog ? catalogSaver : plainSaver;
        Path2 loader = catalog ? catalogLoader : plainLoader;
        String name = "cpu-" + payload.label().replace(' ', '-');
        for (int i = 0; i < 3; i++) {
          bench.once(payload, saver, loader, name);
        }
        long[] before = clusterCpu(client);
        long t0 = System.nanoTime();
        for (int i = 0; i < payload.iterations(); i++) {
          bench.once(payload, saver, loader, name);
        }
        double wall = (System.nanoTime() - t0) / (double) payload.iterations();
        long[] after = clusterCpu(client);
        double cpu = (after[0] - before[0]) / (double) payload.iterations();
        double gc = (after[1] - before[1]) * 1e6 / payload.iterations();
        if (!catalog) {
          plainWall = wall;
        }
        out.printf(
            Locale.ROOT,
            "  %-7s %-8s wall %s, CPU %s (%.2f cores busy, collectors %s), wall floor %s%s%n",
            payload.label(),
            catalog ? "catalog" : "plain",
            HandoffBenchmark.format(wall),
            HandoffBenchmark.format(cpu),
            cpu / wall,
            HandoffBenchmark.format(gc),
            HandoffBenchmark.format(cpu / cores),
            catalog
                ? String.format(Locale.ROOT, ", ratio floor %.2f", cpu / cores / plainWall)
                : "");
      }
    }
  }

  /** {CPU nanoseconds, collector milliseconds} used so far by this JVM and every member. */
  private long[] clusterCpu(HazelcastInstance client) throws Exception {
    IMap<String, Long> control = client.getMap(BenchMember.CONTROL_MAP);
    IMap<String, long[]> cpu = client.getMap(BenchMember.CPU_MAP);
    long sequence = controlSequence.incrementAndGet();
    control.set("cpu", sequence);
    awaitReports(cpu, sequence);
    long[] total = {BenchMember.processCpuNanos(), BenchMember.gcMillis()};
    for (long[] report : cpu.values()) {
      total[0] += report[1];
      total[1] += report[2];
    }
    return total;
  }

  /** Per member: {peak used - baseline}, {peak live after GC - baseline}. */
  private long[][] memberHeapDuring(HazelcastInstance client, Runnable action) throws Exception {
    IMap<String, Long> control = client.getMap(BenchMember.CONTROL_MAP);
    IMap<String, long[]> heap = client.getMap(BenchMember.HEAP_MAP);
    long reset = controlSequence.incrementAndGet();
    control.set("reset", reset);
    awaitReports(heap, reset);
    action.run();
    long report = controlSequence.incrementAndGet();
    control.set("report", report);
    awaitReports(heap, report);
    List<long[]> reports = new ArrayList<>(heap.values());
    return new long[][] {
      reports.stream().mapToLong(v -> v[2] - v[1]).toArray(),
      reports.stream().mapToLong(v -> v[3] - v[1]).toArray()
    };
  }

  private void awaitReports(IMap<String, long[]> heap, long sequence) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (heap.values().stream().filter(v -> v[0] == sequence).count() < bench.members.size()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("members did not report");
      }
      TimeUnit.MILLISECONDS.sleep(5);
    }
  }

  private void gigabyte(HazelcastInstance hz, Path2 saver, Path2 loader) {
    // make room: each member holds the whole 1 GiB (its primary half and the other's backup)
    for (var object : hz.getDistributedObjects()) {
      String name = object.getName();
      if (object instanceof IMap<?, ?> map
          && (name.equals("bench.plain")
              || name.startsWith("sharedcatalog.handoff.")
              || name.startsWith("sharedcatalog.benchstore."))) {
        map.clear();
      }
    }
    Payload huge = bench.bytes("1 GiB", 1 << 30, 1);
    long t0 = System.nanoTime();
    saver.save("gigabyte", huge.stamped(7));
    long t1 = System.nanoTime();
    Object loaded = loader.load("gigabyte");
    long t2 = System.nanoTime();
    huge.check(loaded, 7);
    out.printf(
        Locale.ROOT,
        "1 GiB value: save %.2f s, load %.2f s (members at -Xmx2g each)%n",
        (t1 - t0) / 1e9,
        (t2 - t1) / 1e9);
  }

  private void lookups() {
    try {
      Map<String, Object> config = new LinkedHashMap<>();
      for (int i = 0; i < 1_000; i++) {
        config.put("{namespace}.pattern" + i + "_{name}", Map.of("type", "MemoryDataset"));
      }
      DataCatalog catalog = DataCatalog.fromConfig(config);
      String hit = "sales.pattern999_orders";
      String miss = "sales.nothing_like_it";
      long[] match = new long[2_000];
      long[] contains = new long[2_000];
      for (int i = -500; i < match.length; i++) {
        long t0 = System.nanoTime();
        catalog.configResolver().matchPattern(i % 2 == 0 ? hit : miss);
        long t1 = System.nanoTime();
        catalog.contains(i % 2 == 0 ? hit : miss);
        long t2 = System.nanoTime();
        if (i >= 0) {
          match[i] = t1 - t0;
          contains[i] = t2 - t1;
        }
      }
      DataCatalog big = new DataCatalog();
      for (int i = 0; i < 100_000; i++) {
        big.putData("dataset" + i, i);
      }
      long[] names = new long[20];
      for (int i = -5; i < names.length; i++) {
        long t0 = System.nanoTime();
        int size = 0;
        for (String name : big.names()) {
          size += name.isEmpty() ? 0 : 1;
        }
        long t1 = System.nanoTime();
        if (size != 100_000) {
          throw new IllegalStateException("names() returned " + size);
        }
        if (i >= 0) {
          names[i] = t1 - t0;
        }
      }
      out.printf(
          Locale.ROOT,
          "pattern lookup at 1,000 patterns: matchPattern %s, contains %s (median, hit and miss"
              + " alternating); names() at 100,000 datasets, iterated: %s%n",
          HandoffBenchmark.format(HandoffBenchmark.median(match)),
          HandoffBenchmark.format(HandoffBenchmark.median(contains)),
          HandoffBenchmark.format(HandoffBenchmark.median(names)));
    } catch (RuntimeException e) {
      out.println("pattern lookup / names(): not measurable on this branch: " + e);
    }
  }
}
