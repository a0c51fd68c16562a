package io.sharedcatalog.cluster.internal.runner;

import com.hazelcast.core.HazelcastJsonValue;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The state of one node of one run, as stored (a JSON object in a {@code HazelcastJsonValue}) in
 * the run's task table.
 *
 * <ul>
 *   <li>{@code READY(attempt)}: any eligible worker may claim it. A first attempt has no entry
 *       until it is claimed (the ready queue's item offers it).
 *   <li>{@code CLAIMED(attempt, worker, heartbeat)}: a worker runs it; the worker increments {@code
 *       heartbeat} about every second, and the driver takes the node back ({@code READY(attempt +
 *       1)}) when it sees no change for the lease timeout.
 *   <li>{@code DONE(attempt)}: the attempt's outputs are staged (or carried, if small) and may be
 *       promoted.
 *   <li>{@code FAILED(attempt, error)}: the node function threw.
 *   <li>{@code CANCELLED}: the run ended before the node was claimed.
 * </ul>
 *
 * Every transition is a {@code replace(node, expected, next)} (the first write of an entry a {@code
 * putIfAbsent}), so exactly one of two racing writers wins. A claim carries the worker's thread
 * count, a commit the encoded size of each output (for placing the next nodes) and the slot entries
 * of its small outputs, Base64 in {@code small} (see {@code StagedOutputs}). {@code localOnly}
 * marks a node that only workers inside the driver's JVM may claim (its pipeline is not registered
 * by name, see {@code ParallelRunner}).
 *
 * <p>This class is immutable and thread-safe.
 */
record TaskState(
    Status status,
    int attempt,
    boolean localOnly,
    String workerId,
    long heartbeat,
    long startedAtMillis,
    long finishedAtMillis,
    String error,
    int threads,
    Map<String, Long> sizes,
    Map<String, String> small) {

  private static final Base64.Encoder BASE64 = Base64.getEncoder();

  /** What a task is doing. */
  enum Status {
    READY,
    CLAIMED,
    DONE,
    FAILED,
    CANCELLED
  }

  TaskState {
    Objects.requireNonNull(status, "status");
    workerId = workerId == null ? "" : workerId;
    error = error == null ? "" : error;
    sizes = sizes == null ? Map.of() : Map.copyOf(sizes);
    small = small == null ? Map.of() : Map.copyOf(small);
  }

  static TaskState ready(int attempt, boolean localOnly) {
    return new TaskState(Status.READY, attempt, localOnly, "", 0, 0, 0, "", 0, Map.of(), Map.of());
  }

  /**
   * The claim of a worker with {@code threads} threads (the driver places nodes on workers that
   * have a free one).
   */
  TaskState claimedBy(String worker, long nowMillis, int threads) {
    return new TaskState(
        Status.CLAIMED,
        attempt,
        localOnly,
        worker,
        0,
        nowMillis,
        0,
        "",
        threads,
        Map.of(),
        Map.of());
  }

  TaskState renewed() {
    return new TaskState(
        status,
        attempt,
        localOnly,
        workerId,
        heartbeat + 1,
        startedAtMillis,
        0,
        "",
        threads,
        Map.of(),
        Map.of());
  }

  /**
   * The commit, with the encoded size of each output (the driver prefers to run a node on the
   * worker that produced its largest input) and the slot entries of the small ones.
   */
  TaskState done(long nowMillis, Map<String, Long> outputSizes, Map<String, byte[]> smallOutputs) {
    Map<String, String> carried = new LinkedHashMap<>();
    smallOutputs.forEach((output, entry) -> carried.put(output, BASE64.encodeToString(entry)));
    return new TaskState(
        Status.DONE,
        attempt,
        localOnly,
        workerId,
        heartbeat,
        startedAtMillis,
        nowMillis,
        "",
        threads,
        outputSizes,
        carried);
  }

  TaskState failed(long nowMillis, String message) {
    return new TaskState(
        Status.FAILED,
        attempt,
        localOnly,
        workerId,
        heartbeat,
        startedAtMillis,
        nowMillis,
        message,
        threads,
        Map.of(),
        Map.of());
  }

  TaskState nextAttempt() {
    return ready(attempt + 1, localOnly);
  }

  TaskState cancelled() {
    return new TaskState(
        Status.CANCELLED, attempt, localOnly, "", 0, 0, 0, "", 0, Map.of(), Map.of());
  }

  /** The entry's JSON text; equal states give equal text. */
  String encode() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("status", status.name());
    fields.put("attempt", attempt);
    fields.put("local", localOnly);
    fields.put("worker", workerId);
    fields.put("heartbeat", heartbeat);
    fields.put("started", startedAtMillis);
    fields.put("finished", finishedAtMillis);
    fields.put("error", error);
    if (threads > 0) {
      fields.put("threads", threads);
    }
    if (!sizes.isEmpty()) {
      fields.put("sizes", new java.util.TreeMap<>(sizes));
    }
    if (!small.isEmpty()) {
      fields.put("small", new java.util.TreeMap<>(small));
    }
    return RunnerJson.write(fields);
  }

  /** The entry as stored in the task table. */
  HazelcastJsonValue json() {
    return new HazelcastJsonValue(encode());
  }

  /**
   * Reads an entry.
   *
   * @throws IllegalArgumentException if the text is not a task entry
   */
  static TaskState decode(String text) {
    Map<String, Object> fields = RunnerJson.read(text);
    String status = RunnerJson.string(fields, "status", text);
    Status parsed;
    try {
      parsed = Status.valueOf(status);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Task entry '" + text + "' has an unknown status", e);
    }
    return new TaskState(
        parsed,
        (int) RunnerJson.number(fields, "attempt", text),
        RunnerJson.flag(fields, "local"),
        RunnerJson.optionalString(fields, "worker"),
        RunnerJson.optionalNumber(fields, "heartbeat"),
        RunnerJson.optionalNumber(fields, "started"),
        RunnerJson.optionalNumber(fields, "finished"),
        RunnerJson.optionalString(fields, "error"),
        (int) RunnerJson.optionalNumber(fields, "threads"),
        sizes(RunnerJson.object(fields, "sizes")),
        small(RunnerJson.object(fields, "small")));
  }

  private static Map<String, String> small(Map<String, Object> json) {
    Map<String, String> small = new LinkedHashMap<>();
    json.forEach(
        (output, entry) -> {
          if (entry instanceof String text) {
            small.put(output, text);
          }
        });
    return small;
  }

  /**
   * The slot entry of {@code output} if this commit carries it (a small output, see {@code
   * StagedOutputs}), else null.
   *
   * @throws IllegalArgumentException if what it carries is not such an entry (too long, not Base64)
   */
  byte[] smallOutput(String output) {
    String text = small.get(output);
    if (text == null) {
      return null;
    }
    if (text.length() > (StagedOutputs.COMMIT_INLINE_MAX + 2) / 3 * 4) {
      throw new IllegalArgumentException(
          "the commit carries " + text.length() + " characters for output '" + output + "'");
    }
    return Base64.getDecoder().decode(text);
  }

  private static Map<String, Long> sizes(Map<String, Object> json) {
    Map<String, Long> sizes = new LinkedHashMap<>();
    json.forEach(
        (output, size) -> {
          if (size instanceof Number n && n.longValue() >= 0) {
            sizes.put(output, n.longValue());
          }
        });
    return sizes;
  }

  static TaskState decode(HazelcastJsonValue json) {
    return decode(json.getValue());
  }
}
