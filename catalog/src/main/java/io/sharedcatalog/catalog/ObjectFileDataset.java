package io.sharedcatalog.catalog;

import java.nio.file.Path;
import java.util.Map;

/**
 * A file dataset (skeleton).
 *
 * <p>This class is thread-safe.
 */
public final class ObjectFileDataset<T> extends AbstractVersionedDataset<T> {

  /** Creates an unversioned dataset. */
  public ObjectFileDataset(String filepath) {
    this(filepath, null);
  }

  /** Creates a dataset, versioned when {@code version} is not null. */
  public ObjectFileDataset(String filepath, Version version) {
    super(Path.of(filepath), version);
  }

  /** Creates a dataset from catalog configuration ({@code filepath}, {@code versioned}). */
  public ObjectFileDataset(Map<String, Object> config) {
    super(Path.of(String.valueOf(config.get("filepath"))), null);
  }

  @Override
  protected T readFile(Path file) throws Exception {
    throw new UnsupportedOperationException("skeleton");
  }

  @Override
  protected void writeFile(Path file, T data) throws Exception {
    throw new UnsupportedOperationException("skeleton");
  }

  @Override
  protected Map<String, Object> doDescribe() {
    throw new UnsupportedOperationException("skeleton");
  }
}
