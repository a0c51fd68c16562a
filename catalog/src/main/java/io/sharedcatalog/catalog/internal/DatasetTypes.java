package io.sharedcatalog.catalog.internal;

import io.sharedcatalog.catalog.Dataset;
import io.sharedcatalog.catalog.DatasetException;
import io.sharedcatalog.catalog.DatasetTypeProvider;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry of dataset types: the {@link DatasetTypeProvider}s found with {@link ServiceLoader},
 * by short name, alias and class name, plus any {@link Dataset} class named by its fully qualified
 * name.
 *
 * <p>This class is thread-safe.
 */
public final class DatasetTypes {
  private static final Logger log = LoggerFactory.getLogger(DatasetTypes.class);
  private static volatile Map<String, DatasetTypeProvider> providers;

  private DatasetTypes() {}

  private static Map<String, DatasetTypeProvider> providers() {
    Map<String, DatasetTypeProvider> found = providers;
    if (found == null) {
      synchronized (DatasetTypes.class) {
        found = providers;
        if (found == null) {
          found = load();
          providers = found;
        }
      }
    }
    return found;
  }

  private static Map<String, DatasetTypeProvider> load() {
    Map<String, DatasetTypeProvider> byName = new LinkedHashMap<>();
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = DatasetTypes.class.getClassLoader();
    }
    List<DatasetTypeProvider> all = new ArrayList<>();
    ServiceLoader.load(DatasetTypeProvider.class, loader).forEach(all::add);
    if (loader != DatasetTypes.class.getClassLoader()) {
      ServiceLoader.load(DatasetTypeProvider.class, DatasetTypes.class.getClassLoader())
          .forEach(
              p -> {
                if (all.stream().noneMatch(q -> q.getClass().equals(p.getClass()))) {
                  all.add(p);
                }
              });
    }
    for (DatasetTypeProvider provider : all) {
      List<String> names = new ArrayList<>();
      names.add(provider.typeName());
      names.addAll(provider.aliases());
      names.add(provider.datasetClass().getName());
      for (String name : names) {
        DatasetTypeProvider previous = byName.putIfAbsent(name, provider);
        if (previous != null && previous != provider) {
          log.warn(
              "Dataset type name '{}' is provided by both {} and {}; using the first",
              name,
              previous.getClass().getName(),
              provider.getClass().getName());
        }
      }
    }
    return Collections.unmodifiableMap(byName);
  }

  /** Returns every known type name and alias. */
  public static List<String> knownTypeNames() {
    return List.copyOf(providers().keySet());
  }

  /** Returns the provider registered under a type name, alias or class name. */
  public static Optional<DatasetTypeProvider> provider(String type) {
    return Optional.ofNullable(providers().get(type));
  }

  /**
   * Returns the dataset class a type name stands for, without creating a dataset.
   *
   * @throws DatasetException if the type is not known; the message names the dataset, the type and
   *     close matches
   */
  public static Class<?> datasetClass(String datasetName, String type) {
    DatasetTypeProvider provider = providers().get(type);
    if (provider != null) {
      return provider.datasetClass();
    }
    return loadClass(datasetName, type);
  }

  /**
   * Creates a dataset of a type.
   *
   * @param config the entry's config without {@code type}
   * @throws DatasetException if the type is unknown or the dataset cannot be created
   */
  public static Dataset<?> create(String datasetName, String type, Map<String, Object> config) {
    DatasetTypeProvider provider = providers().get(type);
    try {
      if (provider != null) {
        return provider.create(datasetName, config);
      }
      return instantiate(datasetName, type, loadClass(datasetName, type), config);
    } catch (DatasetException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new DatasetException(
          "Failed to instantiate dataset '" + datasetName + "' of type '" + type + "': " + e, e);
    }
  }

  private static Class<?> loadClass(String datasetName, String type) {
    Class<?> found = null;
    if (type.indexOf('.') > 0 && !type.startsWith(".")) {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      try {
        found =
            Class.forName(
                type, false, loader != null ? loader : DatasetTypes.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        found = null;
      } catch (LinkageError e) {
        throw new DatasetException(
            "Dataset '"
                + datasetName
                + "' has type '"
                + type
                + "', a class that was found but could not be loaded: "
                + e
                + ". Put the classes it needs on the classpath, or fix the type.",
            e);
      }
    }
    if (found == null) {
      List<String> close = CloseMatches.find(type, providers().keySet(), 3);
      throw new DatasetException(
          "Dataset '"
              + datasetName
              + "' has type '"
              + type
              + "', which is not known."
              + (close.isEmpty()
                  ? ""
                  : " Did you mean one of these instead: " + String.join(", ", close) + "?")
              + " Known types: "
              + providers().keySet()
              + ". A type is a short name, an alias or the fully qualified name of a Dataset class"
              + " on the classpath.");
    }
    if (!Dataset.class.isAssignableFrom(found)) {
      throw new DatasetException(
          "Dataset '"
              + datasetName
              + "' has type '"
              + type
              + "', which is not a dataset: all dataset types must implement "
              + Dataset.class.getName()
              + ".");
    }
    return found;
  }

  private static Dataset<?> instantiate(
      String datasetName, String type, Class<?> datasetClass, Map<String, Object> config) {
    try {
      try {
        Constructor<?> withConfig = datasetClass.getConstructor(Map.class);
        return (Dataset<?>) withConfig.newInstance(config);
      } catch (NoSuchMethodException e) {
        if (!config.isEmpty()) {
          throw new DatasetException(
              "Dataset '"
                  + datasetName
                  + "' of type '"
                  + type
                  + "' has configuration keys "
                  + config.keySet()
                  + " but the class has no public constructor taking Map<String, Object>. Add"
                  + " such a constructor, or remove the keys.");
        }
        return (Dataset<?>) datasetClass.getConstructor().newInstance();
      }
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof DatasetException de) {
        throw de;
      }
      throw new DatasetException(
          "Failed to instantiate dataset '" + datasetName + "' of type '" + type + "': " + cause,
          cause);
    } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
      throw new DatasetException(
          "Failed to instantiate dataset '"
              + datasetName
              + "' of type '"
              + type
              + "': the class needs a public constructor taking Map<String, Object> (the entry's"
              + " config) or a public no-argument constructor ("
              + e
              + ").",
          e);
    }
  }
}
