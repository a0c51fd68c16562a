package io.sharedcatalog.bench;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.util.List;
import java.util.Locale;

/**
 * The route {@code run} and {@code demo} use by default: the data members and their clients all in
 * one JVM (the benchmark's own), on a cluster of their own. Measures the same handoffs as the
 * forked routes, and the small-read stall during a 64 MiB save.
 *
 * <p>This class is not thread-safe.
 */
final class InJvmRoute {
  private final HandoffBenchmark bench;
  private final String clusterName;

  InJvmRoute(HandoffBenchmark bench, String clusterName) {
    this.bench = bench;
    this.clusterName = clusterName;
  }

  void run(List<HandoffBenchmark.Payload> payloads, List<String> only) throws Exception {
    int firstPort = BenchMember.freePort();
    String first = "127.0.0.1:" + firstPort;
    HazelcastInstance memberA =
        Hazelcast.newHazelcastInstance(BenchMember.memberConfig(clusterName, firstPort, first));
    bench.instances.add(memberA);
    HazelcastInstance memberB =
        Hazelcast.newHazelcastInstance(
            BenchMember.memberConfig(clusterName, BenchMember.freePort(), first));
    bench.instances.add(memberB);
    HazelcastInstance clientA = client(first);
    HazelcastInstance clientB = client(first);
    HandoffBenchmark.Path2 plainA = HandoffPaths.plain(clientA);
    HandoffBenchmark.Path2 plainB = HandoffPaths.plain(clientB);
    HandoffBenchmark.Path2 catalogA = HandoffPaths.catalog(clientA, null, new String[1]);
    HandoffBenchmark.Path2 catalogB = HandoffPaths.catalog(clientB, null, new String[1]);
    for (HandoffBenchmark.Payload payload : payloads) {
      if (only != null && !only.contains(payload.label().replace(" ", ""))) {
        continue;
      }
      double[] times =
          bench.handoff(payload, plainA, plainB, catalogA, catalogB, null, null, null, null);
      bench.row(payload, "in-JVM c->c", times);
    }
    HandoffBenchmark.Payload big = payloads.get(payloads.size() - 1);
    HandoffExtras extras = new HandoffExtras(bench);
    double[] catalogStall = extras.stallDuring(big, catalogA, catalogB);
    double[] plainStall = extras.stallDuring(big, plainA, plainB);
    System.out.printf(
        Locale.ROOT,
        "in-JVM route (2 members and 2 clients in this JVM): small read during %s saves: max %s,"
            + " p99 %s (catalog); plain IMap: max %s, p99 %s%n",
        big.label(),
        HandoffBenchmark.format(catalogStall[0]),
        HandoffBenchmark.format(catalogStall[1]),
        HandoffBenchmark.format(plainStall[0]),
        HandoffBenchmark.format(plainStall[1]));
  }

  private HazelcastInstance client(String address) {
    HazelcastInstance client =
        HazelcastClient.newHazelcastClient(BenchMember.clientConfig(clusterName, address));
    bench.instances.add(client);
    return client;
  }
}
