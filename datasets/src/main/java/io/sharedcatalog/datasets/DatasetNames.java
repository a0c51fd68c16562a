package io.sharedcatalog.datasets;

import java.nio.file.Path;
import java.util.Map;

/** The name a dataset made outside a catalog goes by in messages. */
final class DatasetNames {
  private DatasetNames() {}

  /**
   * Returns the file name of {@code filepath} (or {@code path}, {@code table_name}), else
   * "dataset".
   */
  static String fromConfig(Map<String, Object> config) {
    if (config == null) {
      return "dataset";
    }
    for (String key : new String[] {"filepath", "path", "table_name"}) {
      if (config.get(key) instanceof String text && !text.isBlank()) {
        Path name = Path.of(text.replace("file://", "")).getFileName();
        return name == null ? text : name.toString();
      }
    }
    return "dataset";
  }
}
