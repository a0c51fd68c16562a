package io.sharedcatalog.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sharedcatalog.catalog.internal.VersionTimestamps;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionedDatasetTest {
  @TempDir Path dir;

  /** Writes half the data, then fails: a crash in the middle of a save. */
  private static final class CrashingTextDataset extends AbstractVersionedDataset<String> {
    CrashingTextDataset(Path filepath, Version version) {
      super(filepath, version);
    }

    @Override
    protected String readFile(Path file) throws Exception {
      return Files.readString(file);
    }

    @Override
    protected void writeFile(Path file, String data) throws Exception {
      Files.writeString(file, data.substring(0, data.length() / 2));
      throw new java.io.IOException("crashed mid-write");
    }

    @Override
    protected Map<String, Object> doDescribe() {
      return Map.of("filepath", filepath());
    }
  }

  @Test
  void anUnversionedTextDatasetRoundTripsUtf8() throws Exception {
    Path file = dir.resolve("sub/notes.txt");
    TextDataset dataset = new TextDataset(file.toString());
    assertFalse(dataset.exists());
    dataset.save("grüße");
    assertTrue(dataset.exists());
    assertEquals("grüße", new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
    assertEquals("grüße", dataset.load());
    dataset.save("again");
    assertEquals("again", dataset.load());
  }

  @Test
  void concurrentSavesOfOneVersionKeepExactlyOneAndFailTheOthers() throws Exception {
    Path folder = dir.resolve("raced.txt");
    int writers = 4;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      for (int round = 0; round < 2000; round++) {
        String version = "v-" + round;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> saves = new ArrayList<>();
        for (int writer = 0; writer < writers; writer++) {
          String text = "writer " + writer + " of round " + round;
          TextDataset dataset = new TextDataset(folder.toString(), new Version(null, version));
          saves.add(
              pool.submit(
                  () -> {
                    start.await();
                    try {
                      dataset.save(text);
                      return text;
                    } catch (VersionAlreadyExistsException e) {
                      return null;
                    }
                  }));
        }
        start.countDown();
        List<String> saved = new ArrayList<>();
        for (Future<String> save : saves) {
          String text = save.get(20, TimeUnit.SECONDS);
          if (text != null) {
            saved.add(text);
          }
        }
        assertEquals(1, saved.size(), "saves of version " + version + " that succeeded: " + saved);
        assertEquals(
            saved.get(0), new TextDataset(folder.toString(), new Version(version, null)).load());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aVersionedSaveWritesPathVersionFilename() throws Exception {
    Path file = dir.resolve("model.txt");
    TextDataset dataset = new TextDataset(file.toString(), new Version(null, null));
    dataset.save("v1");
    List<Path> versions;
    try (Stream<Path> listing = Files.list(file)) {
      versions = listing.toList();
    }
    assertEquals(1, versions.size());
    String version = versions.get(0).getFileName().toString();
    assertTrue(version.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}\\.\\d{2}\\.\\d{2}\\.\\d{3}Z"), version);
    assertEquals("v1", Files.readString(file.resolve(version).resolve("model.txt")));
    assertEquals(version, dataset.resolveLoadVersion().orElseThrow());
  }

  @Test
  void loadWithoutAVersionReadsTheLatest() {
    String path = dir.resolve("data.txt").toString();
    TextDataset dataset = new TextDataset(path, new Version(null, null));
    dataset.save("first");
    dataset.save("second");
    assertEquals("second", dataset.load());
    new TextDataset(path, new Version(null, "9999-01-01T00.00.00.000Z")).save("newest");
    assertEquals("newest", new TextDataset(path, new Version(null, null)).load());
  }

  @Test
  void aPinnedLoadVersionIsRead() {
    String path = dir.resolve("data.txt").toString();
    new TextDataset(path, new Version(null, "a")).save("from a");
    new TextDataset(path, new Version(null, "b")).save("from b");
    assertEquals("from a", new TextDataset(path, new Version("a", null)).load());
    assertEquals("from a", new TextDataset(path, new Version(null, null)).load("a"));
  }

  @Test
  void loadingWithNoVersionSavedFails() {
    TextDataset dataset =
        new TextDataset(dir.resolve("none.txt").toString(), new Version(null, null));
    VersionNotFoundException e = assertThrows(VersionNotFoundException.class, dataset::load);
    assertTrue(e.getMessage().contains("Did not find any versions"), e.getMessage());
    assertFalse(dataset.exists());
  }

  @Test
  void loadingAMissingPinnedVersionFails() {
    String path = dir.resolve("data.txt").toString();
    new TextDataset(path, new Version(null, "a")).save("x");
    assertThrows(
        VersionNotFoundException.class,
        () -> new TextDataset(path, new Version("zzz", null)).load());
    assertFalse(new TextDataset(path, new Version("zzz", null)).exists());
  }

  @Test
  void savingAnExistingVersionFailsAndKeepsIt() {
    String path = dir.resolve("data.txt").toString();
    TextDataset dataset = new TextDataset(path, new Version(null, "fixed"));
    dataset.save("original");
    assertThrows(VersionAlreadyExistsException.class, () -> dataset.save("overwrite"));
    assertEquals("original", dataset.load());
  }

  @Test
  void aSaveVersionBeforeTheLoadVersionLogsAWarning() {
    String path = dir.resolve("data.txt").toString();
    new TextDataset(path, new Version(null, "b")).save("newer");
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      new TextDataset(path, new Version(null, "a")).save("older");
    } finally {
      System.setErr(original);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    assertTrue(log.contains("Save version 'a' did not match load version 'b'"), log);
  }

  @Test
  void aCrashMidSaveLeavesNoHalfWrittenVersion() throws Exception {
    Path file = dir.resolve("report.txt");
    new TextDataset(file.toString(), new Version(null, "1")).save("complete");
    CrashingTextDataset crashing = new CrashingTextDataset(file, new Version(null, "2"));
    DatasetException e = assertThrows(DatasetException.class, () -> crashing.save("half of this"));
    assertTrue(e.getMessage().startsWith("Failed while saving data to dataset"), e.getMessage());
    assertFalse(Files.exists(file.resolve("2").resolve("report.txt")));
    assertEquals("complete", new TextDataset(file.toString(), new Version(null, null)).load());
    try (Stream<Path> leftovers = Files.list(file.resolve("2"))) {
      assertEquals(0, leftovers.count());
    }
  }

  @Test
  void aCrashMidSaveKeepsThePreviousUnversionedFile() throws Exception {
    Path file = dir.resolve("plain.txt");
    new TextDataset(file.toString()).save("previous");
    assertThrows(
        DatasetException.class, () -> new CrashingTextDataset(file, null).save("new data"));
    assertEquals("previous", Files.readString(file));
    try (Stream<Path> listing = Files.list(dir)) {
      assertEquals(1, listing.count());
    }
  }

  @Test
  void versioningAPathThatIsAlreadyAFileFailsWithTheFix() throws Exception {
    Path file = dir.resolve("old.txt");
    Files.writeString(file, "unversioned");
    DatasetException e =
        assertThrows(
            DatasetException.class,
            () -> new TextDataset(file.toString(), new Version(null, null)).save("x"));
    assertTrue(e.getMessage().contains("already exists"), e.getMessage());
    assertEquals("unversioned", Files.readString(file));
  }

  @Test
  void loadingAVersionOfAnUnversionedDatasetFails() {
    TextDataset dataset = new TextDataset(dir.resolve("x.txt").toString());
    dataset.save("x");
    assertThrows(DatasetException.class, () -> dataset.load("v"));
  }

  @Test
  void objectFileDatasetRoundTripsValues() {
    ObjectFileDataset<Map<String, List<Integer>>> dataset =
        new ObjectFileDataset<>(dir.resolve("obj.bin").toString(), new Version(null, null));
    dataset.save(Map.of("a", List.of(1, 2)));
    assertEquals(Map.of("a", List.of(1, 2)), dataset.load());
    assertTrue(dataset.toString().startsWith("ObjectFileDataset(filepath="), dataset.toString());
  }

  @Test
  void generatedVersionsAreStrictlyIncreasing() {
    String previous = VersionTimestamps.generate();
    for (int i = 0; i < 100; i++) {
      String next = VersionTimestamps.generate();
      assertTrue(next.compareTo(previous) > 0, previous + " then " + next);
      previous = next;
    }
  }
}
