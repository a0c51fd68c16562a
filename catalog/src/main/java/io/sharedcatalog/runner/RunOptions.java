package io.sharedcatalog.runner;

import java.util.Optional;

/**
 * The options of one run: whether to run only the nodes whose outputs are missing, and the run's
 * id. Built with {@link #builder()}; {@link #defaults()} runs every node under a generated id.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class RunOptions {

  private static final RunOptions DEFAULTS = new Builder().build();

  private final boolean onlyMissingOutputs;
  private final String runId;

  private RunOptions(Builder builder) {
    this.onlyMissingOutputs = builder.onlyMissingOutputs;
    this.runId = builder.runId;
  }

  /**
   * Returns the default options: every node runs, and the runner generates the run id.
   *
   * @return the default options
   */
  public static RunOptions defaults() {
    return DEFAULTS;
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
   * Tells whether only nodes with missing outputs run (Kedro's {@code only_missing_outputs}).
   *
   * @return true to skip nodes whose outputs all exist and that no running node needs
   */
  public boolean onlyMissingOutputs() {
    return onlyMissingOutputs;
  }

  /**
   * Returns the run id given to the builder.
   *
   * @return the run id, or empty to let the runner generate one
   */
  public Optional<String> runId() {
    return Optional.ofNullable(runId);
  }

  @Override
  public String toString() {
    return "RunOptions(onlyMissingOutputs=" + onlyMissingOutputs + ", runId=" + runId + ")";
  }

  /**
   * Builds {@link RunOptions}.
   *
   * <p>This class is not thread-safe.
   */
  public static final class Builder {

    private boolean onlyMissingOutputs;
    private String runId;

    private Builder() {}

    /**
     * Sets whether only nodes with missing outputs run.
     *
     * @param onlyMissingOutputs true to skip nodes whose outputs all exist and that no running node
     *     needs; false (the default) to run every node
     * @return this builder
     */
    public Builder onlyMissingOutputs(boolean onlyMissingOutputs) {
      this.onlyMissingOutputs = onlyMissingOutputs;
      return this;
    }

    /**
     * Sets the run id, which appears in logs and in the {@link RunResult}.
     *
     * @param runId the id, not blank; null to let the runner generate one
     * @return this builder
     * @throws IllegalArgumentException if the id is blank
     */
    public Builder runId(String runId) {
      if (runId != null && runId.isBlank()) {
        throw new IllegalArgumentException("runId must not be blank; pass null to generate one");
      }
      this.runId = runId;
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     */
    public RunOptions build() {
      return new RunOptions(this);
    }
  }
}
