package io.sharedcatalog.cluster;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.sharedcatalog.catalog.DatasetException;
import io.sharedcatalog.cluster.internal.store.ValueStore;
import io.sharedcatalog.cluster.testing.TestCluster;
import io.sharedcatalog.pipeline.Node;
import io.sharedcatalog.pipeline.Pipeline;
import io.sharedcatalog.runner.RunFailedException;
import io.sharedcatalog.runner.Runner;
import io.sharedcatalog.runner.SequentialRunner;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A node whose input cannot be decoded fails the run, with a message naming the dataset and the fix
 * that fits the cause, and never hangs: the deserialisation bomb of 60 nested {@code HashSet}s
 * (saved by another client, as any writer to the cluster can) and a stored value cut short (its
 * bytes changed in the values map by another client).
 */
class UndecodableInputTest {
  /** Bounds a run that would hang without decoding limits; not a speed assertion. */
  private static final Duration HANG_BOUND = Duration.ofSeconds(60);

  private static TestCluster cluster;
  private static HazelcastInstance writer;
  private static HazelcastInstance driver;
  private String catalogName;

  @BeforeAll
  static void startCluster() {
    cluster = TestCluster.withMembers(1);
    writer = cluster.startClient();
    driver = cluster.startClient();
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  @BeforeEach
  void name() {
    catalogName = "undecodable-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** The classic deserialisation bomb: every set holds the same two sets of the next level. */
  private static Set<Object> hashSetNest(int levels) {
    Set<Object> root = new HashSet<>();
    Set<Object> s1 = root;
    Set<Object> s2 = new HashSet<>();
    for (int i = 0; i < levels; i++) {
      Set<Object> t1 = new HashSet<>();
      Set<Object> t2 = new HashSet<>();
      t1.add("foo");
      s1.add(t1);
      s1.add(t2);
      s2.add(t1);
      s2.add(t2);
      s1 = t1;
      s2 = t2;
    }
    return root;
  }

  private static Pipeline consuming(String input, AtomicBoolean ran) {
    return Pipeline.of(
        Node.of(
            "consume",
            List.of(input),
            List.of("out"),
            in -> {
              ran.set(true);
              return Map.of("out", 1);
            }));
  }

  /** Runs and returns the failure, asserting that no node function ran on the bad input. */
  private RunFailedException runFails(Runner runner, String input) {
    SharedMemoryDataCatalog catalog = SharedMemoryDataCatalog.connect(driver, catalogName);
    AtomicBoolean ran = new AtomicBoolean();
    RunFailedException failure =
        assertTimeoutPreemptively(
            HANG_BOUND,
            () ->
                assertThrows(
                    RunFailedException.class, () -> runner.run(consuming(input, ran), catalog)));
    assertFalse(ran.get(), "the node ran on an undecodable input");
    return failure;
  }

  private static DatasetException datasetFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof DatasetException dataset) {
        return dataset;
      }
    }
    throw new AssertionError("no DatasetException in " + failure, failure);
  }

  private static void assertMentions(Throwable e, String... parts) {
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), () -> "no '" + part + "' in: " + e.getMessage());
    }
  }

  private void saveBomb() {
    SharedMemoryDataCatalog.connect(writer, catalogName).putData("bomb", hashSetNest(60));
  }

  @Test
  void aBombAsInputFailsTheParallelRunNamingTheDatasetAndTheDepthLimit() {
    saveBomb();

    RunFailedException failure = runFails(new ParallelRunner(driver, 1), "bomb");

    DatasetException cause = datasetFailure(failure);
    assertMentions(cause, "bomb", catalogName, "sharedcatalog.codec.maxDepth");
  }

  @Test
  void aBombAsInputFailsTheSequentialRunNamingTheDatasetAndTheDepthLimit() {
    saveBomb();

    RunFailedException failure = runFails(new SequentialRunner(), "bomb");

    assertMentions(datasetFailure(failure), "bomb", "sharedcatalog.codec.maxDepth");
  }

  @Test
  void aValueCutShortInTheClusterSaysItIsCorruptAndToSaveItAgain() {
    SharedMemoryDataCatalog.connect(writer, catalogName).putData("rows", List.of(1, 2, 3, 4, 5));
    // another client changes the bytes: the store's values map holds byte[] entries (whatever
    // their layout, cutting one short leaves a value that cannot be decoded)
    IMap<String, byte[]> values = writer.getMap(ValueStore.mapName(catalogName, "values"));
    String slot = values.keySet().stream().filter(k -> k.startsWith("rows#")).findFirst().get();
    byte[] entry = values.get(slot);
    values.set(slot, Arrays.copyOf(entry, entry.length - 4));

    RunFailedException failure = runFails(new ParallelRunner(driver, 1), "rows");

    DatasetException cause = datasetFailure(failure);
    assertMentions(cause, "rows", "corrupt", "Save the dataset again");
    assertFalse(cause.getMessage().contains("classpath"), cause::getMessage);
    assertFalse(cause.getMessage().contains("class path"), cause::getMessage);
  }
}
