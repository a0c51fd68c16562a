package io.sharedcatalog.catalog;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code String} stored in a UTF-8 text file, optionally versioned (Kedro's {@code
 * text.TextDataset}). Config keys: {@code filepath} (string, required), {@code versioned}
 * (boolean).
 *
 * <p>This class is thread-safe.
 */
public final class TextDataset extends AbstractVersionedDataset<String> {

  /** Creates an unversioned dataset for a file. */
  public TextDataset(String filepath) {
    this(filepath, null);
  }

  /**
   * Creates a dataset for a file, versioned when {@code version} is not null (see {@link
   * AbstractVersionedDataset}).
   */
  public TextDataset(String filepath, Version version) {
    super(Path.of(Objects.requireNonNull(filepath, "filepath")), version);
  }

  @Override
  protected String readFile(Path file) throws Exception {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  @Override
  protected void writeFile(Path file, String data) throws Exception {
    Files.writeString(file, data, StandardCharsets.UTF_8);
  }

  @Override
  protected Map<String, Object> doDescribe() {
    Map<String, Object> description = new LinkedHashMap<>();
    description.put("filepath", filepath().toString());
    description.put("version", version().orElse(null));
    return description;
  }
}
