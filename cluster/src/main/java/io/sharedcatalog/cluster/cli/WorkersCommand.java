package io.sharedcatalog.cluster.cli;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.json.JsonUtil;
import io.sharedcatalog.cluster.internal.runner.ClusterActivity;
import io.sharedcatalog.cluster.internal.runner.WorkerSnapshot;
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
 * {@code workers}: the workers connected to a running cluster, with their threads, pipelines and
 * the node each busy thread runs, as they published themselves in the last seconds.
 *
 * <p>This class is not thread-safe.
 */
@Command(
    name = "workers",
    mixinStandardHelpOptions = true,
    description = {
      "Lists the workers connected to the cluster: threads, pipelines, and what each busy thread"
          + " runs (as each worker published it, about every 2 s)."
    })
final class WorkersCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ClusterOptions cluster;

  @Option(names = "--json", description = "Print JSON (one array of workers) for scripts.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    HazelcastInstance client = cluster.connect(spec);
    PrintWriter out = spec.commandLine().getOut();
    try {
      List<WorkerSnapshot> workers = new ClusterActivity(client).workers();
      if (json) {
        List<Object> list = new ArrayList<>();
        workers.forEach(w -> list.add(w.toMap()));
        out.println(JsonUtil.toJson(list));
      } else if (workers.isEmpty()) {
        out.println("No worker is connected.");
      } else {
        for (WorkerSnapshot worker : workers) {
          out.printf(
              "%s  %d thread(s), %d busy, pipelines %s, started %s%n",
              worker.workerId(),
              worker.threads(),
              worker.running().size(),
              String.join(", ", worker.pipelines()),
              Instant.ofEpochMilli(worker.startedAtMillis()));
          for (WorkerSnapshot.Running running : worker.running()) {
            out.printf(
                "  %-28s run %s node %s (attempt %d)%n",
                running.thread(), running.runId(), running.node(), running.attempt());
          }
        }
      }
      out.flush();
    } finally {
      client.shutdown();
    }
    return ExitCodes.OK;
  }
}
