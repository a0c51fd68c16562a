package io.sharedcatalog.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The versions of one {@link DataCatalog}: the load version pinned per dataset name and the save
 * version of every versioned dataset, with Kedro's rules for datasets that bring versions of their
 * own (they must agree with the catalog's, and the catalog adopts them).
 *
 * <p>This class is thread-safe for reads; {@link #check}, {@link #adopt} and {@link #drop} are
 * called under the registry's lock.
 */
final class CatalogVersions {
  private final Map<String, String> loadVersions = new ConcurrentHashMap<>();
  private volatile String saveVersion;

  CatalogVersions(Map<String, String> loadVersions, String saveVersion) {
    this.loadVersions.putAll(loadVersions);
    this.saveVersion = saveVersion;
  }

  /** Adds load versions given to a builder ({@code null}: none). */
  static void addLoadVersions(Map<String, String> into, Map<String, String> given) {
    if (given != null) {
      given.forEach(
          (name, version) ->
              into.put(
                  Objects.requireNonNull(name, "load version name"),
                  Objects.requireNonNull(version, "load version of '" + name + "'")));
    }
  }

  /** The load version pinned for a name, or {@code null} for the latest. */
  String loadVersion(String name) {
    return loadVersions.get(name);
  }

  /** The catalog's save version, or {@code null} for a new timestamp per save. */
  String saveVersion() {
    return saveVersion;
  }

  /** Drops the load version of a name whose config entry is dropped. */
  void drop(String name) {
    loadVersions.remove(name);
  }

  /**
   * Fails if load versions name datasets the catalog does not have.
   *
   * @param contains the catalog's {@link DataCatalog#contains}
   * @param names the catalog's {@link DataCatalog#names}, for close matches
   * @throws DatasetNotFoundException naming them, with close matches
   */
  void requireKnown(Predicate<String> contains, Supplier<Set<String>> names) {
    List<String> unknown =
        loadVersions.keySet().stream().filter(name -> !contains.test(name)).sorted().toList();
    if (!unknown.isEmpty()) {
      throw CatalogCalls.unknownLoadVersions(unknown, names.get());
    }
  }

  /** The load versions, those of {@code names} first in their order, then the others. */
  Map<String, String> loadVersionsIn(Iterable<String> names) {
    Map<String, String> versions = new LinkedHashMap<>();
    for (String name : names) {
      String version = loadVersions.get(name);
      if (version != null) {
        versions.put(name, version);
      }
    }
    loadVersions.forEach(versions::putIfAbsent);
    return versions;
  }

  /**
   * Checks a dataset's versions against the catalog's. With {@code ignorePinnedLoadVersion}, the
   * catalog's load version for the name is about to be dropped.
   *
   * @throws VersionAlreadyExistsException if they disagree; the message names the dataset
   */
  void check(String name, Dataset<?> dataset, boolean ignorePinnedLoadVersion) {
    Version version = versionOf(dataset);
    if (version == null) {
      return;
    }
    String pinned = ignorePinnedLoadVersion ? null : loadVersions.get(name);
    if (version.load() != null && pinned != null && !pinned.equals(version.load())) {
      throw new VersionAlreadyExistsException(
          "Cannot add dataset '"
              + name
              + "' with load version '"
              + version.load()
              + "': the catalog's load version for it is '"
              + pinned
              + "'. Give the same load version to both, or only one of them.");
    }
    String catalogSave = saveVersion;
    if (version.save() != null && catalogSave != null && !catalogSave.equals(version.save())) {
      throw new VersionAlreadyExistsException(
          "Cannot add dataset '"
              + name
              + "' with save version '"
              + version.save()
              + "': the save version set for the catalog is '"
              + catalogSave
              + "'. All datasets in a catalog must have the same save version.");
    }
  }

  /**
   * Adopts a dataset's versions as the catalog's, once it is checked and accepted (so a failed
   * registration leaves the catalog's versions as they were).
   */
  void adopt(String name, Dataset<?> dataset) {
    Version version = versionOf(dataset);
    if (version == null) {
      return;
    }
    if (version.load() != null) {
      loadVersions.put(name, version.load());
    }
    if (version.save() != null) {
      saveVersion = version.save();
    }
  }

  private static Version versionOf(Dataset<?> dataset) {
    return dataset instanceof AbstractVersionedDataset<?> versioned
        ? versioned.version().orElse(null)
        : null;
  }
}
