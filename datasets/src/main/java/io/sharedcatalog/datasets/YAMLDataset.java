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
 * Any value in a YAML file (Kedro's {@code yaml.YAMLDataset}), optionally versioned: mappings load
 * as ordered {@code Map<String, Object>}, sequences as {@code List<Object>}. Saving writes block
 * style YAML.
 *
 * <p>Config keys: {@code filepath} (required), {@code versioned}, {@code save_args} (honoured:
 * sort_keys; ignored: default_flow_style, allow_unicode, indent, width), {@code credentials},
 * {@code fs_args} (its {@code encoding} honoured), {@code metadata}.
 *
 * <pre>{@code
 * model_options:
 *   type: yaml.YAMLDataset
 *   filepath: data/05_model_input/options.yml
 * }</pre>
 *
 * <p>This class is thread-safe.
 *
 * @param <T> the type of the value
 */
public final class YAMLDataset<T> extends FileDataset<T> {
  static final String TYPE = "YAMLDataset";

  private final Args save;

  /**
   * Creates a dataset from Kedro-shaped config (see the class comment).
   *
   * @throws io.sharedcatalog.catalog.DatasetException if a key or argument is not supported; the
   *     message names it
   */
  public YAMLDataset(Map<String, Object> config) {
    this(DatasetNames.fromConfig(config), config);
  }

  YAMLDataset(String datasetName, Map<String, Object> config) {
    this(new EntryConfig(datasetName, TYPE, Objects.requireNonNull(config, "config")));
  }

  private YAMLDataset(EntryConfig entry) {
    super(checked(entry), false);
    this.save =
        Args.of(
            entry,
            "save_args",
            Set.of("sort_keys"),
            Set.of("default_flow_style", "allow_unicode", "indent", "width"));
  }

  private static EntryConfig checked(EntryConfig entry) {
    Set<String> keys = new HashSet<>(FILE_KEYS);
    keys.addAll(List.of("save_args"));
    entry.requireOnly(keys);
    return entry;
  }

  @Override
  Object read(Path file) throws Exception {
    return JsonFormat.readYaml(file, fsEncoding(true));
  }

  @Override
  void write(Path file, Object data) throws Exception {
    JsonFormat.writeYaml(file, data, fsEncoding(false), save.bool("sort_keys", false));
  }

  @Override
  void describeInto(Map<String, Object> description) {
    description.put("save_args", save.values().isEmpty() ? null : save.values());
  }
}
