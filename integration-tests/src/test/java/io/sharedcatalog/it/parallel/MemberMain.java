package io.sharedcatalog.it.parallel;

import com.hazelcast.core.Hazelcast;
import io.sharedcatalog.cluster.testing.TestCluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster member in a JVM of its own, for multi-JVM tests: {@code MemberMain CLUSTER_NAME PORT
 * [JOIN_ADDRESS...]} starts a member on 127.0.0.1:PORT (TestCluster's loopback config, also listing
 * the given addresses to join) and logs {@value #READY}; it runs until killed.
 */
public final class MemberMain {
  /** Logged once the member is up. */
  public static final String READY = "MEMBER READY";

  private static final Logger log = LoggerFactory.getLogger(MemberMain.class);

  private MemberMain() {}

  public static void main(String[] args) {
    String clusterName = args[0];
    int port = Integer.parseInt(args[1]);
    var config = new TestCluster(clusterName).memberConfig(port);
    for (int i = 2; i < args.length; i++) { // further members' addresses to join
      config.getNetworkConfig().getJoin().getTcpIpConfig().addMember(args[i]);
    }
    Hazelcast.newHazelcastInstance(config);
    log.info("{} on 127.0.0.1:{}", READY, port);
  }
}
