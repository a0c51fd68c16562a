package io.sharedcatalog.cluster.internal.runner;

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
    long heartbeatMillis) {

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
   * The run's task table, {@code sharedcatalog.<catalogName>.tasks.<runId>}: one map per run, so
   * destroying it after the run leaves nothing behind.
   */
  String tasksMapName() {
    return "sharedcatalog." + catalogName + ".tasks." + runId;
  }

  String encode() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("run", runId);
    fields.put("catalog", catalogName);
    fields.put("pipeline", pipelineName);
    fields.put("driver", driverId);
    fields.put("lease", leaseTimeoutMillis);
    fields.put("heartbeat", heartbeatMillis);
    return Fields.encode(fields);
  }

  static RunDescriptor decode(String text) {
    Map<String, String> fields = Fields.decode(text);
    return new RunDescriptor(
        Fields.require(fields, "run", text),
        Fields.require(fields, "catalog", text),
        fields.get("pipeline"),
        Fields.require(fields, "driver", text),
        Long.parseLong(Fields.require(fields, "lease", text)),
        Long.parseLong(Fields.require(fields, "heartbeat", text)));
  }
}
