package io.sharedcatalog.bench;

import com.hazelcast.collection.IQueue;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Plain Hazelcast doing the work of a fan-200 run on remote workers, for the benchmark's ratio: no
 * catalog, no leases, no fencing, no retries. The driver ({@link #drive}) offers each ready node to
 * one queue and takes completions from another; each worker thread ({@link #main}) polls a node,
 * reads its input from one map and writes its output there, and offers the completion. A node lost
 * with its worker would be lost for good: this is the floor under what the parallel runner does,
 * not a runner.
 *
 * <p>Arguments of {@link #main}: {@code CLUSTER ADDRESS THREADS}; it runs until killed.
 *
 * <p>This class is thread-safe.
 */
public final class PlainFanWorker {
  static final String TASKS = "bench_plain_remote.tasks";
  static final String DONE = "bench_plain_remote.done";
  static final String DATA = "bench_plain_remote.data";

  private PlainFanWorker() {}

  /** Connects and runs {@code THREADS} worker threads until the JVM is killed. */
  public static void main(String[] args) throws Exception {
    HazelcastInstance hz =
        com.hazelcast.client.HazelcastClient.newHazelcastClient(
            BenchMember.clientConfig(args[0], args[1]));
    int threads = Integer.parseInt(args[2]);
    System.out.println("plain worker connected to cluster");
    List<Thread> running = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      Thread thread = new Thread(() -> work(hz), "plain-worker-" + i);
      thread.start();
      running.add(thread);
    }
    for (Thread thread : running) {
      thread.join();
    }
  }

  private static void work(HazelcastInstance hz) {
    IQueue<String> tasks = hz.getQueue(TASKS);
    IQueue<String> done = hz.getQueue(DONE);
    IMap<String, Object> data = hz.getMap(DATA);
    int width = BenchPipelines.FAN_WIDTH;
    while (true) {
      try {
        String node = tasks.poll(1, TimeUnit.SECONDS);
        if (node == null) {
          continue;
        }
        if (node.equals("src")) {
          data.set("x0", 1);
        } else if (node.equals("sum")) {
          Set<String> keys = new HashSet<>();
          for (int i = 1; i <= width; i++) {
            keys.add("y" + i);
          }
          int sum = 0;
          for (Object v : data.getAll(keys).values()) {
            sum += (int) v;
          }
          data.set("total", sum);
        } else {
          data.set("y" + node.substring(1), (int) data.get("x0") + 1);
        }
        done.offer(node);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (!hz.getLifecycleService().isRunning()) {
          return;
        }
      }
    }
  }

  /**
   * Drives fan-200 runs through the plain workers: {@link PipelineBenchDriver#WARM_UPS} to warm up,
   * then {@code repeats}; prints {@code RESULT plain_remote} with the median and each run's
   * milliseconds per node.
   */
  static void drive(HazelcastInstance hz, int repeats, java.util.Map<String, Long> pids)
      throws InterruptedException, java.io.IOException {
    IQueue<String> tasks = hz.getQueue(TASKS);
    IQueue<String> done = hz.getQueue(DONE);
    IMap<String, Object> data = hz.getMap(DATA);
    int width = BenchPipelines.FAN_WIDTH;
    List<String> middle = new ArrayList<>();
    for (int i = 1; i <= width; i++) {
      middle.add("n" + i);
    }
    double[] perNode = new double[repeats];
    java.util.Map<String, Long> cpuBefore = java.util.Map.of();
    for (int run = 0; run < PipelineBenchDriver.WARM_UPS + repeats; run++) {
      if (run == PipelineBenchDriver.WARM_UPS) {
        cpuBefore = PipelineBenchDriver.cpuNow(pids);
      }
      long start = System.nanoTime();
      tasks.offer("src");
      await(done, 1);
      tasks.addAll(middle);
      await(done, width);
      tasks.offer("sum");
      await(done, 1);
      List<CompletableFuture<?>> releases = new ArrayList<>();
      for (int i = 1; i <= width; i++) {
        releases.add(data.deleteAsync("y" + i).toCompletableFuture());
      }
      releases.add(data.deleteAsync("x0").toCompletableFuture());
      CompletableFuture.allOf(releases.toArray(CompletableFuture[]::new)).join();
      if (run >= PipelineBenchDriver.WARM_UPS) {
        perNode[run - PipelineBenchDriver.WARM_UPS] =
            (System.nanoTime() - start) / 1e6 / (width + 2);
      }
    }
    PipelineBenchDriver.printCpu("plain_remote", pids, cpuBefore, (double) (width + 2) * repeats);
    data.destroy();
    PipelineBenchDriver.result("plain_remote", perNode);
  }

  /** Takes {@code count} completions: waits for one, then drains what else is there. */
  private static void await(IQueue<String> done, int count) throws InterruptedException {
    List<String> sink = new ArrayList<>();
    int left = count;
    while (left > 0) {
      if (done.poll(60, TimeUnit.SECONDS) == null) {
        throw new IllegalStateException("a plain worker did not complete a node in 60 s");
      }
      sink.clear();
      left -= 1 + done.drainTo(sink, left - 1);
    }
  }
}
