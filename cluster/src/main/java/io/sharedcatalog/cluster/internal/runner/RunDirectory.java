package io.sharedcatalog.cluster.internal.runner;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.MapListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster-wide list of runs in progress: the map {@value #MAP_NAME}, run id → {@link
 * RunDescriptor} as JSON. Workers read it to find runs they can serve; the driver adds its run
 * before offering the first node, renews the listing while the run lasts (it expires by TTL if the
 * driver dies, after {@link RunLifetime#listingTtlMillis()}) and removes it when the run ends. It
 * is the only map of the runner that is not scoped to a catalog, because a worker learns the
 * catalog name from it.
 *
 * <p>This class is thread-safe.
 */
final class RunDirectory {
  static final String MAP_NAME = "sharedcatalog.runs";
  private static final Logger log = LoggerFactory.getLogger(RunDirectory.class);

  private final IMap<String, HazelcastJsonValue> runs;

  RunDirectory(HazelcastInstance hz) {
    this.runs = Objects.requireNonNull(hz, "hz").getMap(MAP_NAME);
  }

  void publish(RunDescriptor run) {
    HazelcastJsonValue previous =
        runs.putIfAbsent(
            run.runId(), run.json(), RunLifetime.listingTtlMillis(), TimeUnit.MILLISECONDS);
    if (previous != null) {
      throw new IllegalStateException(
          "A run with id '"
              + run.runId()
              + "' is already in progress in this cluster; give the run another id");
    }
  }

  /** Extends the run's listing; lists it again if it expired while the driver was paused. */
  void renew(RunDescriptor run) {
    if (!runs.setTtl(run.runId(), RunLifetime.listingTtlMillis(), TimeUnit.MILLISECONDS)) {
      runs.putIfAbsent(
          run.runId(), run.json(), RunLifetime.listingTtlMillis(), TimeUnit.MILLISECONDS);
    }
  }

  void remove(RunDescriptor run) {
    runs.remove(run.runId(), run.json());
  }

  /** The runs in progress; malformed entries (another version's) are skipped with a warning. */
  List<RunDescriptor> list() {
    List<RunDescriptor> found = new ArrayList<>();
    for (HazelcastJsonValue json : runs.values()) {
      try {
        found.add(RunDescriptor.decode(json.getValue()));
      } catch (RuntimeException e) {
        log.warn("Ignoring a run entry that cannot be read: {} ({})", json, e.getMessage());
      }
    }
    return found;
  }

  UUID addListener(MapListener listener) {
    return runs.addEntryListener(listener, true);
  }

  void removeListener(UUID id) {
    runs.removeEntryListener(id);
  }
}
