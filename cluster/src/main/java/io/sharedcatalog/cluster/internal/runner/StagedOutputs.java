package io.sharedcatalog.cluster.internal.runner;

import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.catalog.DatasetException;
import io.sharedcatalog.catalog.internal.codec.CodecException;
import io.sharedcatalog.cluster.internal.store.ValueStore;
import io.sharedcatalog.cluster.internal.store.ValueTooLargeException;
import java.util.Map;
import java.util.Objects;

/**
 * Where an attempt's outputs wait until the driver promotes them: slots of the run's catalog's
 * values map under the key {@code __attempt.<runId>.<attempt>.<dataset>}, never registered in the
 * catalog (so {@code names()} does not list them) and deleted as soon as they are promoted or their
 * attempt is abandoned. A small output (its slot entry at most {@link #COMMIT_INLINE_MAX} bytes) is
 * not staged in a slot: its entry travels in the attempt's commit, in the task table, and the
 * driver publishes it from there.
 *
 * <p>This class is thread-safe.
 */
final class StagedOutputs {
  private final RunDescriptor run;
  private final ValueStore store;

  StagedOutputs(HazelcastInstance hz, RunDescriptor run) {
    this.run = Objects.requireNonNull(run, "run");
    this.store = ValueStore.of(Objects.requireNonNull(hz, "hz"), run.catalogName());
  }

  /**
   * The largest slot entry an attempt's commit carries itself instead of staging it in a slot: a
   * small output then costs no staged write, read or delete, only the promotion's {@code replace}.
   */
  static final int COMMIT_INLINE_MAX = 16 * 1024;

  /**
   * The most slot-entry bytes one commit carries for all of a node's outputs together; the outputs
   * that would go over are staged in slots, so a task entry stays small for its listeners.
   */
  static final int COMMIT_INLINE_TOTAL = 64 * 1024;

  /**
   * Makes {@code slot} hold {@code entry}, an output that travelled in its attempt's commit.
   *
   * @return false if the slot is gone (re-bound)
   */
  boolean publishSmall(String slot, byte[] entry) {
    return store.publish(slot, entry);
  }

  /** The value of an output that travelled in its attempt's commit, decoded. */
  Object decodeSmall(byte[] entry) {
    return store.decodeEntry(entry);
  }

  static String stagedName(String runId, int attempt, String dataset) {
    return "__attempt." + runId + "." + attempt + "." + dataset;
  }

  /** The staged copy of {@code dataset} for {@code attempt}. */
  StagedValue staged(String dataset, int attempt) {
    return new StagedValue(dataset, stagedName(run.runId(), attempt, dataset));
  }

  /** The catalog the staged values belong to. */
  String catalogName() {
    return run.catalogName();
  }

  /** One staged value. This class is thread-safe. */
  final class StagedValue {
    private final String dataset;
    private final String slot;

    private StagedValue(String dataset, String slot) {
      this.dataset = dataset;
      this.slot = slot;
    }

    /** The staged value's slot key. */
    String slot() {
      return slot;
    }

    /**
     * Stages the value: one of at most {@link #COMMIT_INLINE_MAX} bytes as its slot entry, put into
     * {@code small} under the dataset's name while {@code small} holds at most {@link
     * #COMMIT_INLINE_TOTAL} bytes with it (it travels in the attempt's commit, and nothing is
     * written here), any other in the staged slot. Returns its encoded size.
     */
    long save(Object value, Map<String, byte[]> small) {
      try {
        io.sharedcatalog.catalog.internal.codec.EncodedValue encoded = store.encode(value);
        byte[] entry = store.smallEntry(encoded, COMMIT_INLINE_MAX);
        long carried = 0;
        for (byte[] other : small.values()) {
          carried += other.length;
        }
        if (entry != null && carried + entry.length <= COMMIT_INLINE_TOTAL) {
          small.put(dataset, entry);
        } else {
          store.put(slot, encoded);
        }
        return encoded.length();
      } catch (CodecException | ValueTooLargeException e) {
        throw new DatasetException(
            "Cannot share the output '"
                + dataset
                + "' of run "
                + run.runId()
                + ": "
                + e.getMessage()
                + ". Make the value plain data (records, collections, arrays), within the store's"
                + " size limit.",
            e);
      }
    }

    Object load() {
      if (store.load(slot) instanceof ValueStore.Value value) {
        return value.value();
      }
      throw new DatasetException(
          "The staged output '" + dataset + "' of run " + run.runId() + " is gone; run it again.");
    }

    /**
     * Makes {@code target}'s slot hold this staged value without reading or copying a chunked
     * value's bytes (its manifest moves); false if the target slot is gone (re-bound).
     */
    boolean publishTo(String target) {
      return store.move(slot, target);
    }

    void release() {
      store.delete(slot);
    }
  }
}
