package io.sharedcatalog.cluster.internal.runner;

import com.hazelcast.config.InvalidConfigurationException;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MetadataPolicy;
import com.hazelcast.config.QueueConfig;
import com.hazelcast.core.HazelcastInstance;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long a run's traces outlive its driver. Every per-run structure lives under the prefix
 * {@value #PREFIX} ({@code sharedcatalog-run.<catalog>.<runId>.tasks} and {@code .ready}, the
 * progress records), which the first process of a cluster configures dynamically ({@code
 * Config.addMapConfig}/{@code addQueueConfig}, Hazelcast's dynamic configuration, open to clients;
 * no class of ours on the members): task entries expire {@link #tableTtlSeconds()} after their last
 * write, an empty ready queue is destroyed after that long. The prefix is not {@code
 * sharedcatalog.*} on purpose: a member's static config for {@code sharedcatalog.*} (the packaged
 * {@code hazelcast.yaml} has one) would win over any dynamic config of a name it matches.
 *
 * <p>A live driver keeps its run: workers rewrite claimed entries with every heartbeat, and the
 * driver renews the listing and the entries that wait (see {@code RunCoordinator}). A driver that
 * dies stops renewing: its listing expires after {@link #listingTtlMillis()}, workers then stop
 * serving the run and destroy its structures, and whatever is left expires by itself.
 *
 * <p>The length is the system property {@value #TTL_PROPERTY} (seconds, default 30, at least 1),
 * read when a process first configures a cluster; the first process's value is the cluster's.
 *
 * <p>This class is thread-safe.
 */
final class RunLifetime {
  static final String PREFIX = "sharedcatalog-run.";
  static final String TTL_PROPERTY = "sharedcatalog.runner.runTtlSeconds";
  private static final Logger log = LoggerFactory.getLogger(RunLifetime.class);
  private static final Set<HazelcastInstance> CONFIGURED =
      Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

  private RunLifetime() {}

  /** The run listing's TTL: how long a dead driver's run stays listed. */
  static long listingTtlMillis() {
    return ttlSeconds() * 1000L;
  }

  /** Task entries and empty queues outlive the listing, so workers that see it expire find them. */
  static int tableTtlSeconds() {
    return 2 * ttlSeconds();
  }

  static int ttlSeconds() {
    return Math.max(1, Integer.getInteger(TTL_PROPERTY, 30));
  }

  /** Adds the dynamic configs of the per-run structures to the cluster, once per instance. */
  static void configure(HazelcastInstance hz) {
    if (CONFIGURED.contains(hz)) {
      return;
    }
    int ttl = tableTtlSeconds();
    try {
      hz.getConfig()
          .addMapConfig(
              new MapConfig(PREFIX + "*")
                  .setBackupCount(1)
                  .setAsyncBackupCount(0)
                  .setTimeToLiveSeconds(ttl)
                  // nothing queries the task entries' JSON: no member parses it on each write
                  .setMetadataPolicy(MetadataPolicy.OFF));
      hz.getConfig()
          .addQueueConfig(
              new QueueConfig(PREFIX + "*")
                  .setBackupCount(1)
                  .setAsyncBackupCount(0)
                  .setEmptyQueueTtl(ttl));
    } catch (InvalidConfigurationException e) {
      // Another process configured the cluster with another TTL first: its value holds.
      log.debug("The cluster keeps its own config for {}*: {}", PREFIX, e.getMessage());
    }
    CONFIGURED.add(hz);
  }
}
