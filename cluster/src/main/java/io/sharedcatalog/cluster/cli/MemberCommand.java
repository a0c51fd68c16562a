package io.sharedcatalog.cluster.cli;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent.LifecycleState;
import io.sharedcatalog.cluster.ClusterBootstrap;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code member}: starts a Hazelcast member of the cluster, prints its address and runs until
 * stopped (Ctrl+C shuts it down gracefully, handing its data to the other members).
 *
 * <p>This class is not thread-safe.
 */
@Command(
    name = "member",
    mixinStandardHelpOptions = true,
    description = {
      "Starts a cluster member and runs until stopped (Ctrl+C).",
      "Members hold the shared catalog's data; start one per machine (or several on one). It"
          + " prints its address; Ctrl+C hands its data to the other members first."
    })
final class MemberCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(MemberCommand.class);

  @Spec CommandSpec spec;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Hazelcast member config (.yaml or .xml). Default: -Dhazelcast.config, else the packaged"
              + " hazelcast.yaml (127.0.0.1 only, joins 127.0.0.1:5701).")
  Path config;

  @Option(
      names = "--cluster-name",
      paramLabel = "NAME",
      description = "Cluster name, overriding the config's (default config: sharedcatalog).")
  String clusterName;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      converter = PortConverter.class,
      description =
          "Port to listen on, exactly (no auto-increment). Default: the config's (5701, or the"
              + " next free one).")
  Integer port;

  @Override
  public Integer call() throws InterruptedException {
    Config memberConfig =
        Clusters.memberConfig(
            ClusterBootstrap.member().config(config).clusterName(clusterName).port(port));
    memberConfig.setProperty("hazelcast.shutdownhook.policy", "GRACEFUL");
    HazelcastInstance member = Clusters.startMember(memberConfig);
    CountDownLatch stopped = new CountDownLatch(1);
    member
        .getLifecycleService()
        .addLifecycleListener(
            event -> {
              if (event.getState() == LifecycleState.SHUTDOWN) {
                stopped.countDown();
              }
            });
    member
        .getCluster()
        .addMembershipListener(
            new MembershipListener() {
              @Override
              public void memberAdded(MembershipEvent event) {
                log.info("Member joined: {} ({} members)", event.getMember().getAddress(), size());
              }

              @Override
              public void memberRemoved(MembershipEvent event) {
                log.info("Member left: {} ({} members)", event.getMember().getAddress(), size());
              }

              private int size() {
                return member.getCluster().getMembers().size();
              }
            });
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "Member %s of cluster '%s' is running (%d member%s). Stop it with Ctrl+C.%n",
        Clusters.address(member),
        memberConfig.getClusterName(),
        member.getCluster().getMembers().size(),
        member.getCluster().getMembers().size() == 1 ? "" : "s");
    out.flush();
    if (!member.getLifecycleService().isRunning()) {
      return ExitCodes.OK;
    }
    stopped.await();
    return ExitCodes.OK;
  }
}
