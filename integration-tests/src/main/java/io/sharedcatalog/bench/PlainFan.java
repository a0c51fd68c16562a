package io.sharedcatalog.bench;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.io.IOException;
import java.util.Map;

/**
 * Plain Hazelcast doing what a sequential fan-200 run on a connected catalog does, for the
 * benchmark's ratio: per middle node one {@code get} of {@code x0} and one {@code set} of its
 * output, then the sum's 200 {@code get}s and one {@code set}, then 200 {@code delete}s (the
 * releases of the intermediates), all from one client thread into one {@code IMap}.
 *
 * <p>This class is not thread-safe (a benchmark step).
 */
final class PlainFan {
  private PlainFan() {}

  /**
   * Runs it {@link PipelineBenchDriver#WARM_UPS} times to warm up, then {@code repeats} times, and
   * prints the median per node.
   */
  static void sequential(HazelcastInstance hz, int repeats, Map<String, Long> pids)
      throws IOException {
    IMap<String, Object> map = hz.getMap("bench_plain_fan");
    int width = BenchPipelines.FAN_WIDTH;
    int nodes = width + 2;
    double[] perNode = new double[repeats];
    Map<String, Long> cpuBefore = Map.of();
    for (int run = 0; run < PipelineBenchDriver.WARM_UPS + repeats; run++) {
      if (run == PipelineBenchDriver.WARM_UPS) {
        cpuBefore = PipelineBenchDriver.cpuNow(pids);
      }
      long start = System.nanoTime();
      map.set("x0", 1);
      for (int i = 1; i <= width; i++) {
        map.set("y" + i, (int) map.get("x0") + 1);
      }
      int sum = 0;
      for (int i = 1; i <= width; i++) {
        sum += (int) map.get("y" + i);
      }
      map.set("total", sum);
      for (int i = 1; i <= width; i++) {
        map.delete("y" + i);
      }
      map.delete("x0");
      if (run >= PipelineBenchDriver.WARM_UPS) {
        perNode[run - PipelineBenchDriver.WARM_UPS] = (System.nanoTime() - start) / 1e6 / nodes;
      }
    }
    PipelineBenchDriver.printCpu("plain_sequential", pids, cpuBefore, (double) nodes * repeats);
    map.destroy();
    PipelineBenchDriver.result("plain_sequential", perNode);
  }
}
