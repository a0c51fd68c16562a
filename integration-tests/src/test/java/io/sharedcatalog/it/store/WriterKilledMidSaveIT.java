package io.sharedcatalog.it.store;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.sharedcatalog.cluster.internal.store.StoreSettings;
import io.sharedcatalog.cluster.internal.store.ValueStore;
import io.sharedcatalog.cluster.testing.TestCluster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WriterKilledMidSaveIT {
  private static final int CHUNK = 64 << 10;
  private static final int CHUNK_TTL_SECONDS = 3;
  private TestCluster cluster;
  private Process writer;

  @AfterEach
  void tearDown() {
    if (writer != null) {
      writer.destroyForcibly();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aWriterKilledMidSaveLeavesTheOldValueAndItsChunksExpireByThemselves() throws Exception {
    cluster = TestCluster.withMembers(2);
    HazelcastInstance client = cluster.startClient();
    StoreSettings settings = StoreSettings.defaults().withChunking(CHUNK, CHUNK);
    ValueStore store = ValueStore.of(client, "killed", settings);
    byte[] old = new byte[10 * CHUNK + 17];
    new Random(1).nextBytes(old);
    store.put("big", old);
    IMap<Object, byte[]> chunks = client.getMap(ValueStore.mapName("killed", "chunks"));
    int oldChunks = chunks.size();

    writer = startWriter(cluster, "killed", "big", 256 << 20);
    await().atMost(60, SECONDS).until(() -> chunks.size() >= oldChunks + 20);
    writer.destroyForcibly();
    writer.waitFor();

    assertArrayEquals(old, (byte[]) load(store, "big"));
    assertEquals(
        List.of(new ChunkedWriter.Row(1, "one"), new ChunkedWriter.Row(2, "two")),
        load(store, "rows"),
        "a record list encoded with Fory in the forked JVM decodes here");
    assertTrue(chunks.size() > oldChunks, "the killed writer left chunks behind");
    // written with a TTL of CHUNK_TTL_SECONDS and never made permanent: they expire on their own
    // counted by containsKey, which expires an entry whose TTL passed, so the count does not wait
    // for the members' background expiry (slow on a busy machine)
    await().atMost(90, SECONDS).until(() -> liveChunks(chunks) == oldChunks);
    assertArrayEquals(old, (byte[]) load(ValueStore.of(cluster.startClient(), "killed"), "big"));
  }

  private static long liveChunks(IMap<Object, byte[]> chunks) {
    return chunks.keySet().stream().filter(chunks::containsKey).count();
  }

  private static Object load(ValueStore store, String slot) {
    return ((ValueStore.Value) store.load(slot)).value();
  }

  private static Process startWriter(TestCluster cluster, String catalog, String name, int size)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String flags = System.getProperty("sharedcatalog.jvm.flags", "");
    command.addAll(Arrays.asList(flags.trim().split("\\s+")));
    command.add("-Xmx1g");
    command.add("-Dsharedcatalog.store.chunkBytes=" + CHUNK);
    command.add("-Dsharedcatalog.store.inlineMaxBytes=" + CHUNK);
    command.add("-Dsharedcatalog.store.maxInFlightBytes=" + CHUNK);
    command.add("-Dsharedcatalog.store.chunkTtlSeconds=" + CHUNK_TTL_SECONDS);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ChunkedWriter.class.getName());
    command.add(cluster.clusterName());
    command.add(cluster.firstMemberAddress());
    command.add(catalog);
    command.add(name);
    command.add(Integer.toString(size));
    return new ProcessBuilder(command).inheritIO().start();
  }
}
