package io.sharedcatalog.catalog;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A file dataset that can be versioned: each save goes to {@code filepath/<version>/<filename>}.
 *
 * <p>This class is thread-safe if the subclass's file methods are.
 *
 * @param <T> the type of the data
 */
public abstract class AbstractVersionedDataset<T> extends AbstractDataset<T> {

  /**
   * Creates the dataset.
   *
   * @param filepath the file, or for a versioned dataset the folder of versions
   * @param version the versions to use, or {@code null} for an unversioned dataset
   */
  protected AbstractVersionedDataset(Path filepath, Version version) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Returns the configured file path. */
  public final Path filepath() {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Returns the versions, empty for an unversioned dataset. */
  public final Optional<Version> version() {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Loads a given version, whatever this dataset's load version. */
  public final T load(String version) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Returns the version a load would read. */
  public final String resolveLoadVersion() {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Reads the value from a file. */
  protected abstract T readFile(Path file) throws Exception;

  /** Writes the value to a (temporary) file. */
  protected abstract void writeFile(Path file, T data) throws Exception;

  @Override
  protected final T doLoad() throws Exception {
    throw new UnsupportedOperationException("skeleton");
  }

  @Override
  protected final void doSave(T data) throws Exception {
    throw new UnsupportedOperationException("skeleton");
  }

  @Override
  protected boolean doExists() throws Exception {
    throw new UnsupportedOperationException("skeleton");
  }
}
