package io.sharedcatalog.it.parallel;

import com.hazelcast.core.Hazelcast;
import io.sharedcatalog.cluster.testing.TestCluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster member in a JVM of its own, for multi-JVM tests: {@code MemberMain CLUSTER_NAME PORT}
 * starts a member on 127.0.0.1:PORT (TestCluster's loopback config) and logs {@value #READY}; it
 * runs until killed.
 */
public final class MemberMain {
  /** Logged once the member is up. */
  public static final String READY = "MEMBER READY";

  private static final Logger log = LoggerFactory.getLogger(MemberMain.class);

  private MemberMain() {}

  public static void main(String[] args) {
    String clusterName = args[0];
    int port = Integer.parseInt(args[1]);
    Hazelcast.newHazelcastInstance(new TestCluster(clusterName).memberConfig(port));
    log.info("{} on 127.0.0.1:{}", READY, port);
  }
}
