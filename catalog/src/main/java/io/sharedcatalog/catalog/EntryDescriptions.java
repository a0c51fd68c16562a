package io.sharedcatalog.catalog;

import io.sharedcatalog.catalog.internal.Configs;
import io.sharedcatalog.catalog.internal.DatasetConfigs;
import io.sharedcatalog.catalog.internal.DatasetTypes;
import io.sharedcatalog.catalog.spi.CatalogStore.Entry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What a catalog tells of its entries without creating their datasets: their types ({@link
 * DataCatalog#typeOf}, {@link DataCatalog#filter(String, String, Class[])}) and configs ({@link
 * DataCatalog#toConfig}). A type is the class of the dataset this process holds for the binding,
 * else the class of the type in its config, else that type as written (an entry whose type cannot
 * be resolved is matched by name and by the type as written, never by class).
 *
 * <p>This class is thread-safe (it has no state of its own).
 */
final class EntryDescriptions {
  private final Function<Entry, Optional<Dataset<?>>> held;
  private final Function<String, Optional<Dataset<?>>> heldByName;

  /**
   * @param held the dataset this process holds for a binding, if any
   * @param heldByName the dataset this process holds for a name, whatever its binding
   */
  EntryDescriptions(
      Function<Entry, Optional<Dataset<?>>> held,
      Function<String, Optional<Dataset<?>>> heldByName) {
    this.held = held;
    this.heldByName = heldByName;
  }

  /** See {@link DataCatalog#filter(String, String, Class[])}: over {@code entries}, in order. */
  List<String> filter(List<Entry> entries, String nameRegex, String typeRegex, Class<?>[] byTypes) {
    Pattern names = CatalogCalls.compile(nameRegex, "nameRegex");
    Pattern types = CatalogCalls.compile(typeRegex, "typeRegex");
    List<Class<?>> classes =
        byTypes == null ? List.of() : Arrays.stream(byTypes).filter(Objects::nonNull).toList();
    List<String> result = new ArrayList<>();
    for (Entry entry : entries) {
      String name = entry.name();
      if (names != null && !names.matcher(name).find()) {
        continue;
      }
      if (types != null && !types.matcher(typeOf(entry)).find()) {
        continue;
      }
      if (!classes.isEmpty()) {
        Optional<Class<?>> type = classOf(entry);
        if (type.isEmpty() || classes.stream().noneMatch(c -> c.isAssignableFrom(type.get()))) {
          continue;
        }
      }
      result.add(name);
    }
    return Collections.unmodifiableList(result);
  }

  /** The class name of an entry's dataset, or its type as written if that cannot be resolved. */
  String typeOf(Entry entry) {
    Optional<Dataset<?>> dataset = held.apply(entry);
    if (dataset.isPresent() || entry.config() == null) {
      return classOf(entry).map(Class::getName).orElse("");
    }
    String type = String.valueOf(entry.config().get("type"));
    return classOfType(entry.name(), type).map(Class::getName).orElse(type);
  }

  /** The class of an entry's dataset, or empty if its type cannot be resolved. */
  private Optional<Class<?>> classOf(Entry entry) {
    Optional<Dataset<?>> dataset = held.apply(entry);
    if (dataset.isPresent()) {
      return Optional.of(dataset.get().getClass());
    }
    if (entry.config() == null) {
      return heldByName.apply(entry.name()).map(Dataset::getClass); // being replaced at this moment
    }
    return classOfType(entry.name(), String.valueOf(entry.config().get("type")));
  }

  static Optional<Class<?>> classOfType(String name, String type) {
    try {
      return Optional.of(DatasetTypes.datasetClass(name, type));
    } catch (DatasetException e) {
      return Optional.empty(); // reported when the dataset is first used
    }
  }

  /**
   * The configs {@link DataCatalog#toConfig} gives for {@code entries}, in order: an entry's config
   * as written, else the config that describes its dataset; names with no config to give are left
   * out.
   *
   * @throws DatasetException if a registered dataset cannot be described; the message names them
   */
  Map<String, Object> configs(List<Entry> entries) {
    Map<String, Object> catalog = new LinkedHashMap<>();
    List<String> undescribable = new ArrayList<>();
    for (Entry entry : entries) {
      String name = entry.name();
      Dataset<?> dataset = held.apply(entry).orElse(null);
      if (!entry.configured() && hasNoConfigToGive(name, dataset)) {
        continue;
      }
      if (entry.config() != null) {
        catalog.put(name, entry.config());
      } else {
        Optional<Map<String, Object>> config = DatasetConfigs.configOf(dataset);
        if (config.isPresent()) {
          catalog.put(name, Configs.immutableMap(config.get()));
        } else {
          undescribable.add(name + " (" + dataset.getClass().getName() + ")");
        }
      }
    }
    if (!undescribable.isEmpty()) {
      throw new DatasetException(
          "Cannot describe datasets "
              + undescribable
              + " as configuration: they were registered as objects of classes the catalog"
              + " cannot configure. Declare them in the catalog config instead, or register them"
              + " through DatasetConfigs.remember(dataset, config).");
    }
    return catalog;
  }

  /** Whether {@link #configs} leaves a (not user-configured) name out: Kedro skips these. */
  private static boolean hasNoConfigToGive(String name, Dataset<?> dataset) {
    if (name.equals("parameters") || name.startsWith("params:")) {
      return true;
    }
    return dataset instanceof MemoryDataset<?> memory && memory.exists();
  }
}
