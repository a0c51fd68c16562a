package io.sharedcatalog.datasets;

import io.sharedcatalog.datasets.internal.Args;
import io.sharedcatalog.datasets.internal.EntryConfig;
import io.sharedcatalog.datasets.internal.JsonFormat;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Any JSON value in a file (Kedro's {@code json.JSONDataset}), optionally versioned: objects load
 * as ordered {@code Map<String, Object>}, arrays as {@code List<Object>}, numbers as {@code
 * Integer}/{@code Long}/{@code Double}. Saving takes maps, lists, texts, numbers, booleans, records
 * and {@code java.time} values (as ISO-8601 texts).
 *
 * <p>Config keys: {@code filepath} (required), {@code versioned}, {@code save_args} (honoured:
 * indent, sort_keys, ensure_ascii; ignored: default, separators), {@code credentials}, {@code
 * fs_args} (its {@code encoding} honoured), {@code metadata}.
 *
 * <pre>{@code
 * parameters_used:
 *   type: json.JSONDataset
 *   filepath: data/08_reporting/params.json
 *   save_args: {indent: 2}
 * }</pre>
 *
 * <p>This class is thread-safe.
 *
 * @param <T> the type of the value
 */
public final class JSONValueDataset<T> extends FileDataset<T> {
  static final String TYPE = "JSONValueDataset";

  private final Args save;

  /**
   * Creates a dataset from Kedro-shaped config (see the class comment).
   *
   * @throws io.sharedcatalog.catalog.DatasetException if a key or argument is not supported; the
   *     message names it
   */
  public JSONValueDataset(Map<String, Object> config) {
    this(DatasetNames.fromConfig(config), config);
  }

  JSONValueDataset(String datasetName, Map<String, Object> config) {
    this(new EntryConfig(datasetName, TYPE, Objects.requireNonNull(config, "config")));
  }

  private JSONValueDataset(EntryConfig entry) {
    super(checked(entry), false);
    this.save =
        Args.of(
            entry,
            "save_args",
            Set.of("indent", "sort_keys", "ensure_ascii"),
            Set.of("default", "separators"));
  }

  private static EntryConfig checked(EntryConfig entry) {
    Set<String> keys = new HashSet<>(FILE_KEYS);
    keys.addAll(List.of("save_args"));
    entry.requireOnly(keys);
    return entry;
  }

  @Override
  Object read(Path file) throws Exception {
    return JsonFormat.readValue(file, fsEncoding(true));
  }

  @Override
  void write(Path file, Object data) throws Exception {
    JsonFormat.writeValue(
        file,
        data,
        fsEncoding(false),
        save.integer("indent", 0),
        save.bool("sort_keys", false),
        save.bool("ensure_ascii", false));
  }

  @Override
  void describeInto(Map<String, Object> description) {
    description.put("save_args", save.values().isEmpty() ? null : save.values());
  }
}
