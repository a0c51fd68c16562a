package io.sharedcatalog.datasets;

import io.sharedcatalog.catalog.AbstractDataset;
import io.sharedcatalog.catalog.DatasetException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Kedro's {@code pickle.PickleDataset}, which Java cannot read or write: Python's pickle format
 * holds Python objects. A catalog naming it still loads (so the rest of a Kedro project's catalog
 * works unchanged), and the dataset fails on first use with a message that names the Java
 * equivalent, {@code ObjectFileDataset} (same {@code filepath} and {@code versioned} keys).
 *
 * <p>This class is thread-safe (immutable).
 */
public final class PickleDataset extends AbstractDataset<Object> {
  static final String TYPE = "PickleDataset";

  private final String datasetName;
  private final Object filepath;

  /** Creates the placeholder from any Kedro config (its keys are not checked). */
  public PickleDataset(Map<String, Object> config) {
    this(DatasetNames.fromConfig(config), config);
  }

  PickleDataset(String datasetName, Map<String, Object> config) {
    this.datasetName = datasetName;
    this.filepath = config == null ? null : config.get("filepath");
  }

  private DatasetException unsupported(String what) {
    return new DatasetException(
        "Dataset '"
            + datasetName
            + "' has type pickle.PickleDataset, which cannot "
            + what
            + " in Java: pickle files hold Python objects. Use 'type: ObjectFileDataset' (same"
            + " 'filepath' and 'versioned' keys) for any Java value in a file, or a table type such"
            + " as pandas.ParquetDataset for tables.");
  }

  @Override
  protected Object doLoad() {
    throw unsupported("be loaded");
  }

  @Override
  protected void doSave(Object data) {
    throw unsupported("be saved");
  }

  @Override
  protected boolean doExists() {
    throw unsupported("be checked for existence");
  }

  @Override
  protected Map<String, Object> doDescribe() {
    Map<String, Object> description = new LinkedHashMap<>();
    description.put("filepath", filepath == null ? null : String.valueOf(filepath));
    return description;
  }
}
