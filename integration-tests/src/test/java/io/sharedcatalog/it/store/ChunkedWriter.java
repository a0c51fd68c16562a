package io.sharedcatalog.it.store;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.cluster.internal.store.ValueStore;
import java.util.Random;

/**
 * A process that connects as a client and saves one large value, to be killed mid-save by {@link
 * WriterKilledMidSaveIT}. Arguments: {@code clusterName memberAddress catalogName datasetName
 * sizeBytes}.
 *
 * <p>This class is not thread-safe (it is a program).
 */
public final class ChunkedWriter {
  /** A record saved first, so the test sees a Fory-encoded value written by a forked JVM. */
  public record Row(int id, String name) {}

  private ChunkedWriter() {}

  /** Saves the value, then exits. */
  public static void main(String[] args) {
    ClientConfig config = new ClientConfig();
    config.setClusterName(args[0]);
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.getNetworkConfig().addAddress(args[1]);
    HazelcastInstance client = HazelcastClient.newHazelcastClient(config);
    byte[] value = new byte[Integer.parseInt(args[4])];
    new Random(7).nextBytes(value);
    ValueStore store = ValueStore.of(client, args[2]);
    store.put("rows", java.util.List.of(new Row(1, "one"), new Row(2, "two")));
    store.put(args[3], value);
    client.shutdown();
  }
}
