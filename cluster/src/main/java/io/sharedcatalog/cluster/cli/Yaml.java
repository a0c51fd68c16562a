package io.sharedcatalog.cluster.cli;

import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * YAML in and out for the commands (block style, as Kedro prints it).
 *
 * <p>This class is thread-safe (it has no state).
 */
final class Yaml {
  private Yaml() {}

  /** Dumps a map as block-style YAML; an empty map as {@code {}}. */
  static String dump(Map<String, ?> value) {
    if (value.isEmpty()) {
      return "{}\n";
    }
    DumpSettings settings =
        DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).setIndent(2).build();
    return new Dump(settings).dumpToString(value);
  }

  /**
   * Loads a YAML mapping from text.
   *
   * @throws IllegalArgumentException if the text is not a mapping (an empty text is an empty map)
   */
  static Map<String, Object> loadMap(String text, String source) {
    Object loaded = new Load(LoadSettings.builder().setLabel(source).build()).loadFromString(text);
    if (loaded == null) {
      return new java.util.LinkedHashMap<>();
    }
    if (!(loaded instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException(
          source
              + " must hold a mapping of names to values, not "
              + loaded.getClass().getSimpleName());
    }
    Map<String, Object> result = new java.util.LinkedHashMap<>();
    map.forEach((key, val) -> result.put(String.valueOf(key), val));
    return result;
  }
}
