package io.sharedcatalog.it.splitbrain;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.ClasspathYamlConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.ListenerConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleListener;
import io.sharedcatalog.cluster.ClusterBootstrap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A member for {@link SplitBrainIT}, run inside a network namespace: {@code SplitBrainMember
 * CLUSTER_NAME OWN_ADDRESS PEER_ADDRESS} starts a member on OWN_ADDRESS:5701 from the project's
 * packaged default config (so its merge policies are the ones under test), with TCP-IP join listing
 * both addresses and short heartbeat and merge delays, so a split is noticed and healed in seconds.
 * It logs {@value #SIZE} after every membership change and {@value #LIFECYCLE} on every lifecycle
 * event (MERGING, MERGED, ...); it runs until killed.
 */
public final class SplitBrainMember {
  /** Logged, followed by the member count, whenever the member list changes. */
  public static final String SIZE = "CLUSTER SIZE ";

  /** Logged, followed by the state, on every lifecycle event. */
  public static final String LIFECYCLE = "LIFECYCLE ";

  static final int PORT = 5701;

  private static final Logger log = LoggerFactory.getLogger(SplitBrainMember.class);

  private SplitBrainMember() {}

  public static void main(String[] args) {
    String clusterName = args[0];
    String own = args[1];
    String peer = args[2];
    Config config = new ClasspathYamlConfig(ClusterBootstrap.DEFAULT_MEMBER_CONFIG);
    config.setClusterName(clusterName);
    config.setProperty("hazelcast.partition.count", "71");
    config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    config.setProperty("hazelcast.max.no.heartbeat.seconds", "5");
    config.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
    config.setProperty("hazelcast.merge.next.run.delay.seconds", "3");
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.max.wait.seconds.before.join", "0");
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(PORT).setPortAutoIncrement(false).setPublicAddress(own + ":" + PORT);
    network.getInterfaces().clear().setEnabled(true).addInterface(own);
    network.getJoin().getAutoDetectionConfig().setEnabled(false);
    network.getJoin().getMulticastConfig().setEnabled(false);
    network
        .getJoin()
        .getTcpIpConfig()
        .setEnabled(true)
        .clear()
        .addMember(own + ":" + PORT)
        .addMember(peer + ":" + PORT);
    config.addListenerConfig(
        new ListenerConfig(
            (LifecycleListener) event -> log.info("{}{}", LIFECYCLE, event.getState())));
    config.addListenerConfig(
        new ListenerConfig(
            new MembershipListener() {
              @Override
              public void memberAdded(MembershipEvent event) {
                log.info("{}{}", SIZE, event.getMembers().size());
              }

              @Override
              public void memberRemoved(MembershipEvent event) {
                log.info("{}{}", SIZE, event.getMembers().size());
              }
            }));
    HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
    log.info("{}{}", SIZE, member.getCluster().getMembers().size());
  }
}
