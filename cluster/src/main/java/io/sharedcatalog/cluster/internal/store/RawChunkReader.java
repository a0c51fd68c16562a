package io.sharedcatalog.cluster.internal.store;

import com.hazelcast.client.impl.clientside.HazelcastClientProxy;
import com.hazelcast.client.impl.protocol.ClientMessage;
import com.hazelcast.client.impl.protocol.codec.MapGetCodec;
import com.hazelcast.client.impl.spi.impl.ClientInvocation;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.SerializationService;
import java.util.concurrent.CompletableFuture;

/**
 * Reads chunks on a client as the serialised bytes the member sends, without Hazelcast first
 * turning each into a {@code byte[]} of its own: the caller copies the chunk straight from the
 * received frame into the assembled value, saving one allocation and copy of every chunk. It uses
 * the client's own map-get request, as {@code IMap.getAsync} does; on members, or when anything
 * about the client is not as expected, the store uses {@code IMap.getAsync}.
 *
 * <p>This class is thread-safe.
 */
final class RawChunkReader {
  private final HazelcastClientProxy client;
  private final SerializationService serialization;
  private final String mapName;

  private RawChunkReader(HazelcastClientProxy client, String mapName) {
    this.client = client;
    this.serialization = client.getSerializationService();
    this.mapName = mapName;
  }

  /** Returns a reader for {@code mapName} if {@code hz} is a client this works on, else null. */
  static RawChunkReader probe(HazelcastInstance hz, String mapName) {
    if (Boolean.getBoolean("sharedcatalog.store.plainArrays")
        || !(hz instanceof HazelcastClientProxy proxy)) {
      return null;
    }
    try {
      return proxy.client == null ? null : new RawChunkReader(proxy, mapName);
    } catch (RuntimeException | LinkageError e) {
      return null;
    }
  }

  /**
   * Starts fetching the serialised value under {@code key}; {@link #decode} the response. Callers
   * wait with {@code join()}: a dependent stage ({@code thenApply} and the like) would run on
   * Hazelcast's default async executor, which starts a thread per task where the common pool has
   * fewer than two threads (any machine with two cores or fewer).
   */
  CompletableFuture<ClientMessage> get(Object key) {
    Data keyData = serialization.toData(key);
    int partitionId = client.client.getClientPartitionService().getPartitionId(keyData);
    ClientMessage request =
        MapGetCodec.encodeRequest(mapName, keyData, Thread.currentThread().getId());
    return new ClientInvocation(client.client, request, mapName, partitionId)
        .invoke()
        .toCompletableFuture();
  }

  /** The value of a response to {@link #get} (null if there was none). */
  static Data decode(ClientMessage response) {
    return MapGetCodec.decodeResponse(response);
  }

  /** Deserialises a value this reader fetched (the fallback when its layout is unexpected). */
  byte[] toBytes(Data data) {
    return serialization.toObject(data);
  }
}
