package io.sharedcatalog.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AbstractDatasetTest {

  /** A dataset whose operations throw what it is given. */
  private static final class FailingDataset extends AbstractDataset<String> {
    private final Exception failure;

    FailingDataset(Exception failure) {
      this.failure = failure;
    }

    @Override
    protected String doLoad() throws Exception {
      throw failure;
    }

    @Override
    protected void doSave(String data) throws Exception {
      throw failure;
    }

    @Override
    protected boolean doExists() throws Exception {
      throw failure;
    }

    @Override
    protected Map<String, Object> doDescribe() {
      Map<String, Object> description = new LinkedHashMap<>();
      description.put("path", "some/file");
      description.put("skipped", null);
      description.put("mode", "strict");
      return description;
    }
  }

  @Test
  void aLoadFailureIsWrappedWithTheDatasetAndTheCause() {
    IOException cause = new IOException("disk gone");
    DatasetException e =
        assertThrows(DatasetException.class, () -> new FailingDataset(cause).load());
    assertTrue(
        e.getMessage()
            .startsWith(
                "Failed while loading data from dataset FailingDataset(path=some/file, mode=strict)"),
        e.getMessage());
    assertSame(cause, e.getCause());
  }

  @Test
  void aSaveFailureIsWrappedWithTheDatasetAndTheCause() {
    IllegalStateException cause = new IllegalStateException("read only");
    DatasetException e =
        assertThrows(DatasetException.class, () -> new FailingDataset(cause).save("x"));
    assertTrue(
        e.getMessage().startsWith("Failed while saving data to dataset FailingDataset("),
        e.getMessage());
    assertSame(cause, e.getCause());
  }

  @Test
  void aDatasetExceptionFromTheDatasetPassesThroughUnwrapped() {
    VersionNotFoundException own = new VersionNotFoundException("no version");
    FailingDataset dataset = new FailingDataset(own);
    assertSame(own, assertThrows(DatasetException.class, dataset::load));
    assertSame(own, assertThrows(DatasetException.class, () -> dataset.save("x")));
    assertSame(own, assertThrows(DatasetException.class, dataset::exists));
  }

  @Test
  void savingNullIsNotAllowed() {
    MemoryDataset<String> dataset = new MemoryDataset<>("kept");
    DatasetException e = assertThrows(DatasetException.class, () -> dataset.save(null));
    assertTrue(e.getMessage().contains("null"), e.getMessage());
    assertEquals("kept", dataset.load());
  }

  @Test
  void toStringPrintsTheDescriptionInOrderWithoutNulls() {
    FailingDataset dataset = new FailingDataset(new Exception());
    assertEquals("FailingDataset(path=some/file, mode=strict)", dataset.toString());
    assertEquals(List.of("path", "skipped", "mode"), List.copyOf(dataset.describe().keySet()));
  }

  @Test
  void existsIsFalseAndReleaseDoesNothingByDefault() {
    AbstractDataset<String> minimal =
        new AbstractDataset<>() {
          @Override
          protected String doLoad() {
            return "x";
          }

          @Override
          protected void doSave(String data) {}

          @Override
          protected Map<String, Object> doDescribe() {
            return Map.of();
          }
        };
    minimal.release();
    assertEquals(false, minimal.exists());
  }
}
