package io.sharedcatalog.catalog.spi;

import io.sharedcatalog.catalog.DatasetException;

/**
 * Thrown by a dataset that {@link CatalogStore#provesBinding proves its binding} when the binding
 * it was made for no longer holds (the name was bound again, elsewhere): nothing was read or
 * written, and the catalog retries through the store's new binding.
 */
public class StaleBindingException extends DatasetException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; the message names the dataset and what happened. */
  public StaleBindingException(String message) {
    super(message);
  }
}
