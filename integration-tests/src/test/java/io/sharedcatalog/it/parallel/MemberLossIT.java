package io.sharedcatalog.it.parallel;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.cluster.SharedMemoryDataCatalog;
import io.sharedcatalog.cluster.testing.TestCluster;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A member SIGKILLed under load: three forked members, two clients saving small and chunked values
 * without pause. Calls in flight on the dead member are retried, so none fails, and every
 * acknowledged save is still there afterwards (one synchronous backup per entry).
 */
class MemberLossIT {
  private static final int SAVERS = 2;
  private static final int NAMES = 20;
  private final List<ForkedJvm> members = new ArrayList<>();
  private final List<HazelcastInstance> clients = new ArrayList<>();

  @AfterEach
  void tearDown() {
    clients.forEach(HazelcastInstance::shutdown);
    members.forEach(ForkedJvm::close);
  }

  @Test
  void aMemberKilledUnderLoadFailsNoCallAndLosesNoAcknowledgedSave() throws Exception {
    String clusterName = "loss-" + UUID.randomUUID().toString().substring(0, 8);
    int[] ports = {TestCluster.freePort(), TestCluster.freePort(), TestCluster.freePort()};
    String first = "127.0.0.1:" + ports[0];
    for (int port : ports) {
      members.add(
          ForkedJvm.start(
                  "member-" + port, MemberMain.class, clusterName, String.valueOf(port), first)
              .awaitLogged(MemberMain.READY));
    }
    for (int i = 0; i < SAVERS + 1; i++) {
      ClientConfig config = new ClientConfig();
      config.setClusterName(clusterName);
      config.setProperty("hazelcast.phone.home.enabled", "false");
      config.setProperty("hazelcast.logging.type", "slf4j");
      for (int port : ports) {
        config.getNetworkConfig().addAddress("127.0.0.1:" + port);
      }
      clients.add(HazelcastClient.newHazelcastClient(config));
    }
    await().atMost(60, SECONDS).until(() -> clients.get(0).getCluster().getMembers().size() == 3);

    Map<String, Object> acknowledged = new ConcurrentHashMap<>();
    AtomicInteger saves = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    List<Throwable> errors = new ArrayList<>();
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(SAVERS);
    List<Future<?>> work = new ArrayList<>();
    for (int s = 0; s < SAVERS; s++) {
      SharedMemoryDataCatalog catalog = SharedMemoryDataCatalog.connect(clients.get(s), "loss");
      String prefix = "s" + s + "-";
      work.add(
          pool.submit(
              () -> {
                for (int k = 0; !stop.get(); k++) {
                  String name = prefix + (k % NAMES);
                  Object value = k % 10 == 0 ? chunked(k) : prefix + k;
                  try {
                    catalog.get(name, true);
                    catalog.save(name, value);
                    acknowledged.put(name, value);
                    saves.incrementAndGet();
                  } catch (RuntimeException e) {
                    failures.incrementAndGet();
                    synchronized (errors) {
                      errors.add(e);
                    }
                  }
                }
                return null;
              }));
    }
    await().atMost(60, SECONDS).until(() -> saves.get() >= 300);
    int beforeKill = saves.get();
    members.get(1).kill();
    await().atMost(60, SECONDS).until(() -> clients.get(0).getCluster().getMembers().size() == 2);
    await().atMost(60, SECONDS).until(() -> saves.get() >= beforeKill + 600);
    stop.set(true);
    for (Future<?> future : work) {
      future.get(60, SECONDS);
    }
    pool.shutdown();

    assertEquals(0, failures.get(), "failed calls: " + errors);
    SharedMemoryDataCatalog reader = SharedMemoryDataCatalog.connect(clients.get(SAVERS), "loss");
    int lost = 0;
    for (Map.Entry<String, Object> saved : acknowledged.entrySet()) {
      Object loaded = reader.load(saved.getKey());
      boolean same =
          saved.getValue() instanceof byte[] bytes
              ? loaded instanceof byte[] back && Arrays.equals(bytes, back)
              : saved.getValue().equals(loaded);
      if (!same) {
        lost++;
      }
    }
    assertEquals(0, lost, "acknowledged saves lost, of " + acknowledged.size());
    assertTrue(saves.get() > beforeKill, "saves went on after the kill");
  }

  /** A value of three chunks, stamped with {@code k}. */
  private static byte[] chunked(int k) {
    byte[] bytes = new byte[5 << 20];
    Arrays.fill(bytes, (byte) k);
    return bytes;
  }
}
