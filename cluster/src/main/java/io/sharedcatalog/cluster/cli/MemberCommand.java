package io.sharedcatalog.cluster.cli;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.config.TcpIpConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent.LifecycleState;
import io.sharedcatalog.cluster.ClusterBootstrap;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
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
          + " prints its address; Ctrl+C hands its data to the other members first. A second"
          + " member on one machine joins the first with --port P --join 127.0.0.1:5701."
    })
final class MemberCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(MemberCommand.class);
  private static final Pattern JOIN_ADDRESS = Pattern.compile("[^\\s:]+:\\d{1,5}");

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

  @Option(
      names = "--join",
      paramLabel = "HOST:PORT",
      description =
          "A member to join (repeatable), added to the config's TCP-IP member list, e.g. the"
              + " first local member when this one has another --port.")
  List<String> join = new ArrayList<>();

  @Override
  public Integer call() throws InterruptedException {
    for (String address : join) {
      if (!JOIN_ADDRESS.matcher(address).matches()) {
        throw new ParameterException(
            spec.commandLine(),
            "--join '" + address + "' is not HOST:PORT, for example 127.0.0.1:5701");
      }
    }
    Config memberConfig =
        Clusters.memberConfig(
            ClusterBootstrap.member().config(config).clusterName(clusterName).port(port));
    TcpIpConfig tcpIp = memberConfig.getNetworkConfig().getJoin().getTcpIpConfig();
    for (String address : join) {
      if (!tcpIp.getMembers().contains(address)) {
        tcpIp.addMember(address);
      }
    }
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
    warnIfAlone(member, memberConfig);
    if (!member.getLifecycleService().isRunning()) {
      return ExitCodes.OK;
    }
    stopped.await();
    return ExitCodes.OK;
  }

  /**
   * One line on standard error when a member on a port other than the config's found nobody: the
   * user most likely meant it to join the member on the config's port, which its member list may
   * not reach (several {@code member --port P} on one machine otherwise form separate clusters).
   */
  private void warnIfAlone(HazelcastInstance member, Config memberConfig) {
    if (port == null || member.getCluster().getMembers().size() > 1) {
      return;
    }
    int configuredPort =
        Clusters.memberConfig(ClusterBootstrap.member().config(config).clusterName(clusterName))
            .getNetworkConfig()
            .getPort();
    if (configuredPort == port) {
      return;
    }
    PrintWriter err = spec.commandLine().getErr();
    err.printf(
        "Warning: this member on port %d is alone in cluster '%s' (the config's port is %d;"
            + " members tried: %s); to join a running member, add --join HOST:PORT.%n",
        port,
        memberConfig.getClusterName(),
        configuredPort,
        String.join(", ", memberConfig.getNetworkConfig().getJoin().getTcpIpConfig().getMembers()));
    err.flush();
  }
}
