package io.sharedcatalog.cluster.internal.store;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.Partition;
import com.hazelcast.partition.PartitionAwareKey;
import com.hazelcast.partition.PartitionService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Chooses where the chunks of a value go: round-robin over the members that own partitions, and
 * within a member over its partitions, so chunks land on different partitions and spread the load
 * (and the backup traffic) over the cluster. A chunk key is a Hazelcast {@link PartitionAwareKey}
 * (a class every member has) whose partition key is a small integer known to hash to the chosen
 * partition.
 *
 * <p>This class is thread-safe.
 */
final class ChunkPlacement {
  private final PartitionService partitions;
  private volatile int[] partitionKeyOfPartition;

  ChunkPlacement(HazelcastInstance hz) {
    this.partitions = hz.getPartitionService();
  }

  static PartitionAwareKey<String, Integer> chunkKey(UUID saveId, int index, int partitionKey) {
    return new PartitionAwareKey<>(saveId + ":" + index, partitionKey);
  }

  /** Returns the partition key of each of {@code chunkCount} chunks. */
  int[] plan(int chunkCount) {
    int[] keyOf = partitionKeys();
    Map<UUID, List<Integer>> byOwner = new TreeMap<>();
    List<Integer> unowned = new ArrayList<>();
    for (Partition partition : partitions.getPartitions()) {
      Member owner = partition.getOwner();
      if (owner == null) {
        unowned.add(partition.getPartitionId());
      } else {
        byOwner
            .computeIfAbsent(owner.getUuid(), u -> new ArrayList<>())
            .add(partition.getPartitionId());
      }
    }
    List<List<Integer>> groups = new ArrayList<>(byOwner.values());
    if (groups.isEmpty()) {
      groups.add(unowned);
    }
    groups.forEach(g -> g.sort(Comparator.naturalOrder()));
    ThreadLocalRandom random = ThreadLocalRandom.current();
    int firstGroup = random.nextInt(groups.size());
    int[] start = new int[groups.size()];
    for (int g = 0; g < start.length; g++) {
      start[g] = random.nextInt(Math.max(1, groups.get(g).size()));
    }
    int[] plan = new int[chunkCount];
    for (int i = 0; i < chunkCount; i++) {
      int g = (firstGroup + i) % groups.size();
      List<Integer> group = groups.get(g);
      int round = i / groups.size();
      int partitionId = group.get((start[g] + round) % group.size());
      plan[i] = keyOf[partitionId];
    }
    return plan;
  }

  /** For each partition id, a small integer whose hash lands on it (computed once, locally). */
  private int[] partitionKeys() {
    int[] keys = partitionKeyOfPartition;
    if (keys != null) {
      return keys;
    }
    int count = partitions.getPartitions().size();
    keys = new int[count];
    java.util.Arrays.fill(keys, -1);
    int found = 0;
    for (int candidate = 0; found < count && candidate < count * 1_000; candidate++) {
      int id = partitions.getPartition(candidate).getPartitionId();
      if (keys[id] < 0) {
        keys[id] = candidate;
        found++;
      }
    }
    for (int id = 0; id < count; id++) {
      if (keys[id] < 0) {
        keys[id] = id; // not reached in practice; any key is still correct, only less spread
      }
    }
    partitionKeyOfPartition = keys;
    return keys;
  }
}
