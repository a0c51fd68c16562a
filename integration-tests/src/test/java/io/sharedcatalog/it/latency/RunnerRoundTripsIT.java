package io.sharedcatalog.it.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.cluster.ParallelRunner;
import io.sharedcatalog.cluster.SharedMemoryDataCatalog;
import io.sharedcatalog.cluster.Worker;
import io.sharedcatalog.cluster.WorkerOptions;
import io.sharedcatalog.cluster.testing.TestCluster;
import io.sharedcatalog.pipeline.Pipeline;
import io.sharedcatalog.pipeline.PipelineRegistry;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the round trips one node of a chain costs on the critical path of a {@code ParallelRunner}
 * run with a remote worker, the driver and the worker each behind a proxy that adds {@value
 * #DELAY_MILLIS} ms each way: from the commit of one node to the commit of the next, the driver
 * learns of the commit, promotes the output, releases what is no longer read and offers the next
 * node, and a worker claims it, loads its input, stages its output and commits. A node of n round
 * trips takes about n times {@value #ROUND_TRIP_MILLIS} ms.
 */
class RunnerRoundTripsIT {
  private static final Logger log = LoggerFactory.getLogger(RunnerRoundTripsIT.class);
  private static final long DELAY_MILLIS = 20;
  private static final long ROUND_TRIP_MILLIS = 2 * DELAY_MILLIS;

  /**
   * The bound. Measured with this test: 13.95 round trips per chain node before the runner's calls
   * were cut (the driver's task entry and registry read per offer and promotion, the claim before
   * the input's load), 11.5 after, 6.8 once a small output travelled in its attempt's commit (no
   * staged write, and a promotion of one {@code replace} instead of get, replace, delete); the rest
   * is the worker's poll, claim, input load and commit, the driver's publication and the release of
   * the previous node's output.
   */
  private static final double MAX_ROUND_TRIPS = 9;

  @Test
  void aChainNodeOnARemoteWorkerCostsFewRoundTrips() throws Exception {
    try (TestCluster cluster = TestCluster.withMembers(1)) {
      String[] member = cluster.firstMemberAddress().split(":");
      InetSocketAddress target = new InetSocketAddress(member[0], Integer.parseInt(member[1]));
      try (LatencyProxy driverProxy = new LatencyProxy(target, DELAY_MILLIS);
          LatencyProxy workerProxy = new LatencyProxy(target, DELAY_MILLIS)) {
        List<HazelcastInstance> clients = new ArrayList<>();
        try {
          HazelcastInstance driver = client(cluster, driverProxy, clients);
          HazelcastInstance workerClient = client(cluster, workerProxy, clients);
          SharedMemoryDataCatalog catalog = SharedMemoryDataCatalog.connect(driver, "runner_rtt");
          catalog.putData("r0", 0);
          try (Worker worker =
              Worker.start(
                  workerClient,
                  WorkerOptions.builder().workerId("rtt-worker").threads(2).build())) {
            ParallelRunner runner = new ParallelRunner(driver, 0);
            Pipeline chain = PipelineRegistry.find(RunnerItPipelines.CHAIN);
            Pipeline first = chain.onlyNodes("rt1");
            // each run once before measuring (proxies, bindings, classes, the JIT), then the
            // fewest round trips of three tries, so that a pause of this busy JVM is not counted
            double whole = Double.MAX_VALUE;
            double one = Double.MAX_VALUE;
            for (int i = 0; i < 4; i++) {
              double a = roundTrips(() -> runner.run(chain, catalog));
              double b = roundTrips(() -> runner.run(first, catalog));
              if (i > 0) {
                whole = Math.min(whole, a);
                one = Math.min(one, b);
              }
            }
            // the run's own set-up and tear-down cancel out: (chain - one node) / (length - 1)
            double perNode = (whole - one) / (RunnerItPipelines.LENGTH - 1);
            log.info(
                "round trips: {}-node chain {}, its first node alone {}, so {} per chain node",
                RunnerItPipelines.LENGTH,
                whole,
                one,
                perNode);

            assertEquals(RunnerItPipelines.LENGTH, catalog.load("r6", Integer.class));
            assertTrue(perNode < MAX_ROUND_TRIPS, perNode + " round trips per chain node");
          }
        } finally {
          clients.forEach(HazelcastInstance::shutdown);
        }
      }
    }
  }

  /** How many round trips {@code call} took: its duration over one round trip's. */
  private static double roundTrips(Runnable call) {
    long start = System.nanoTime();
    call.run();
    return (System.nanoTime() - start) / 1e6 / ROUND_TRIP_MILLIS;
  }

  private static HazelcastInstance client(
      TestCluster cluster, LatencyProxy proxy, List<HazelcastInstance> clients) {
    ClientConfig config = cluster.clientConfig();
    config.getNetworkConfig().getAddresses().clear();
    config.getNetworkConfig().addAddress("127.0.0.1:" + proxy.port()).setSmartRouting(false);
    HazelcastInstance client = HazelcastClient.newHazelcastClient(config);
    clients.add(client);
    return client;
  }
}
