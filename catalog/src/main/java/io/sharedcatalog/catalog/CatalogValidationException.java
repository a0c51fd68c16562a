package io.sharedcatalog.catalog;

import java.util.List;
import java.util.Objects;

/**
 * A catalog validation found datasets that cannot be shared; {@link #datasetNames()} lists them.
 *
 * <p>This class is thread-safe.
 */
public class CatalogValidationException extends DatasetException {
  private static final long serialVersionUID = 1L;

  private final List<String> datasetNames;

  /**
   * Creates the exception.
   *
   * @param message what failed and how to fix it
   * @param datasetNames the datasets that failed validation, in any order
   */
  public CatalogValidationException(String message, List<String> datasetNames) {
    super(message);
    this.datasetNames =
        Objects.requireNonNull(datasetNames, "datasetNames").stream().sorted().toList();
  }

  /** Returns the names of the datasets that failed validation, sorted. */
  public List<String> datasetNames() {
    return datasetNames;
  }
}
