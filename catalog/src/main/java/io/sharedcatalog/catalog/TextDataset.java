package io.sharedcatalog.catalog;

import java.nio.file.Path;
import java.util.Map;

/**
 * A file dataset (skeleton).
 *
 * <p>This class is thread-safe.
 */
public final class TextDataset extends AbstractVersionedDataset<String> {

  /** Creates an unversioned dataset. */
  public TextDataset(String filepath) {
    this(filepath, null);
  }

  /** Creates a dataset, versioned when {@code version} is not null. */
  public TextDataset(String filepath, Version version) {
    super(Path.of(filepath), version);
  }

  /** Creates a dataset from catalog configuration ({@code filepath}, {@code versioned}). */
  public TextDataset(Map<String, Object> config) {
    super(Path.of(String.valueOf(config.get("filepath"))), null);
  }

  @Override
  protected String readFile(Path file) throws Exception {
    throw new UnsupportedOperationException("skeleton");
  }

  @Override
  protected void writeFile(Path file, String data) throws Exception {
    throw new UnsupportedOperationException("skeleton");
  }

  @Override
  protected Map<String, Object> doDescribe() {
    throw new UnsupportedOperationException("skeleton");
  }
}
