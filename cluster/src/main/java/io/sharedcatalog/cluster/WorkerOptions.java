package io.sharedcatalog.cluster;

import io.sharedcatalog.pipeline.Pipeline;
import io.sharedcatalog.pipeline.PipelineRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * How a {@link Worker} runs: how many nodes at once, its id in events and logs, the pipelines it
 * knows (by default every pipeline of every {@link PipelineRegistry} on the class path), and how
 * often an idle worker looks for work when no change notification woke it. Built with {@link
 * #builder()}; {@link #defaults()} is one thread, a generated id and the registered pipelines.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class WorkerOptions {
  private static final Duration DEFAULT_IDLE_POLL = Duration.ofMillis(250);

  private final int threads;
  private final String workerId;
  private final Map<String, Pipeline> pipelines;
  private final Duration idlePoll;

  private WorkerOptions(Builder builder) {
    this.threads = builder.threads;
    this.workerId = builder.workerId;
    this.pipelines = builder.pipelines;
    this.idlePoll = builder.idlePoll;
  }

  /**
   * Returns the default options.
   *
   * @return one thread, a generated id, the registered pipelines, a 250 ms idle poll
   */
  public static WorkerOptions defaults() {
    return new Builder().build();
  }

  /**
   * Returns a builder starting from the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns how many nodes the worker runs at once.
   *
   * @return the number of threads, at least 1
   */
  public int threads() {
    return threads;
  }

  /**
   * Returns the worker's id as given to the builder.
   *
   * @return the id, or empty to generate one ({@code worker-<pid>-<random>})
   */
  public Optional<String> workerId() {
    return Optional.ofNullable(workerId);
  }

  /**
   * Returns the pipelines given to the builder.
   *
   * @return the pipelines by name, or empty to use {@link PipelineRegistry#all()}
   */
  public Optional<Map<String, Pipeline>> pipelines() {
    return Optional.ofNullable(pipelines);
  }

  /**
   * Returns how long an idle worker waits before it looks for work again.
   *
   * @return the idle poll interval
   */
  public Duration idlePoll() {
    return idlePoll;
  }

  String resolvedWorkerId() {
    return workerId != null
        ? workerId
        : "worker-"
            + ManagementFactory.getRuntimeMXBean().getPid()
            + "-"
            + UUID.randomUUID().toString().substring(0, 6);
  }

  @Override
  public String toString() {
    return "WorkerOptions(threads="
        + threads
        + ", workerId="
        + workerId
        + ", pipelines="
        + (pipelines == null ? "registered" : pipelines.keySet())
        + ", idlePoll="
        + idlePoll
        + ")";
  }

  /**
   * Builds {@link WorkerOptions}.
   *
   * <p>This class is not thread-safe.
   */
  public static final class Builder {
    private int threads = 1;
    private String workerId;
    private Map<String, Pipeline> pipelines;
    private Duration idlePoll = DEFAULT_IDLE_POLL;

    private Builder() {}

    /**
     * Sets how many nodes the worker runs at once.
     *
     * @param threads at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code threads} is less than 1
     */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1 but was " + threads);
      }
      this.threads = threads;
      return this;
    }

    /**
     * Sets the worker's id, shown in events and logs.
     *
     * @param workerId not blank; null to generate one
     * @return this builder
     * @throws IllegalArgumentException if the id is blank
     */
    public Builder workerId(String workerId) {
      if (workerId != null && workerId.isBlank()) {
        throw new IllegalArgumentException("workerId must not be blank; pass null to generate one");
      }
      this.workerId = workerId;
      return this;
    }

    /**
     * Sets the pipelines the worker knows, instead of those of the registries on the class path.
     *
     * @param pipelines the pipelines by name; null to use {@link PipelineRegistry#all()}
     * @return this builder
     */
    public Builder pipelines(Map<String, Pipeline> pipelines) {
      this.pipelines = pipelines == null ? null : Map.copyOf(pipelines);
      return this;
    }

    /**
     * Sets how long an idle worker waits before looking for work again. Changes to the cluster's
     * runs and tasks also wake it, so this only bounds the delay when a notification is lost.
     *
     * @param idlePoll positive
     * @return this builder
     * @throws IllegalArgumentException if {@code idlePoll} is not positive
     */
    public Builder idlePoll(Duration idlePoll) {
      Objects.requireNonNull(idlePoll, "idlePoll");
      if (idlePoll.isNegative() || idlePoll.isZero()) {
        throw new IllegalArgumentException("idlePoll must be positive but was " + idlePoll);
      }
      this.idlePoll = idlePoll;
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     */
    public WorkerOptions build() {
      return new WorkerOptions(this);
    }
  }
}
