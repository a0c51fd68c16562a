package io.sharedcatalog.it.parallel;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.cluster.NodeEvent;
import io.sharedcatalog.cluster.ParallelRunner;
import io.sharedcatalog.cluster.SharedMemoryDataCatalog;
import io.sharedcatalog.pipeline.PipelineRegistry;
import io.sharedcatalog.runner.RunOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A driver in a JVM of its own, for tests that kill it: {@code DriverMain CLUSTER_NAME
 * MEMBER_ADDRESS CATALOG RUN_ID RUN_TTL_SECONDS} runs {@link ParallelItPipelines#SLOW} with no
 * local workers, with the runner's run TTL set to {@code RUN_TTL_SECONDS}, and logs {@value
 * #STARTED} and the node name for every node a worker starts.
 */
public final class DriverMain {
  /** Logged (with the node name) when a node starts. */
  public static final String STARTED = "NODE STARTED";

  private static final Logger log = LoggerFactory.getLogger(DriverMain.class);

  private DriverMain() {}

  public static void main(String[] args) {
    System.setProperty("sharedcatalog.runner.runTtlSeconds", args[4]);
    ClientConfig config = new ClientConfig();
    config.setClusterName(args[0]);
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.getNetworkConfig().addAddress(args[1]);
    HazelcastInstance client = HazelcastClient.newHazelcastClient(config);
    SharedMemoryDataCatalog catalog = SharedMemoryDataCatalog.connect(client, args[2]);
    catalog.putData("a", 4);
    new ParallelRunner(client, 0)
        .onEvent(
            e -> {
              if (e.kind() == NodeEvent.Kind.STARTED) {
                log.info("{} {}", STARTED, e.nodeName());
              }
            })
        .run(
            PipelineRegistry.find(ParallelItPipelines.SLOW),
            catalog,
            RunOptions.builder().runId(args[3]).build());
    client.shutdown();
  }
}
