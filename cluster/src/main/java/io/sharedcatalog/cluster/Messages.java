package io.sharedcatalog.cluster;

import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.catalog.Dataset;
import io.sharedcatalog.catalog.DatasetException;
import io.sharedcatalog.catalog.internal.codec.CodecException;
import io.sharedcatalog.cluster.internal.PartitionLossWatch;
import io.sharedcatalog.cluster.internal.store.CorruptValueException;

/** The messages of shared datasets whose hint depends on the cause. */
final class Messages {
  private Messages() {}

  /** A stored value whose bytes are not what a save writes: the fix is to save it again. */
  static DatasetException corrupt(Dataset<?> dataset, CorruptValueException e) {
    return new DatasetException(
        "The stored value of "
            + dataset
            + " is corrupt: "
            + e.getMessage()
            + ". Save the dataset again (its previous value cannot be recovered).",
        e);
  }

  /** A stored value that this process cannot decode; the codec's message ends with its fix. */
  static DatasetException undecodable(Dataset<?> dataset, CodecException e) {
    return new DatasetException("Cannot load the value of " + dataset + ": " + e.getMessage(), e);
  }

  /** What to add to a "not found" or "not saved" message when the cluster has lost data. */
  static String lossHint(HazelcastInstance hz, boolean slotMissing) {
    if (hz == null || !slotMissing) {
      return "";
    }
    return PartitionLossWatch.of(hz)
        .describe()
        .map(loss -> " Data may have been lost with members of the cluster: " + loss + ".")
        .orElse("");
  }
}
