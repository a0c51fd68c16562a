package io.sharedcatalog.it.parallel;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.cluster.Worker;
import io.sharedcatalog.cluster.WorkerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A remote worker in a JVM of its own: {@code WorkerMain CLUSTER_NAME MEMBER_ADDRESS WORKER_ID}
 * connects a Hazelcast client to the member, starts a {@link Worker} that knows the pipelines of
 * {@link ParallelItPipelines} (found through {@code ServiceLoader}), logs {@value #READY}, and runs
 * until killed.
 */
public final class WorkerMain {
  /** Logged once the worker is running. */
  public static final String READY = "WORKER READY";

  private static final Logger log = LoggerFactory.getLogger(WorkerMain.class);

  private WorkerMain() {}

  public static void main(String[] args) {
    ClientConfig config = new ClientConfig();
    config.setClusterName(args[0]);
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.getNetworkConfig().addAddress(args[1]);
    HazelcastInstance client = HazelcastClient.newHazelcastClient(config);
    Worker worker = Worker.start(client, WorkerOptions.builder().workerId(args[2]).build());
    log.info("{} {}", READY, worker.id());
  }
}
