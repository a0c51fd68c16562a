package io.sharedcatalog.catalog;

import java.util.Map;

/** Runs the catalog contract on the in-process {@link DataCatalog}. */
class DataCatalogTest extends CatalogContractTests {

  @Override
  protected DataCatalog newCatalog() {
    return new DataCatalog();
  }

  @Override
  protected DataCatalog catalogFromConfig(Map<String, ?> config, Map<String, ?> credentials) {
    return DataCatalog.fromConfig(config, credentials, null, null);
  }
}
