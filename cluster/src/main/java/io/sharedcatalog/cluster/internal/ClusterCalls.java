package io.sharedcatalog.cluster.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.spi.exception.RetryableException;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import dev.failsafe.function.CheckedRunnable;
import dev.failsafe.function.CheckedSupplier;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the shared catalog's cluster calls under one retry policy: a call that fails because a
 * member left or a connection dropped ({@link RetryableException}s such as {@code
 * TargetDisconnectedException} and {@code MemberLeftException}, or {@link
 * HazelcastInstanceNotActiveException} from another member while this instance still runs) is tried
 * again with backoff, for at most {@value #MAX_SECONDS_PROPERTY} seconds (10 by default), then
 * fails with its last error. Every call sent through here is safe to repeat: writes are idempotent
 * or conditional, and callers check what a repeated conditional write answers.
 *
 * <p>This class is thread-safe.
 */
public final class ClusterCalls {
  /** System property: how long, in seconds, a failing call is retried at most. */
  public static final String MAX_SECONDS_PROPERTY = "sharedcatalog.retry.maxSeconds";

  private static final Logger log = LoggerFactory.getLogger(ClusterCalls.class);

  private final FailsafeExecutor<Object> executor;

  private ClusterCalls(HazelcastInstance hz, Duration maxDuration) {
    RetryPolicy<Object> policy =
        RetryPolicy.builder()
            .handleIf(error -> isTransient(hz, error))
            .withMaxRetries(-1)
            .withMaxDuration(maxDuration)
            .withBackoff(Duration.ofMillis(20), Duration.ofMillis(500))
            .onRetry(
                event ->
                    log.debug(
                        "Retrying a cluster call after {}",
                        String.valueOf(event.getLastException())))
            .build();
    this.executor = Failsafe.with(policy);
  }

  /** Returns the calls of {@code hz}, retried for the configured time. */
  public static ClusterCalls of(HazelcastInstance hz) {
    Objects.requireNonNull(hz, "hz");
    return new ClusterCalls(hz, Duration.ofSeconds(Long.getLong(MAX_SECONDS_PROPERTY, 10)));
  }

  /** Runs {@code call}, retrying it on transient cluster failures; returns its result. */
  public <T> T get(CheckedSupplier<T> call) {
    return executor.get(call::get);
  }

  /** Runs {@code call}, retrying it on transient cluster failures. */
  public void run(CheckedRunnable call) {
    executor.run(call);
  }

  private static boolean isTransient(HazelcastInstance hz, Throwable error) {
    for (Throwable e = error; e != null; e = e.getCause()) {
      if (e instanceof RetryableException || e instanceof TargetDisconnectedException) {
        return true; // a member left or a connection dropped; the call was or will be re-sent
      }
      if (e instanceof HazelcastInstanceNotActiveException) {
        // from a member that is shutting down, not from this instance being shut down
        return hz.getLifecycleService().isRunning();
      }
      if (e.getCause() == e) {
        break;
      }
    }
    return false;
  }
}
