package io.sharedcatalog.catalog;

import java.util.List;
import java.util.Map;

/** Registers {@code RecordingDataset} as type {@code Recording} through the SPI, for tests. */
public final class TestDatasetTypeProvider implements DatasetTypeProvider {
  @Override
  public String typeName() {
    return "Recording";
  }

  @Override
  public List<String> aliases() {
    return List.of("tests.Recording");
  }

  @Override
  public Class<?> datasetClass() {
    return CatalogContractTests.RecordingDataset.class;
  }

  @Override
  public Dataset<?> create(String datasetName, Map<String, Object> config) {
    return new CatalogContractTests.RecordingDataset(config);
  }
}
