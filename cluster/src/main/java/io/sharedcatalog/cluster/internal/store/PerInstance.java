package io.sharedcatalog.cluster.internal.store;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent.LifecycleState;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One object per Hazelcast instance (member or client) of this JVM, made on first use and handed to
 * a hook when the instance starts shutting down, while it can still make calls; then forgotten.
 * Instances nobody holds any more are forgotten too (weak keys).
 *
 * <p>This class is thread-safe.
 *
 * @param <T> the type of the objects
 */
final class PerInstance<T> {
  private final Map<HazelcastInstance, T> objects = new WeakHashMap<>();
  private final Supplier<T> create;
  private final Consumer<T> onShutdown;

  PerInstance(Supplier<T> create, Consumer<T> onShutdown) {
    this.create = create;
    this.onShutdown = onShutdown;
  }

  /** The object of {@code hz}, made now if it has none. */
  T of(HazelcastInstance hz) {
    synchronized (objects) {
      T object = objects.get(hz);
      if (object == null) {
        T created = create.get();
        objects.put(hz, created);
        hz.getLifecycleService()
            .addLifecycleListener(
                event -> {
                  if (event.getState() == LifecycleState.SHUTTING_DOWN) {
                    synchronized (objects) {
                      objects.remove(hz);
                    }
                    onShutdown.accept(created);
                  }
                });
        object = created;
      }
      return object;
    }
  }
}
