package io.sharedcatalog.cluster.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.PartitionLostEvent;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one member or client for lost partitions (Hazelcast's {@code PartitionLostListener}: a
 * partition whose owner and every backup were lost at once). Every shared catalog connected through
 * the instance is told: a burst of lost partitions logs one WARN per catalog naming it and the
 * count, and {@link #describe()} lets a failed lookup say that data may have been lost, and when,
 * instead of only "not found".
 *
 * <p>This class is thread-safe.
 */
public final class PartitionLossWatch {
  private static final Logger log = LoggerFactory.getLogger(PartitionLossWatch.class);
  private static final Map<HazelcastInstance, PartitionLossWatch> WATCHES = new WeakHashMap<>();
  private static final ScheduledExecutorService REPORTS =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "sharedcatalog-partition-loss");
            thread.setDaemon(true);
            return thread;
          });

  private final Set<String> catalogs = ConcurrentHashMap.newKeySet();
  private final AtomicInteger lost = new AtomicInteger();
  private final AtomicInteger unreported = new AtomicInteger();
  private final AtomicBoolean reportScheduled = new AtomicBoolean();
  private volatile Instant lastLoss;

  private PartitionLossWatch(HazelcastInstance hz) {
    try {
      hz.getPartitionService().addPartitionLostListener(this::lost);
    } catch (RuntimeException e) {
      log.debug("Partition loss cannot be watched on {}", hz.getName(), e);
    }
  }

  /** The watch of {@code hz}, started on first use. */
  public static PartitionLossWatch of(HazelcastInstance hz) {
    synchronized (WATCHES) {
      return WATCHES.computeIfAbsent(hz, PartitionLossWatch::new);
    }
  }

  /** Makes the WARN of a later loss name {@code catalogName}. */
  public void watch(String catalogName) {
    catalogs.add(catalogName);
  }

  /** How many partitions were lost and when the last was, if any was since the watch started. */
  public Optional<String> describe() {
    Instant last = lastLoss;
    return last == null
        ? Optional.empty()
        : Optional.of(lost.get() + " partition(s) lost, the last at " + last);
  }

  private void lost(PartitionLostEvent event) {
    lost.incrementAndGet();
    unreported.incrementAndGet();
    lastLoss = Instant.now();
    if (reportScheduled.compareAndSet(false, true)) {
      REPORTS.schedule(this::report, 1, TimeUnit.SECONDS); // one WARN for a burst of events
    }
  }

  private void report() {
    reportScheduled.set(false);
    int count = unreported.getAndSet(0);
    for (String catalog : catalogs) {
      log.warn(
          "Shared catalog '{}': the cluster lost {} partition(s) (owner and backups gone at once);"
              + " datasets stored in them may be gone. Save them again.",
          catalog,
          count);
    }
  }
}
