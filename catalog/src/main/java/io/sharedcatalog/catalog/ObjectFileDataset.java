package io.sharedcatalog.catalog;

import io.sharedcatalog.catalog.internal.codec.CodecException;
import io.sharedcatalog.catalog.internal.codec.ValueCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Any value stored in a file in the project's binary value encoding, optionally versioned (the
 * counterpart of Kedro's {@code pickle.PickleDataset}). Config keys: {@code filepath} (string,
 * required), {@code versioned} (boolean).
 *
 * <p>This class is thread-safe.
 *
 * @param <T> the type of the data
 */
public final class ObjectFileDataset<T> extends AbstractVersionedDataset<T> {

  /** Creates an unversioned dataset for a file. */
  public ObjectFileDataset(String filepath) {
    this(filepath, null);
  }

  /**
   * Creates a dataset for a file, versioned when {@code version} is not null (see {@link
   * AbstractVersionedDataset}).
   */
  public ObjectFileDataset(String filepath, Version version) {
    super(Path.of(Objects.requireNonNull(filepath, "filepath")), version);
  }

  @Override
  @SuppressWarnings("unchecked")
  protected T readFile(Path file) throws Exception {
    try {
      return (T) ValueCodec.shared().decode(Files.readAllBytes(file));
    } catch (CodecException e) {
      // the codec's message ends with the fix that fits its cause
      throw new DatasetException("Cannot load " + file + " of " + this + ": " + e.getMessage(), e);
    }
  }

  @Override
  protected void writeFile(Path file, T data) throws Exception {
    Files.write(file, ValueCodec.shared().encode(data));
  }

  @Override
  protected Map<String, Object> doDescribe() {
    Map<String, Object> description = new LinkedHashMap<>();
    description.put("filepath", filepath().toString());
    description.put("version", version().orElse(null));
    return description;
  }
}
