package io.sharedcatalog.catalog;

import io.sharedcatalog.catalog.internal.ValueCopier;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A dataset that holds its value in memory (Kedro's {@code MemoryDataset}).
 *
 * <p>{@code save} keeps, and {@code load} hands out, a copy made by the {@link CopyMode}, so a
 * caller mutating what it saved or loaded does not change what is stored (except with {@link
 * CopyMode#ASSIGN}).
 *
 * <p><b>Inferred copy mode.</b> With no mode given, it is inferred from each value:
 *
 * <ul>
 *   <li>immutable values are assigned (shared, never copied): strings, boxed primitives, enums,
 *       {@code BigDecimal}, {@code BigInteger}, {@code UUID}, {@code java.time} values, records
 *       whose components are all immutable, and unmodifiable JDK collections ({@code List.of},
 *       {@code Set.of}, {@code Map.of}, {@code copyOf}, {@code Stream.toList()}) whose elements are
 *       all immutable;
 *   <li>every other value is deep-copied: arrays and the JDK's collections and maps are rebuilt
 *       element by element (keeping their classes), anything else goes through a round trip of the
 *       project's value encoding. A value that cannot be deep-copied fails with a {@link
 *       DatasetException} suggesting {@code CopyMode.ASSIGN}.
 * </ul>
 *
 * <p>{@link CopyMode#COPY} makes a shallow copy: a new collection, map or array holding the same
 * elements.
 *
 * <p>This class is thread-safe: the value is published safely, and copies are made outside any
 * lock.
 *
 * @param <T> the type of the data
 */
public final class MemoryDataset<T> extends AbstractDataset<T> {
  private static final Object EMPTY = new Object();

  /** The stored value and the mode it is handed out with, replaced together. */
  private record Held(Object value, CopyMode mode) {}

  private final CopyMode copyMode;
  private volatile Held held = new Held(EMPTY, CopyMode.ASSIGN);
  private volatile String name;

  /** Creates an empty dataset whose copy mode is inferred from each value. */
  public MemoryDataset() {
    this.copyMode = null;
  }

  /**
   * Creates a dataset holding {@code data} (none if {@code null}), copy mode inferred per value.
   *
   * @throws DatasetException if the value cannot be copied
   */
  public MemoryDataset(T data) {
    this(data, null);
  }

  /**
   * Creates a dataset holding {@code data} (none if {@code null}), copied by {@code mode} ({@code
   * null}: inferred per value).
   *
   * @throws DatasetException if the value cannot be copied by the mode
   */
  public MemoryDataset(T data, CopyMode mode) {
    this.copyMode = mode;
    if (data != null) {
      doSave(data);
    }
  }

  /** Returns the copy mode given at construction, empty when it is inferred per value. */
  public Optional<CopyMode> copyMode() {
    return Optional.ofNullable(copyMode);
  }

  /** Names this dataset in error messages, once it is registered in a catalog. */
  void nameIfAbsent(String datasetName) {
    if (name == null) {
      name = datasetName;
    }
  }

  private String owner() {
    String known = name;
    return known == null ? "MemoryDataset" : "MemoryDataset '" + known + "'";
  }

  @Override
  @SuppressWarnings("unchecked")
  protected T doLoad() {
    Held current = held;
    if (current.value() == EMPTY) {
      throw new DatasetException(
          "Data for MemoryDataset has not been saved yet."
              + (name == null ? "" : " Dataset: '" + name + "'.")
              + " Save it before loading it, or check that the node producing it ran.");
    }
    return (T) ValueCopier.copy(current.value(), current.mode(), owner());
  }

  @Override
  protected void doSave(T data) {
    CopyMode mode = copyMode != null ? copyMode : ValueCopier.infer(data);
    held = new Held(ValueCopier.copy(data, mode, owner()), mode);
  }

  /** Returns true: the value lives in this process only (Kedro's {@code _EPHEMERAL = True}). */
  @Override
  public boolean isEphemeral() {
    return true;
  }

  @Override
  protected boolean doExists() {
    return held.value() != EMPTY;
  }

  @Override
  protected void doRelease() {
    held = new Held(EMPTY, CopyMode.ASSIGN);
  }

  @Override
  protected Map<String, Object> doDescribe() {
    Map<String, Object> description = new LinkedHashMap<>();
    Object value = held.value();
    description.put("data", value == EMPTY ? null : "<" + value.getClass().getSimpleName() + ">");
    description.put(
        "copy_mode", copyMode == null ? null : copyMode.name().toLowerCase(java.util.Locale.ROOT));
    return description;
  }
}
