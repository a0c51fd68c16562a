package io.sharedcatalog.cluster;

import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.catalog.CatalogConfig;
import io.sharedcatalog.catalog.CatalogContractTests;
import io.sharedcatalog.catalog.DataCatalog;
import io.sharedcatalog.cluster.testing.TestCluster;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Runs the catalog contract on connected {@link SharedMemoryDataCatalog}s: a two-member cluster
 * started once for the class, every catalog a client's view under a catalog name of its own.
 */
class SharedMemoryDataCatalogContractTest extends CatalogContractTests {
  private static TestCluster cluster;
  private static HazelcastInstance client;

  @BeforeAll
  static void startCluster() {
    cluster = TestCluster.withMembers(2);
    client = cluster.startClient();
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  private static String uniqueCatalogName() {
    return "contract-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Override
  protected DataCatalog newCatalog() {
    return SharedMemoryDataCatalog.connect(client, uniqueCatalogName());
  }

  @Override
  protected DataCatalog catalogFromConfig(Map<String, ?> config, Map<String, ?> credentials) {
    return SharedMemoryDataCatalog.connect(
        client,
        uniqueCatalogName(),
        new CatalogConfig(
            config == null ? null : new LinkedHashMap<>(config),
            credentials == null ? null : new LinkedHashMap<>(credentials),
            null,
            null));
  }
}
