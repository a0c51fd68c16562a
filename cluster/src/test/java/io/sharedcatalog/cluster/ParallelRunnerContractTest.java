package io.sharedcatalog.cluster;

import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.catalog.CatalogConfig;
import io.sharedcatalog.catalog.DataCatalog;
import io.sharedcatalog.cluster.testing.TestCluster;
import io.sharedcatalog.runner.Runner;
import io.sharedcatalog.runner.RunnerContractTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The runner contract suite on ParallelRunner: a two-member cluster, the driver on a client with
 * two local workers, and a fresh connected shared catalog per test.
 *
 * <p>One case is left out: it watches releases through a {@code RecordingDataset}, a dataset with
 * no config, which a shared catalog refuses by design (other JVMs could not re-create it). {@code
 * ParallelRunnerTest} checks the same release in the cluster's values map instead.
 */
@ExtendWith(ParallelRunnerContractTest.SkipUnshareable.class)
class ParallelRunnerContractTest extends RunnerContractTest {
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

  @Override
  protected Runner runner() {
    return new ParallelRunner(client, 2);
  }

  @Override
  protected DataCatalog newCatalog() {
    return SharedMemoryDataCatalog.connect(
        client, "contract-" + UUID.randomUUID().toString().substring(0, 8));
  }

  @Override
  protected DataCatalog newCatalog(Map<String, Object> config) {
    return SharedMemoryDataCatalog.connect(
        client,
        "contract-" + UUID.randomUUID().toString().substring(0, 8),
        new CatalogConfig(config, null, null, null));
  }

  /** A connected catalog's values outlive the run: only unregistered names are ephemeral. */
  @Override
  protected boolean registeredMemoryIsEphemeral() {
    return false;
  }

  /** Disables the contract case that needs a dataset a shared catalog cannot hold. */
  static final class SkipUnshareable implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return context
          .getTestMethod()
          .filter(
              m ->
                  m.getName()
                      .equals(
                          "intermediatesAreReleasedAfterTheirLastReaderAndInputsAndOutputsAreKept"))
          .map(
              m ->
                  ConditionEvaluationResult.disabled(
                      "RecordingDataset has no config, so a shared catalog refuses it;"
                          + " ParallelRunnerTest checks releases in the cluster"))
          .orElse(ConditionEvaluationResult.enabled("shareable"));
    }
  }
}
