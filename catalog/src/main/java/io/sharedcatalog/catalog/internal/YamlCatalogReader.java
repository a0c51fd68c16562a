package io.sharedcatalog.catalog.internal;

import io.sharedcatalog.catalog.DatasetException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads Kedro's {@code catalog.yml} and {@code credentials.yml} files: a top-level map, with
 * anchors, aliases and {@code <<} merge keys resolved.
 *
 * <p>This class is thread-safe.
 */
public final class YamlCatalogReader {
  private static final String MERGE_KEY = "<<";

  private YamlCatalogReader() {}

  /**
   * Reads a YAML file holding a top-level map (an empty file is an empty map).
   *
   * @param what what the file is, for messages ("catalog", "credentials")
   * @throws DatasetException if the file cannot be read, is not valid YAML (the message names the
   *     file, line and column) or is not a map
   */
  public static Map<String, Object> read(Path file, String what) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new DatasetException(
          "The " + what + " file '" + file + "' does not exist. Check the path.", e);
    } catch (IOException e) {
      throw new DatasetException("Cannot read the " + what + " file '" + file + "': " + e, e);
    }
    return parse(text, file.toString(), what);
  }

  /**
   * Parses YAML text holding a top-level map.
   *
   * @param source names the text in messages (a file path)
   * @throws DatasetException if the text is not valid YAML or not a map
   */
  public static Map<String, Object> parse(String text, String source, String what) {
    Object loaded;
    try {
      Load load = new Load(LoadSettings.builder().setLabel(source).build());
      loaded = load.loadFromString(text);
    } catch (MarkedYamlEngineException e) {
      Mark mark = e.getProblemMark().orElse(e.getContextMark().orElse(null));
      String where =
          mark == null
              ? ""
              : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
      throw new DatasetException(
          "The "
              + what
              + " file '"
              + source
              + "' is not valid YAML"
              + where
              + ": "
              + e.getProblem()
              + ". Fix the YAML syntax there (indentation, quotes, brackets).",
          e);
    } catch (YamlEngineException e) {
      throw new DatasetException(
          "The " + what + " file '" + source + "' is not valid YAML: " + e.getMessage(), e);
    }
    if (loaded == null) {
      return new LinkedHashMap<>();
    }
    if (!(loaded instanceof Map<?, ?>)) {
      throw new DatasetException(
          "The "
              + what
              + " file '"
              + source
              + "' must hold a map of names to entries ('name: {type: ...}'), but holds a "
              + loaded.getClass().getSimpleName()
              + ".");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> result = (Map<String, Object>) resolveMerges(loaded, source, what);
    return result;
  }

  /** Resolves {@code <<} merge keys into new maps (anchored maps may be shared: never mutated). */
  private static Object resolveMerges(Object value, String source, String what) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> merged = new LinkedHashMap<>();
      Object mergeValue = map.get(MERGE_KEY);
      if (mergeValue != null) {
        List<Object> sources = new ArrayList<>();
        if (mergeValue instanceof List<?> list) {
          sources.addAll(list);
        } else {
          sources.add(mergeValue);
        }
        for (Object mergeSource : sources) {
          if (!(mergeSource instanceof Map<?, ?>)) {
            throw new DatasetException(
                "The "
                    + what
                    + " file '"
                    + source
                    + "' merges ('<<') something that is not a map: "
                    + mergeSource
                    + ". Merge an anchored map, for example '<<: *base'.");
          }
          Map<?, ?> resolved = (Map<?, ?>) resolveMerges(mergeSource, source, what);
          resolved.forEach((k, v) -> merged.putIfAbsent(String.valueOf(k), v));
        }
      }
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        String key = String.valueOf(entry.getKey());
        if (!MERGE_KEY.equals(key)) {
          merged.remove(key);
          merged.put(key, resolveMerges(entry.getValue(), source, what));
        }
      }
      return merged;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(v -> copy.add(resolveMerges(v, source, what)));
      return copy;
    }
    return value;
  }
}
