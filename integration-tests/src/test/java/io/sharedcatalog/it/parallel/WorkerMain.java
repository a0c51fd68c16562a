package io.sharedcatalog.it.parallel;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.cluster.Worker;
import io.sharedcatalog.cluster.WorkerOptions;
import io.sharedcatalog.cluster.internal.runner.FaultInjection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A remote worker in a JVM of its own: {@code WorkerMain CLUSTER_NAME MEMBER_ADDRESS WORKER_ID}
 * connects a Hazelcast client to the member, starts a {@link Worker} that knows the pipelines of
 * {@link ParallelItPipelines} (found through {@code ServiceLoader}), logs {@value #READY}, and runs
 * until killed. An optional fourth argument {@code NODE:MILLIS} makes the first attempt of that
 * node log {@value #BEFORE_COMMIT} and wait that long after staging its outputs and before
 * committing, so a test can kill or freeze the worker between the two.
 */
public final class WorkerMain {
  /** Logged once the worker is running. */
  public static final String READY = "WORKER READY";

  /** Logged (with the node name) when an attempt staged its outputs and is about to commit. */
  public static final String BEFORE_COMMIT = "BEFORE COMMIT";

  private static final Logger log = LoggerFactory.getLogger(WorkerMain.class);

  private WorkerMain() {}

  public static void main(String[] args) {
    ClientConfig config = new ClientConfig();
    config.setClusterName(args[0]);
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.getNetworkConfig().addAddress(args[1]);
    HazelcastInstance client = HazelcastClient.newHazelcastClient(config);
    if (args.length > 3) {
      installPauseBeforeCommit(args[3]);
    }
    Worker worker = Worker.start(client, WorkerOptions.builder().workerId(args[2]).build());
    log.info("{} {}", READY, worker.id());
  }

  private static void installPauseBeforeCommit(String spec) {
    String node = spec.substring(0, spec.indexOf(':'));
    long millis = Long.parseLong(spec.substring(spec.indexOf(':') + 1));
    FaultInjection.onBeforeCommit(
        (name, attempt) -> {
          if (name.equals(node) && attempt == 1) {
            log.info("{} {} attempt {}", BEFORE_COMMIT, name, attempt);
            try {
              Thread.sleep(millis); // the window a test kills or freezes this JVM in
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt(); // the lease was taken back meanwhile
            }
          }
        });
  }
}
