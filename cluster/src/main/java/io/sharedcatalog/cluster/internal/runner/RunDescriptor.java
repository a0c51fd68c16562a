package io.sharedcatalog.cluster.internal.runner;

import com.hazelcast.core.HazelcastJsonValue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a driver publishes about a run in {@link RunDirectory}: the run id, the catalog the run
 * reads and writes, the registered pipeline name remote workers look up (empty when the pipeline is
 * not registered: then every task is local-only), and the lease settings every worker follows.
 *
 * <p>This class is immutable and thread-safe.
 */
record RunDescriptor(
    String runId,
    String catalogName,
    String pipelineName,
    String driverId,
    long leaseTimeoutMillis,
    long heartbeatMillis,
    long startedAtMillis,
    int totalNodes) {

  RunDescriptor {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(catalogName, "catalogName");
    Objects.requireNonNull(driverId, "driverId");
    pipelineName = pipelineName == null ? "" : pipelineName;
    if (heartbeatMillis <= 0 || leaseTimeoutMillis <= heartbeatMillis) {
      throw new IllegalArgumentException(
          "leaseTimeoutMillis ("
              + leaseTimeoutMillis
              + ") must be greater than heartbeatMillis ("
              + heartbeatMillis
              + ") > 0");
    }
  }

  /** The registered pipeline's name, empty if the run's nodes are local-only. */
  Optional<String> registeredPipeline() {
    return pipelineName.isEmpty() ? Optional.empty() : Optional.of(pipelineName);
  }

  /**
   * The run's task table, {@code sharedcatalog-run.<catalogName>.<runId>.tasks}: one map per run,
   * so destroying it after the run leaves nothing behind (see {@link RunLifetime} for the prefix).
   */
  String tasksMapName() {
    return RunLifetime.PREFIX + catalogName + "." + runId + ".tasks";
  }

  /**
   * The run's ready queue, {@code sharedcatalog-run.<catalogName>.<runId>.ready}: the names (with
   * attempt) of the nodes any worker may claim now, so a worker finds work in one call.
   */
  String readyQueueName() {
    return RunLifetime.PREFIX + catalogName + "." + runId + ".ready";
  }

  String encode() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("run", runId);
    fields.put("catalog", catalogName);
    fields.put("pipeline", pipelineName);
    fields.put("driver", driverId);
    fields.put("lease", leaseTimeoutMillis);
    fields.put("heartbeat", heartbeatMillis);
    fields.put("started", startedAtMillis);
    fields.put("nodes", totalNodes);
    return RunnerJson.write(fields);
  }

  HazelcastJsonValue json() {
    return new HazelcastJsonValue(encode());
  }

  static RunDescriptor decode(String text) {
    Map<String, Object> fields = RunnerJson.read(text);
    return new RunDescriptor(
        RunnerJson.string(fields, "run", text),
        RunnerJson.string(fields, "catalog", text),
        RunnerJson.optionalString(fields, "pipeline"),
        RunnerJson.string(fields, "driver", text),
        RunnerJson.number(fields, "lease", text),
        RunnerJson.number(fields, "heartbeat", text),
        RunnerJson.optionalNumber(fields, "started"),
        (int) RunnerJson.optionalNumber(fields, "nodes"));
  }
}
