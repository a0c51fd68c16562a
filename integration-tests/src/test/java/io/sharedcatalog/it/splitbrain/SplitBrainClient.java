package io.sharedcatalog.it.splitbrain;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.cluster.SharedMemoryDataCatalog;
import io.sharedcatalog.cluster.SharedMemoryDataset;
import java.util.List;

/**
 * A client for {@link SplitBrainIT}, run inside a network namespace: {@code SplitBrainClient
 * CLUSTER_NAME MEMBER_ADDRESS CATALOG OP...} connects to the one member at MEMBER_ADDRESS:5701 (no
 * smart routing: it only ever talks to the member of its own side), connects to the shared catalog
 * CATALOG and runs each OP in turn:
 *
 * <ul>
 *   <li>{@code put:NAME=VALUE} registers NAME as a new {@link SharedMemoryDataset} (a new binding,
 *       replacing any) and saves VALUE into it;
 *   <li>{@code save:NAME=VALUE} saves VALUE into the registered NAME;
 *   <li>{@code dump} prints {@value #NAMES} and the names in order, comma separated, then {@value
 *       #VALUE} {@code NAME=VALUE} for each name, as loaded.
 * </ul>
 *
 * Exits 0 once every OP is done, after shutting the client down.
 */
public final class SplitBrainClient {
  /** Prefix of the line listing {@code names()}. */
  public static final String NAMES = "RESULT NAMES ";

  /** Prefix of each line with a loaded value. */
  public static final String VALUE = "RESULT VALUE ";

  private SplitBrainClient() {}

  public static void main(String[] args) {
    ClientConfig config = new ClientConfig();
    config.setClusterName(args[0]);
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "slf4j");
    config
        .getNetworkConfig()
        .setSmartRouting(false)
        .addAddress(args[1] + ":" + SplitBrainMember.PORT);
    config
        .getConnectionStrategyConfig()
        .getConnectionRetryConfig()
        .setClusterConnectTimeoutMillis(30_000);
    HazelcastInstance client = HazelcastClient.newHazelcastClient(config);
    try {
      SharedMemoryDataCatalog catalog = SharedMemoryDataCatalog.connect(client, args[2]);
      for (String op : List.of(args).subList(3, args.length)) {
        run(catalog, op);
      }
    } finally {
      client.shutdown();
    }
  }

  private static void run(SharedMemoryDataCatalog catalog, String op) {
    if (op.equals("dump")) {
      List<String> names = List.copyOf(catalog.names());
      System.out.println(NAMES + String.join(",", names));
      for (String name : names) {
        System.out.println(VALUE + name + "=" + catalog.load(name, String.class));
      }
      return;
    }
    int colon = op.indexOf(':');
    int equals = op.indexOf('=');
    String name = op.substring(colon + 1, equals);
    String value = op.substring(equals + 1);
    switch (op.substring(0, colon)) {
      case "put" -> {
        catalog.put(name, new SharedMemoryDataset<String>());
        catalog.save(name, value);
      }
      case "save" -> catalog.save(name, value);
      default -> throw new IllegalArgumentException("unknown operation " + op);
    }
    System.out.println("RESULT DONE " + op);
  }
}
