package io.sharedcatalog.cluster.cli;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.json.JsonUtil;
import io.sharedcatalog.cluster.internal.runner.ClusterActivity;
import io.sharedcatalog.cluster.internal.runner.RunSnapshot;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code runs}: the parallel runs in progress and those finished in the last hour, with each node's
 * state, attempt, worker and time, read from a running cluster as a client.
 *
 * <p>This class is not thread-safe.
 */
@Command(
    name = "runs",
    mixinStandardHelpOptions = true,
    description = {
      "Lists the cluster's parallel runs: in progress, then finished in the last hour.",
      "For each run: pipeline, status, nodes done/total, driver, start; for each node its state,"
          + " attempt, worker and time."
    })
final class RunsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ClusterOptions cluster;

  @Option(names = "--json", description = "Print JSON (one array of runs) for scripts.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    HazelcastInstance client = cluster.connect(spec);
    PrintWriter out = spec.commandLine().getOut();
    try {
      List<RunSnapshot> runs = new ClusterActivity(client).runs();
      if (json) {
        List<Object> list = new ArrayList<>();
        runs.forEach(r -> list.add(r.toMap()));
        out.println(JsonUtil.toJson(list));
      } else if (runs.isEmpty()) {
        out.println("No run in progress or finished in the last hour.");
      } else {
        for (RunSnapshot run : runs) {
          print(out, run);
        }
      }
      out.flush();
    } finally {
      client.shutdown();
    }
    return ExitCodes.OK;
  }

  private static void print(PrintWriter out, RunSnapshot run) {
    out.printf(
        "%s  pipeline=%s catalog=%s %s %d/%d nodes done, driver %s, started %s%s%n",
        run.runId(),
        run.pipeline().isEmpty() ? "(local-only)" : run.pipeline(),
        run.catalog(),
        run.status(),
        run.nodesDone(),
        run.nodesTotal(),
        run.driver(),
        Instant.ofEpochMilli(run.startedAtMillis()),
        run.endedAtMillis() > 0 ? ", ended " + Instant.ofEpochMilli(run.endedAtMillis()) : "");
    for (RunSnapshot.NodeSnapshot node : run.nodes()) {
      long end = node.finishedAtMillis() > 0 ? node.finishedAtMillis() : System.currentTimeMillis();
      out.printf(
          "  %-30s %-9s attempt %d  %-24s %s%n",
          node.node(),
          node.state(),
          node.attempt(),
          node.worker().isEmpty() ? "-" : node.worker(),
          node.startedAtMillis() > 0 ? (end - node.startedAtMillis()) + " ms" : "");
    }
  }
}
