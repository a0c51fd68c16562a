package io.sharedcatalog.cluster.internal.store;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.sharedcatalog.catalog.internal.codec.CodecException;
import io.sharedcatalog.catalog.internal.codec.ValueCodec;
import java.util.Objects;
import java.util.Optional;

/**
 * The values of one shared catalog, stored as bytes in the cluster so that members never need the
 * users' classes. Map names are {@code sharedcatalog.<catalogName>.<purpose>}.
 *
 * <p>This class is thread-safe.
 */
public final class ValueStore {
  private final IMap<String, byte[]> values;
  private final ValueCodec codec = ValueCodec.shared();

  private ValueStore(HazelcastInstance hz, String catalogName) {
    this.values = hz.getMap("sharedcatalog." + catalogName + ".values");
  }

  /** Returns the store of the catalog {@code catalogName} on {@code hz} (member or client). */
  public static ValueStore of(HazelcastInstance hz, String catalogName) {
    Objects.requireNonNull(hz, "hz");
    Objects.requireNonNull(catalogName, "catalogName");
    return new ValueStore(hz, catalogName);
  }

  /**
   * Stores {@code value} under {@code datasetName}, replacing any previous value.
   *
   * @throws CodecException if the value cannot be encoded; nothing is written then
   */
  public void save(String datasetName, Object value) {
    Objects.requireNonNull(datasetName, "datasetName");
    Objects.requireNonNull(value, "value");
    byte[] bytes = codec.encode(value);
    values.set(datasetName, bytes);
  }

  /** Returns the value stored under {@code datasetName}, or empty if there is none. */
  public Optional<Object> load(String datasetName) {
    Objects.requireNonNull(datasetName, "datasetName");
    byte[] bytes = values.get(datasetName);
    return bytes == null ? Optional.empty() : Optional.of(codec.decode(bytes));
  }

  /** Returns whether a value is stored under {@code datasetName}. */
  public boolean exists(String datasetName) {
    Objects.requireNonNull(datasetName, "datasetName");
    return values.containsKey(datasetName);
  }

  /** Removes the value stored under {@code datasetName}, if any. */
  public void remove(String datasetName) {
    Objects.requireNonNull(datasetName, "datasetName");
    values.delete(datasetName);
  }

  /**
   * Checks that {@code value} can be stored.
   *
   * @throws CodecException naming the offending class if it cannot
   */
  public void checkShareable(Object value) {
    Objects.requireNonNull(value, "value");
    if (!codec.canEncode(value)) {
      throw new CodecException(
          "A value of class "
              + value.getClass().getName()
              + " cannot be shared: it is not Serializable",
          null);
    }
  }
}
