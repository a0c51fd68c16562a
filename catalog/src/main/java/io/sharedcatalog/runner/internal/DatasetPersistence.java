package io.sharedcatalog.runner.internal;

import io.sharedcatalog.catalog.DataCatalog;
import io.sharedcatalog.catalog.Dataset;
import io.sharedcatalog.catalog.MemoryDataset;
import io.sharedcatalog.pipeline.Parameters;
import java.util.Optional;
import java.util.Set;

/**
 * Tells persisted datasets from ephemeral ones, Kedro's {@code _EPHEMERAL} flag. A dataset is
 * ephemeral when its value lives only as long as the process or cluster that holds it: {@link
 * MemoryDataset} and {@code io.sharedcatalog.cluster.SharedMemoryDataset} (and their subclasses).
 * Every other dataset (files and the like) is persisted: a later run can load what this run saved.
 *
 * <p>The shared dataset is recognised by its class name because this module does not depend on the
 * cluster module.
 *
 * <p>This class is thread-safe (it has no state).
 */
public final class DatasetPersistence {

  private static final Set<String> EPHEMERAL_CLASSES =
      Set.of(MemoryDataset.class.getName(), "io.sharedcatalog.cluster.SharedMemoryDataset");

  private DatasetPersistence() {}

  /**
   * Tells whether a dataset is ephemeral.
   *
   * @param dataset the dataset
   * @return true for memory-like datasets whose value does not outlive their holder
   */
  public static boolean isEphemeral(Dataset<?> dataset) {
    if (dataset.isEphemeral()) {
      return true;
    }
    // A SharedMemoryDataset of a connected catalog says false (its value outlives the run, which
    // onlyMissingOutputs relies on), but a run releases its intermediates, so a resume suggestion
    // never counts on one: this rule keeps its class-based answer.
    for (Class<?> type = dataset.getClass(); type != null; type = type.getSuperclass()) {
      if (EPHEMERAL_CLASSES.contains(type.getName())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Tells whether a catalog's dataset is persisted, Kedro's test in {@code
   * _enumerate_non_persistent_inputs}: a name the catalog does not know, or an ephemeral dataset,
   * is not persisted. Parameters count as persisted (a new run puts them in again).
   *
   * @param catalog the catalog
   * @param datasetName the dataset's name
   * @return true if a new run can load the dataset without re-running the node that produced it
   */
  public static boolean isPersisted(DataCatalog catalog, String datasetName) {
    if (Parameters.isParameter(datasetName)) {
      return true;
    }
    Optional<Dataset<?>> dataset = catalog.find(datasetName);
    return dataset.isPresent() && !isEphemeral(dataset.get());
  }
}
