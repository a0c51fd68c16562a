package io.sharedcatalog.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file whose bytes cannot be decoded fails naming the dataset, with the fix for its cause. */
class ObjectFileDatasetDecodingTest {
  /** Bounds a load that would hang without decoding limits; not a speed assertion. */
  private static final Duration HANG_BOUND = Duration.ofSeconds(10);

  @TempDir Path dir;

  private DatasetException loadFails(Path file) {
    ObjectFileDataset<Object> dataset = new ObjectFileDataset<>(file.toString());
    return assertTimeoutPreemptively(
        HANG_BOUND, () -> assertThrows(DatasetException.class, dataset::load));
  }

  private static void assertMentions(Exception e, String... parts) {
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), () -> "no '" + part + "' in: " + e.getMessage());
    }
  }

  @Test
  void aDamagedFileNamesTheDatasetAndSaysToSaveItAgain() throws Exception {
    Path file = dir.resolve("rows.bin");
    new ObjectFileDataset<List<Integer>>(file.toString()).save(List.of(1, 2, 3));
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length - 3));

    DatasetException e = loadFails(file);

    assertMentions(e, "rows.bin", "corrupt", "Save the dataset again");
    assertFalse(e.getMessage().contains("class path"), e::getMessage);
  }

  @Test
  void aFileHoldingTheHashSetBombNamesTheDatasetAndTheDepthLimit() throws Exception {
    Set<Object> root = new HashSet<>();
    Set<Object> s1 = root;
    Set<Object> s2 = new HashSet<>();
    for (int i = 0; i < 60; i++) {
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
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(4); // the codec's tag of a Java serialisation body
    try (ObjectOutputStream objects = new ObjectOutputStream(out)) {
      objects.writeObject(root);
    }
    Path file = dir.resolve("bomb.bin");
    Files.write(file, out.toByteArray());

    DatasetException e = loadFails(file);

    assertMentions(e, "bomb.bin", "sharedcatalog.codec.maxDepth");
  }

  @Test
  void aFileNamingAClassOutsideTheAllowListNamesTheClassAndHowToAllowIt() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(4);
    try (ObjectOutputStream objects = new ObjectOutputStream(out)) {
      objects.writeObject(new java.io.File("x"));
    }
    Path file = dir.resolve("file.bin");
    Files.write(file, out.toByteArray());

    DatasetException e = loadFails(file);

    assertMentions(e, "file.bin", "java.io.File", "sharedcatalog.codec.allowlist");
    assertEquals(-1, e.getMessage().indexOf("Failed while loading"), e::getMessage);
  }
}
