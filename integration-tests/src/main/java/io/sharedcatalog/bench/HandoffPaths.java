package io.sharedcatalog.bench;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.sharedcatalog.bench.HandoffBenchmark.Path2;
import io.sharedcatalog.cluster.SharedMemoryDataCatalog;
import io.sharedcatalog.cluster.SharedMemoryDataset;
import io.sharedcatalog.cluster.internal.store.ValueStore;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The paths {@link HandoffBenchmark} measures a handoff through: a plain {@code IMap}, the value
 * store alone, and the shared catalog (or its dataset layer alone).
 *
 * <p>This class is not thread-safe (it is part of a program).
 */
final class HandoffPaths {
  private HandoffPaths() {}

  static Path2 plain(HazelcastInstance hz) {
    IMap<String, Object> map = hz.getMap("bench.plain");
    return new Path2() {
      @Override
      public void save(String name, Object value) {
        map.set(name, value);
      }

      @Override
      public Object load(String name) {
        return map.get(name);
      }
    };
  }

  static Path2 store(HazelcastInstance hz) {
    ValueStore store = ValueStore.of(hz, "benchstore");
    return new Path2() {
      @Override
      public void save(String name, Object value) {
        store.put(name, value);
      }

      @Override
      public Object load(String name) {
        return ((ValueStore.Value) store.load(name)).value();
      }
    };
  }

  /** The real catalog path: SharedMemoryDataCatalog.connect if it works here, else the dataset. */
  static Path2 catalog(HazelcastInstance hz, String problem, String[] description) {
    if (problem == null) {
      SharedMemoryDataCatalog catalog = SharedMemoryDataCatalog.connect(hz, "handoff");
      java.util.Set<String> registered = java.util.concurrent.ConcurrentHashMap.newKeySet();
      description[0] = "SharedMemoryDataCatalog.connect(hz, \"handoff\").save/load";
      return new Path2() {
        @Override
        public void save(String name, Object value) {
          if (registered.add(name)) {
            catalog.get(name, true);
          }
          catalog.save(name, value);
        }

        @Override
        public Object load(String name) {
          return catalog.load(name);
        }
      };
    }
    description[0] =
        "SharedMemoryDataset.save/load (the catalog itself is not usable on this branch: "
            + problem
            + ")";
    Map<String, SharedMemoryDataset<Object>> datasets = new LinkedHashMap<>();
    return new Path2() {
      private SharedMemoryDataset<Object> dataset(String name) {
        return datasets.computeIfAbsent(
            name,
            n -> {
              SharedMemoryDataset<Object> dataset = new SharedMemoryDataset<>("handoff", n);
              dataset.setManager(hz);
              return dataset;
            });
      }

      @Override
      public void save(String name, Object value) {
        dataset(name).save(value);
      }

      @Override
      public Object load(String name) {
        return dataset(name).load();
      }
    };
  }
}
