package io.sharedcatalog.catalog;

import io.sharedcatalog.catalog.internal.VersionTimestamps;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file dataset that can be versioned (Kedro's {@code AbstractVersionedDataset}).
 *
 * <p>Unversioned, it reads and writes {@code filepath}. Versioned, each save writes {@code
 * filepath/<version>/<filename>}, where the version is the {@link Version#save()} given or a new
 * UTC timestamp {@code yyyy-MM-dd'T'HH.mm.ss.SSS'Z'}; a load reads {@link Version#load()} or, if
 * none is given, the latest version (the greatest version string that holds the file).
 *
 * <p>Writes are atomic: the data goes to a temporary file in the target's folder, which is then
 * moved into place with {@link StandardCopyOption#ATOMIC_MOVE} (an unversioned file) or hard-linked
 * into place (a version, so that it never replaces a version another save created meanwhile); a
 * crash mid-save never leaves a half-written file or version, and readers see either the old or the
 * new file.
 *
 * <p>Subclasses implement {@link #readFile(Path)} and {@link #writeFile(Path, Object)} and {@link
 * #doDescribe()}.
 *
 * <p>This class is thread-safe if the subclass's file methods are; concurrent saves of one
 * unversioned file are each atomic, the last one wins.
 *
 * @param <T> the type of the data
 */
public abstract class AbstractVersionedDataset<T> extends AbstractDataset<T> {
  private static final Logger log = LoggerFactory.getLogger(AbstractVersionedDataset.class);

  private final Path filepath;
  private final Version version;

  /**
   * Creates the dataset.
   *
   * @param filepath the file, or for a versioned dataset the folder of its versions
   * @param version the versions to use, or {@code null} for an unversioned dataset
   */
  protected AbstractVersionedDataset(Path filepath, Version version) {
    this.filepath = Objects.requireNonNull(filepath, "filepath");
    this.version = version;
  }

  /** Returns the configured file path (for a versioned dataset, the folder of its versions). */
  public final Path filepath() {
    return filepath;
  }

  /** Returns the versions, empty for an unversioned dataset. */
  public final Optional<Version> version() {
    return Optional.ofNullable(version);
  }

  /**
   * Returns the version a load reads: the configured load version, or the latest saved one.
   *
   * @return the version, or empty for an unversioned dataset
   * @throws VersionNotFoundException if the dataset is versioned and no version exists
   */
  public final Optional<String> resolveLoadVersion() {
    if (version == null) {
      return Optional.empty();
    }
    if (version.load() != null) {
      return Optional.of(version.load());
    }
    return Optional.of(latestVersion());
  }

  /**
   * Loads a given version, whatever this dataset's load version.
   *
   * @throws VersionNotFoundException if that version does not exist
   * @throws DatasetException if this dataset is not versioned, or loading fails
   */
  public final T load(String loadVersion) {
    Objects.requireNonNull(loadVersion, "loadVersion");
    if (version == null) {
      throw new DatasetException(
          "Cannot load version '"
              + loadVersion
              + "' of "
              + this
              + ": the dataset is not versioned. Set 'versioned: true' in its config, or load it"
              + " without a version.");
    }
    return loadWith(() -> readVersion(loadVersion));
  }

  /** Returns the file of a version: {@code filepath/<version>/<filename>}. */
  protected final Path versionFile(String versionName) {
    return filepath.resolve(versionName).resolve(filepath.getFileName());
  }

  /**
   * Reads the value from a file.
   *
   * @throws Exception any failure, wrapped by {@link #load()}
   */
  protected abstract T readFile(Path file) throws Exception;

  /**
   * Writes the value to a new file (a temporary file that is then moved into place).
   *
   * @throws Exception any failure, wrapped by {@link #save(Object)}
   */
  protected abstract void writeFile(Path file, T data) throws Exception;

  @Override
  protected final T doLoad() throws Exception {
    if (version == null) {
      return readFile(filepath);
    }
    return readVersion(resolveLoadVersion().orElseThrow());
  }

  private T readVersion(String versionName) throws Exception {
    Path file = versionFile(versionName);
    if (!Files.isRegularFile(file)) {
      throw new VersionNotFoundException(
          "Version '"
              + versionName
              + "' of "
              + this
              + " not found: '"
              + file
              + "' does not exist. Load an existing version, or none for the latest.");
    }
    return readFile(file);
  }

  @Override
  protected final void doSave(T data) throws Exception {
    if (version == null) {
      writeAtomically(filepath, data, true);
      return;
    }
    if (Files.isRegularFile(filepath)) {
      throw new DatasetException(
          "Cannot save versioned "
              + this
              + ": a file with the same name already exists at '"
              + filepath
              + "'. This is likely because versioning was enabled on a dataset already saved"
              + " unversioned. Remove the file, or move it into a version folder (for example '"
              + filepath
              + "/<version>/"
              + filepath.getFileName()
              + "').");
    }
    String saveVersion = version.save() != null ? version.save() : VersionTimestamps.generate();
    Path target = versionFile(saveVersion);
    if (Files.exists(target)) {
      throw new VersionAlreadyExistsException(
          "Save path '"
              + target
              + "' for "
              + this
              + " must not exist if versioning is enabled: version '"
              + saveVersion
              + "' already exists. Save with a new version (leave the save version unset for a"
              + " new timestamp).");
    }
    writeAtomically(target, data, false);
    String loadVersion = resolveLoadVersion().orElseThrow();
    if (!loadVersion.equals(saveVersion)) {
      log.warn(
          "Save version '{}' did not match load version '{}' for {}. This is strongly discouraged"
              + " due to inconsistencies it may cause between 'save' and 'load' operations: do"
              + " not pin load versions of datasets a run also saves.",
          saveVersion,
          loadVersion,
          this);
    }
  }

  private void writeAtomically(Path target, T data, boolean replace) throws Exception {
    Path folder = target.toAbsolutePath().getParent();
    Files.createDirectories(folder);
    Path temporary = Files.createTempFile(folder, "." + target.getFileName() + ".", ".tmp");
    try {
      writeFile(temporary, data);
      if (replace) {
        try {
          Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } else {
        publishNewVersion(temporary, target);
      }
    } finally {
      try {
        Files.deleteIfExists(temporary);
      } catch (IOException e) {
        log.debug("Could not delete temporary file {}", temporary, e);
      }
    }
  }

  /**
   * Puts a written version file in place without ever replacing one: a move would silently replace
   * a version another save created meanwhile (a rename replaces its target), so the file is
   * hard-linked, which fails if the target exists. Without hard links, a plain move (no replace).
   */
  private void publishNewVersion(Path temporary, Path target) throws IOException {
    try {
      Files.createLink(target, temporary);
    } catch (FileAlreadyExistsException e) {
      throw versionCreatedMeanwhile(target, e);
    } catch (UnsupportedOperationException | IOException e) {
      try {
        Files.move(temporary, target);
      } catch (FileAlreadyExistsException exists) {
        throw versionCreatedMeanwhile(target, exists);
      }
    }
  }

  private VersionAlreadyExistsException versionCreatedMeanwhile(Path target, Exception cause) {
    return new VersionAlreadyExistsException(
        "Save path '"
            + target
            + "' for "
            + this
            + " was created by another save of the same version meanwhile; that save is kept."
            + " Save with a new version (leave the save version unset for a new timestamp).",
        cause);
  }

  @Override
  protected boolean doExists() throws Exception {
    if (version == null) {
      return Files.isRegularFile(filepath);
    }
    try {
      return Files.isRegularFile(versionFile(resolveLoadVersion().orElseThrow()));
    } catch (VersionNotFoundException e) {
      return false;
    }
  }

  private String latestVersion() {
    String latest = null;
    if (Files.isDirectory(filepath)) {
      try (DirectoryStream<Path> versions = Files.newDirectoryStream(filepath)) {
        for (Path folder : versions) {
          String name = folder.getFileName().toString();
          if ((latest == null || name.compareTo(latest) > 0)
              && Files.isRegularFile(folder.resolve(filepath.getFileName()))) {
            latest = name;
          }
        }
      } catch (IOException e) {
        throw new DatasetException("Cannot list the versions of " + this + ": " + e, e);
      }
    }
    if (latest == null) {
      throw new VersionNotFoundException(
          "Did not find any versions for "
              + this
              + " in '"
              + filepath
              + "'. Save the dataset first, or check its filepath.");
    }
    return latest;
  }
}
