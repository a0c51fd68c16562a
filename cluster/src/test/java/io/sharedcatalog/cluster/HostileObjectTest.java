package io.sharedcatalog.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.sharedcatalog.catalog.DatasetException;
import io.sharedcatalog.cluster.internal.store.ValueStore;
import io.sharedcatalog.cluster.testing.TestCluster;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An object that is not bytes, put into a value slot by another client with Java serialization, is
 * refused by a process started through {@link ClusterBootstrap} before its class is resolved (its
 * {@code readObject} never runs), the load fails naming the dataset, and a later save still works.
 */
class HostileObjectTest {
  private static TestCluster cluster;
  private static HazelcastInstance unguarded;
  private static HazelcastInstance guarded;

  /** Stands for a gadget: counts how often Java serialization brought one to life. */
  static final class Gadget implements Serializable {
    private static final long serialVersionUID = 1L;
    static final AtomicInteger READS = new AtomicInteger();

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
      in.defaultReadObject();
      READS.incrementAndGet();
    }
  }

  @BeforeAll
  static void startCluster() {
    cluster = TestCluster.withMembers(1);
    unguarded = cluster.startClient();
    guarded =
        ClusterBootstrap.client()
            .clusterName(cluster.clusterName())
            .addresses(List.of(cluster.firstMemberAddress()))
            .start();
  }

  @AfterAll
  static void stopCluster() {
    guarded.shutdown();
    cluster.close();
  }

  @Test
  void aJavaSerializedObjectInAValueSlotIsRefusedAndTheNextSaveStillLands() {
    String catalogName = "hostile-" + UUID.randomUUID().toString().substring(0, 8);
    SharedMemoryDataCatalog catalog = SharedMemoryDataCatalog.connect(guarded, catalogName);
    catalog.putData("orders", "first");
    IMap<String, Object> values = unguarded.getMap(ValueStore.mapName(catalogName, "values"));
    String slot = values.keySet().stream().filter(k -> k.startsWith("orders#")).findFirst().get();
    values.set(slot, new Gadget());
    int before = Gadget.READS.get();
    assertNotNull(values.get(slot));
    assertEquals(before + 1, Gadget.READS.get(), "an unfiltered client instantiates it");

    DatasetException e = assertThrows(DatasetException.class, () -> catalog.load("orders"));

    assertEquals(before + 1, Gadget.READS.get(), "the guarded client never ran readObject");
    String message = e.getMessage();
    assertTrue(message.contains("orders"), message);
    assertTrue(message.contains(Gadget.class.getName()), message);
    assertTrue(message.contains("refuses to deserialize"), message);
    assertFalse(message.contains("\n"), message);

    catalog.save("orders", "second");
    assertEquals("second", catalog.load("orders"));
    assertEquals(before + 1, Gadget.READS.get());
  }

  @Test
  void theBootstrapTurnsOnHazelcastsFilterUnlessTheConfigSetsItsOwn(@TempDir Path dir)
      throws IOException {
    JavaSerializationFilterConfig member =
        ClusterBootstrap.member()
            .build()
            .getSerializationConfig()
            .getJavaSerializationFilterConfig();
    JavaSerializationFilterConfig client =
        ClusterBootstrap.client()
            .build()
            .getSerializationConfig()
            .getJavaSerializationFilterConfig();
    assertNotNull(member);
    assertFalse(member.isDefaultsDisabled());
    assertNotNull(client);
    assertFalse(client.isDefaultsDisabled());

    Path bare = dir.resolve("member.yaml");
    Files.writeString(bare, "hazelcast:\n  cluster-name: bare\n");
    JavaSerializationFilterConfig added =
        ClusterBootstrap.member()
            .config(bare)
            .build()
            .getSerializationConfig()
            .getJavaSerializationFilterConfig();
    assertNotNull(added, "a config file without a filter gets the default one");
    assertFalse(added.isDefaultsDisabled());

    Path own = dir.resolve("client.yaml");
    Files.writeString(
        own,
        """
        hazelcast-client:
          serialization:
            java-serialization-filter:
              defaults-disabled: true
              whitelist:
                class:
                  - com.acme.Order
        """);
    JavaSerializationFilterConfig kept =
        ClusterBootstrap.client()
            .config(own)
            .build()
            .getSerializationConfig()
            .getJavaSerializationFilterConfig();
    assertTrue(kept.isDefaultsDisabled());
    assertTrue(kept.getWhitelist().getClasses().contains("com.acme.Order"));
  }
}
