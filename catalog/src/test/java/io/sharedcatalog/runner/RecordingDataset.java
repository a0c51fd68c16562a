package io.sharedcatalog.runner;

import io.sharedcatalog.catalog.AbstractDataset;
import java.util.Map;
import java.util.Queue;

/**
 * A persisted-kind dataset (not memory-like) holding its value in a field and writing {@code
 * "released NAME"} into a shared event log when released, so tests observe when runners release.
 */
public final class RecordingDataset extends AbstractDataset<Object> {

  private final String name;
  private final Queue<String> events;
  private volatile Object value;

  /**
   * Creates the dataset.
   *
   * @param name the name written into the events
   * @param events where releases are recorded
   */
  public RecordingDataset(String name, Queue<String> events) {
    this.name = name;
    this.events = events;
  }

  @Override
  protected Object doLoad() {
    return value;
  }

  @Override
  protected void doSave(Object data) {
    value = data;
  }

  @Override
  protected boolean doExists() {
    return value != null;
  }

  @Override
  protected void doRelease() {
    value = null;
    events.add("released " + name);
  }

  @Override
  protected Map<String, Object> doDescribe() {
    return Map.of("name", name);
  }
}
