package io.sharedcatalog.it.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.cluster.SharedMemoryDataCatalog;
import io.sharedcatalog.cluster.testing.TestCluster;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the round trips of the shared catalog's calls from a client behind a proxy that adds
 * {@value #DELAY_MILLIS} ms each way: a call of n round trips takes n times {@value
 * #ROUND_TRIP_MILLIS} ms plus a little processing.
 */
class RegistrationRoundTripsIT {
  private static final Logger log = LoggerFactory.getLogger(RegistrationRoundTripsIT.class);
  private static final long DELAY_MILLIS = 100;
  private static final long ROUND_TRIP_MILLIS = 2 * DELAY_MILLIS;

  @Test
  void registeringANewNameCostsAtMostThreeRoundTripsAndASaveOrLoadOne() throws Exception {
    try (TestCluster cluster = TestCluster.withMembers(1)) {
      String[] member = cluster.firstMemberAddress().split(":");
      try (LatencyProxy proxy =
          new LatencyProxy(
              new InetSocketAddress(member[0], Integer.parseInt(member[1])), DELAY_MILLIS)) {
        ClientConfig config = cluster.clientConfig();
        config.getNetworkConfig().getAddresses().clear();
        config.getNetworkConfig().addAddress("127.0.0.1:" + proxy.port()).setSmartRouting(false);
        HazelcastInstance client = HazelcastClient.newHazelcastClient(config);
        try {
          SharedMemoryDataCatalog catalog = SharedMemoryDataCatalog.connect(client, "rtt");
          // each call once before measuring: proxies, generations, the order list, classes and
          // the JIT; then the fewest round trips of three tries, so a pause of this busy JVM is
          // not counted as a round trip
          double viaPattern = Double.MAX_VALUE;
          double putData = Double.MAX_VALUE;
          double save = Double.MAX_VALUE;
          double load = Double.MAX_VALUE;
          for (int i = 0; i < 4; i++) {
            String first = "orders" + i;
            String put = "stock" + i;
            double a = roundTrips(() -> catalog.get(first, true));
            double b = roundTrips(() -> catalog.putData(put, 1));
            double c = roundTrips(() -> catalog.save(first, 42));
            double d = roundTrips(() -> catalog.load(first, Integer.class));
            if (i > 0) {
              viaPattern = Math.min(viaPattern, a);
              putData = Math.min(putData, b);
              save = Math.min(save, c);
              load = Math.min(load, d);
            }
          }
          log.info(
              "round trips: first use of a new name {}, putData of a new name {}, save {}, load {}",
              viaPattern,
              putData,
              save,
              load);

          assertTrue(
              viaPattern < 3.5, "first use of a new name took " + viaPattern + " round trips");
          assertTrue(putData < 3.5, "putData of a new name took " + putData + " round trips");
          assertTrue(save < 1.5, "a save took " + save + " round trips");
          assertTrue(load < 1.5, "a load took " + load + " round trips");
          assertEquals(42, catalog.load("orders3", Integer.class));
        } finally {
          client.shutdown();
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
}
