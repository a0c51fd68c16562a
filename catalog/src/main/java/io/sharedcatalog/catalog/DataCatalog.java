package io.sharedcatalog.catalog;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The catalog of datasets (Kedro's {@code DataCatalog}) (skeleton).
 *
 * <p>This class is thread-safe.
 */
public class DataCatalog implements Iterable<String> {

  /** Creates an empty catalog. */
  public DataCatalog() {
    this(new Builder());
  }

  /** Creates a catalog holding these datasets. */
  public DataCatalog(Map<String, ? extends Dataset<?>> datasets) {
    this(new Builder().datasets(datasets));
  }

  /** Creates a catalog from a builder; the one construction path, for subclasses. */
  protected DataCatalog(Builder builder) {}

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Creates a catalog from a Kedro-shaped config. */
  public static DataCatalog fromConfig(Map<String, ?> catalog) {
    return fromConfig(catalog, null, null, null);
  }

  /** Creates a catalog from config, credentials, load versions and a save version. */
  public static DataCatalog fromConfig(
      Map<String, ?> catalog,
      Map<String, ?> credentials,
      Map<String, String> loadVersions,
      String saveVersion) {
    return configure(new Builder(), catalog, credentials, loadVersions, saveVersion).build();
  }

  /** Creates a catalog from a catalog.yml. */
  public static DataCatalog fromYaml(Path catalogYaml) {
    return fromYaml(catalogYaml, null);
  }

  /** Creates a catalog from a catalog.yml and a credentials.yml. */
  public static DataCatalog fromYaml(Path catalogYaml, Path credentialsYaml) {
    return configureFromYaml(new Builder(), catalogYaml, credentialsYaml).build();
  }

  /** Fills a builder from config. */
  protected static <B extends Builder> B configure(
      B builder,
      Map<String, ?> catalog,
      Map<String, ?> credentials,
      Map<String, String> loadVersions,
      String saveVersion) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Fills a builder from YAML files. */
  protected static <B extends Builder> B configureFromYaml(
      B builder, Path catalogYaml, Path credentialsYaml) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** The runtime patterns hook. */
  protected Map<String, Map<String, Object>> defaultRuntimePatterns() {
    return Map.of("{default}", Map.of("type", "MemoryDataset"));
  }

  /** The dataset-added hook. */
  protected Dataset<?> onDatasetAdded(String name, Dataset<?> dataset) {
    return dataset;
  }

  public CatalogConfigResolver configResolver() {
    throw new UnsupportedOperationException("skeleton");
  }

  public Dataset<?> get(String name) {
    throw new UnsupportedOperationException("skeleton");
  }

  public Optional<Dataset<?>> find(String name) {
    throw new UnsupportedOperationException("skeleton");
  }

  public Dataset<?> get(String name, boolean fallbackToRuntimePattern) {
    throw new UnsupportedOperationException("skeleton");
  }

  public void put(String name, Dataset<?> dataset) {
    throw new UnsupportedOperationException("skeleton");
  }

  public void putData(String name, Object data) {
    throw new UnsupportedOperationException("skeleton");
  }

  public boolean contains(String name) {
    throw new UnsupportedOperationException("skeleton");
  }

  public Set<String> names() {
    throw new UnsupportedOperationException("skeleton");
  }

  public int size() {
    throw new UnsupportedOperationException("skeleton");
  }

  @Override
  public Iterator<String> iterator() {
    throw new UnsupportedOperationException("skeleton");
  }

  public <T> T load(String name) {
    throw new UnsupportedOperationException("skeleton");
  }

  public <T> T load(String name, String version) {
    throw new UnsupportedOperationException("skeleton");
  }

  public <T> T load(String name, Class<T> type) {
    throw new UnsupportedOperationException("skeleton");
  }

  public void save(String name, Object data) {
    throw new UnsupportedOperationException("skeleton");
  }

  public boolean exists(String name) {
    throw new UnsupportedOperationException("skeleton");
  }

  public void release(String name) {
    throw new UnsupportedOperationException("skeleton");
  }

  public void confirm(String name) {
    throw new UnsupportedOperationException("skeleton");
  }

  public List<String> filter(String nameRegex, String typeRegex, Class<?> byType) {
    throw new UnsupportedOperationException("skeleton");
  }

  public Optional<String> typeOf(String name) {
    throw new UnsupportedOperationException("skeleton");
  }

  public CatalogConfig toConfig() {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Builds a {@link DataCatalog}; subclasses override {@link #build()}. */
  public static class Builder {
    /** Creates a builder; for subclasses. */
    protected Builder() {}

    public Builder datasets(Map<String, ? extends Dataset<?>> datasets) {
      return this;
    }

    public Builder configResolver(CatalogConfigResolver configResolver) {
      return this;
    }

    public Builder loadVersions(Map<String, String> loadVersions) {
      return this;
    }

    public Builder saveVersion(String saveVersion) {
      return this;
    }

    public DataCatalog build() {
      return new DataCatalog(this);
    }
  }
}
