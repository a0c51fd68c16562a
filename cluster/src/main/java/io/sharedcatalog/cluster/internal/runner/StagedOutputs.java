package io.sharedcatalog.cluster.internal.runner;

import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.cluster.SharedMemoryDataset;
import java.util.Objects;

/**
 * Where an attempt's outputs wait until the driver promotes them: a {@link SharedMemoryDataset} of
 * the run's catalog under the key {@code __attempt.<runId>.<attempt>.<dataset>}, never registered
 * in the catalog (so {@code names()} does not list it) and released as soon as it is promoted or
 * its attempt is abandoned.
 *
 * <p>This class is thread-safe.
 */
final class StagedOutputs {
  private final HazelcastInstance hz;
  private final RunDescriptor run;

  StagedOutputs(HazelcastInstance hz, RunDescriptor run) {
    this.hz = Objects.requireNonNull(hz, "hz");
    this.run = Objects.requireNonNull(run, "run");
  }

  static String stagedName(String runId, int attempt, String dataset) {
    return "__attempt." + runId + "." + attempt + "." + dataset;
  }

  /** The staged copy of {@code dataset} for {@code attempt}, bound to the cluster. */
  SharedMemoryDataset<Object> staged(String dataset, int attempt) {
    SharedMemoryDataset<Object> staged =
        new SharedMemoryDataset<>(run.catalogName(), stagedName(run.runId(), attempt, dataset));
    staged.setManager(hz);
    return staged;
  }
}
