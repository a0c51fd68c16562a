package io.sharedcatalog.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sharedcatalog.catalog.internal.codec.CodecException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class MemoryDatasetTest {

  record Point(int x, String label) {}

  record Holder(List<String> items) implements java.io.Serializable {}

  /** Neither immutable nor encodable. */
  /** Holds a thread, which the project's codec (Fory, or Java serialisation) cannot encode. */
  static final class Opaque {
    final List<String> parts = new ArrayList<>();
    final Thread worker = new Thread(() -> {});
  }

  @Test
  void loadBeforeSaveFailsWithKedrosMessage() {
    DatasetException e =
        assertThrows(DatasetException.class, () -> new MemoryDataset<String>().load());
    assertTrue(e.getMessage().contains("Data for MemoryDataset has not been saved yet."));
  }

  @Test
  void loadBeforeSaveInACatalogNamesTheDataset() {
    DataCatalog catalog = new DataCatalog(Map.of("features", new MemoryDataset<String>()));
    DatasetException e = assertThrows(DatasetException.class, () -> catalog.load("features"));
    assertTrue(e.getMessage().contains("'features'"), e.getMessage());
  }

  @Test
  void existsOnceDataIsHeldAndReleaseDropsIt() {
    MemoryDataset<String> dataset = new MemoryDataset<>();
    assertFalse(dataset.exists());
    dataset.save("x");
    assertTrue(dataset.exists());
    dataset.release();
    assertFalse(dataset.exists());
    assertThrows(DatasetException.class, dataset::load);
  }

  @Test
  void immutableValuesAreAssignedWithoutCopying() {
    for (Object value :
        List.of(
            "text",
            42,
            BigDecimal.ONE,
            LocalDate.of(2024, 1, 2),
            CopyMode.COPY,
            new Point(1, "a"),
            List.of("a", "b"),
            Map.of("k", List.of(1)))) {
      MemoryDataset<Object> dataset = new MemoryDataset<>(value);
      assertSame(value, dataset.load(), value.getClass().getName());
    }
  }

  @Test
  void mutableValuesAreDeepCopiedOnSaveAndLoad() {
    List<List<String>> saved = new ArrayList<>();
    saved.add(new ArrayList<>(List.of("a")));
    MemoryDataset<List<List<String>>> dataset = new MemoryDataset<>(saved);
    saved.get(0).add("changed after save");
    List<List<String>> loaded = dataset.load();
    assertEquals(List.of(List.of("a")), loaded);
    loaded.get(0).add("changed after load");
    assertEquals(List.of(List.of("a")), dataset.load());
    assertEquals(ArrayList.class, loaded.getClass());
  }

  @Test
  void deepCopyKeepsCollectionClassesAndCopiesArrays() {
    TreeMap<String, int[]> value = new TreeMap<>();
    value.put("b", new int[] {1, 2});
    MemoryDataset<TreeMap<String, int[]>> dataset = new MemoryDataset<>(value);
    value.get("b")[0] = 99;
    TreeMap<String, int[]> loaded = dataset.load();
    assertArrayEquals(new int[] {1, 2}, loaded.get("b"));
    assertEquals(TreeMap.class, loaded.getClass());
  }

  @Test
  void anUnmodifiableListOfMutableElementsIsDeepCopied() {
    List<String> inner = new ArrayList<>(List.of("x"));
    MemoryDataset<List<List<String>>> dataset = new MemoryDataset<>(List.of(inner));
    inner.add("y");
    assertEquals(List.of(List.of("x")), dataset.load());
  }

  @Test
  void encodableObjectsAreDeepCopiedThroughTheCodec() {
    Holder holder = new Holder(new ArrayList<>(List.of("a")));
    MemoryDataset<Holder> dataset = new MemoryDataset<>(holder);
    holder.items().add("b");
    assertEquals(List.of("a"), dataset.load().items());
    assertNotSame(dataset.load(), dataset.load());
  }

  @Test
  void aSelfReferencingListIsDeepCopied() {
    List<Object> cyclic = new ArrayList<>();
    cyclic.add(cyclic);
    List<?> loaded = new MemoryDataset<>(cyclic).load();
    assertNotSame(cyclic, loaded);
    assertSame(loaded, loaded.get(0));
  }

  @Test
  void aValueThatCannotBeDeepCopiedFailsSuggestingAssign() {
    DataCatalog catalog = new DataCatalog();
    DatasetException e =
        assertThrows(DatasetException.class, () -> catalog.putData("model", new Opaque()));
    assertTrue(e.getMessage().contains("'model'"), e.getMessage());
    assertTrue(e.getMessage().contains("ASSIGN"), e.getMessage());
    assertFalse(catalog.contains("model"));
  }

  @Test
  void aValueThatCannotBeDeepCopiedKeepsTheEncodingFailureAsCause() {
    DatasetException e =
        assertThrows(DatasetException.class, () -> new MemoryDataset<>(new Opaque()));
    assertTrue(e.getMessage().contains(Opaque.class.getName()), e.getMessage());
    assertTrue(e.getCause() instanceof CodecException, String.valueOf(e.getCause()));
    assertTrue(e.getMessage().contains(e.getCause().getMessage()), e.getMessage());
  }

  @Test
  void assignModeSharesTheObject() {
    Opaque value = new Opaque();
    MemoryDataset<Opaque> dataset = new MemoryDataset<>(value, CopyMode.ASSIGN);
    assertSame(value, dataset.load());
  }

  @Test
  void copyModeMakesAShallowCopy() {
    List<String> element = new ArrayList<>(List.of("e"));
    HashMap<String, List<String>> value = new HashMap<>(Map.of("k", element));
    MemoryDataset<HashMap<String, List<String>>> dataset =
        new MemoryDataset<>(value, CopyMode.COPY);
    value.put("other", List.of());
    HashMap<String, List<String>> loaded = dataset.load();
    assertEquals(Map.of("k", element), loaded);
    assertSame(element, loaded.get("k"));
    String[] array = {"a"};
    MemoryDataset<String[]> arrays = new MemoryDataset<>(array, CopyMode.COPY);
    array[0] = "changed";
    assertArrayEquals(new String[] {"a"}, arrays.load());
  }

  @Test
  void copyModeOnAnOpaqueObjectFailsNamingTheFix() {
    DatasetException e =
        assertThrows(
            DatasetException.class, () -> new MemoryDataset<>(new Opaque(), CopyMode.COPY));
    assertTrue(e.getMessage().contains("DEEPCOPY"), e.getMessage());
  }

  @Test
  void describeShowsTheHeldTypeAndExplicitMode() {
    assertEquals("MemoryDataset()", new MemoryDataset<>().toString());
    assertEquals("MemoryDataset(data=<Integer>)", new MemoryDataset<>(1).toString());
    assertEquals(
        "MemoryDataset(data=<String>, copy_mode=assign)",
        new MemoryDataset<>("x", CopyMode.ASSIGN).toString());
  }

  @Test
  void copyModeFromConfigIsApplied() {
    DataCatalog catalog =
        DataCatalog.fromConfig(
            Map.of(
                "shared", Map.of("type", "MemoryDataset", "copy_mode", "assign"),
                "bad", Map.of("type", "MemoryDataset", "copy_mode", "clone")));
    Opaque value = new Opaque();
    catalog.save("shared", value);
    assertSame(value, catalog.load("shared"));
    DatasetException e = assertThrows(DatasetException.class, () -> catalog.get("bad"));
    assertTrue(e.getMessage().contains("'bad'") && e.getMessage().contains("clone"));
  }
}
