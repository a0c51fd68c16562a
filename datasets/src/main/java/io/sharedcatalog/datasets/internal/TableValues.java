package io.sharedcatalog.datasets.internal;

import io.sharedcatalog.catalog.DatasetException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Converts between the values users save and load and {@link Table}s: a {@code List} of records
 * (columns are the record's components) or of {@code Map<String, Object>} rows (columns in the
 * order keys are first seen).
 *
 * <p>Loading into a record matches each component to the column of the same name, or else to the
 * column whose name is equal ignoring case and underscores ({@code company_rating} fills {@code
 * companyRating}); columns no component names are left out. A component with no column, or a value
 * that does not convert to the component's type, is an error naming both.
 *
 * <p>This class is thread-safe.
 */
public final class TableValues {
  private TableValues() {}

  /**
   * Returns the table a saved value holds.
   *
   * @param recordClass the configured record class (its components are the columns of an empty
   *     list), or {@code null}
   * @throws DatasetException if the value is not a list of records or maps
   */
  public static Table toTable(String datasetName, Object data, Class<?> recordClass) {
    if (!(data instanceof Collection<?> rows)) {
      throw new DatasetException(
          "Dataset '"
              + datasetName
              + "' cannot save a "
              + data.getClass().getName()
              + ": a table is a List of records or a List of Map<String, Object> rows. Convert"
              + " the value to one of those.");
    }
    if (rows.isEmpty()) {
      List<String> columns =
          recordClass == null
              ? List.of()
              : java.util.Arrays.stream(recordClass.getRecordComponents())
                  .map(RecordComponent::getName)
                  .toList();
      return new Table(columns, List.of());
    }
    Object first = rows.iterator().next();
    if (first instanceof Record) {
      return fromRecords(datasetName, rows, first.getClass());
    }
    if (first instanceof Map<?, ?>) {
      return fromMaps(datasetName, rows);
    }
    throw new DatasetException(
        "Dataset '"
            + datasetName
            + "' cannot save a List of "
            + (first == null ? "null" : first.getClass().getName())
            + ": a table is a List of records or a List of Map<String, Object> rows. Convert the"
            + " rows to one of those.");
  }

  private static Table fromRecords(String datasetName, Collection<?> rows, Class<?> type) {
    RecordComponent[] components = type.getRecordComponents();
    Method[] accessors = new Method[components.length];
    List<String> columns = new ArrayList<>(components.length);
    for (int i = 0; i < components.length; i++) {
      accessors[i] = components[i].getAccessor();
      accessors[i].setAccessible(true);
      columns.add(components[i].getName());
    }
    List<Object[]> out = new ArrayList<>(rows.size());
    int index = 0;
    for (Object row : rows) {
      if (row == null || row.getClass() != type) {
        throw new DatasetException(
            "Dataset '"
                + datasetName
                + "' cannot save row "
                + index
                + ": it is "
                + (row == null ? "null" : "a " + row.getClass().getName())
                + " in a list of "
                + type.getName()
                + ". Save rows of one record type.");
      }
      Object[] values = new Object[accessors.length];
      for (int c = 0; c < accessors.length; c++) {
        try {
          values[c] = accessors[c].invoke(row);
        } catch (IllegalAccessException | InvocationTargetException e) {
          throw new DatasetException(
              "Dataset '"
                  + datasetName
                  + "' cannot read component '"
                  + columns.get(c)
                  + "' of "
                  + type.getName()
                  + ": "
                  + e
                  + ". Make the record public.",
              e);
        }
      }
      out.add(values);
      index++;
    }
    return new Table(List.copyOf(columns), out);
  }

  private static Table fromMaps(String datasetName, Collection<?> rows) {
    Set<String> columnSet = new LinkedHashSet<>();
    int index = 0;
    for (Object row : rows) {
      if (!(row instanceof Map<?, ?> map)) {
        throw new DatasetException(
            "Dataset '"
                + datasetName
                + "' cannot save row "
                + index
                + ": it is "
                + (row == null ? "null" : "a " + row.getClass().getName())
                + " in a list of maps. Save every row as a Map<String, Object>.");
      }
      for (Object key : map.keySet()) {
        columnSet.add(String.valueOf(key));
      }
      index++;
    }
    List<String> columns = List.copyOf(columnSet);
    List<Object[]> out = new ArrayList<>(rows.size());
    for (Object row : rows) {
      Map<?, ?> map = (Map<?, ?>) row;
      Object[] values = new Object[columns.size()];
      for (int c = 0; c < values.length; c++) {
        values[c] = map.get(columns.get(c));
      }
      out.add(values);
    }
    return new Table(columns, out);
  }

  /** Returns rows as maps that keep the column order. */
  public static List<Map<String, Object>> toMaps(Table table) {
    List<String> columns = table.columns();
    List<Map<String, Object>> out = new ArrayList<>(table.rows().size());
    for (Object[] row : table.rows()) {
      Map<String, Object> map = new LinkedHashMap<>(columns.size() * 2);
      for (int c = 0; c < columns.size(); c++) {
        map.put(columns.get(c), row[c]);
      }
      out.add(map);
    }
    return out;
  }

  /**
   * Returns the rows as records.
   *
   * @throws DatasetException if a component has no column, or a value does not convert
   */
  public static <R> List<R> toRecords(String datasetName, Table table, Class<R> type) {
    RecordComponent[] components = type.getRecordComponents();
    int[] columnOf = new int[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      columnOf[i] = columnFor(datasetName, table.columns(), type, components[i]);
      types[i] = components[i].getType();
    }
    Constructor<R> constructor;
    try {
      constructor = type.getDeclaredConstructor(types);
      constructor.setAccessible(true);
    } catch (NoSuchMethodException | RuntimeException e) {
      throw new DatasetException(
          "Dataset '"
              + datasetName
              + "' cannot create records of "
              + type.getName()
              + ": "
              + e
              + ". Make the record public.",
          e);
    }
    List<R> out = new ArrayList<>(table.rows().size());
    Object[] arguments = new Object[components.length];
    int index = 0;
    for (Object[] row : table.rows()) {
      for (int i = 0; i < components.length; i++) {
        Object value = row[columnOf[i]];
        try {
          arguments[i] = Values.convert(value, types[i]);
        } catch (IllegalArgumentException e) {
          throw new DatasetException(
              "Dataset '"
                  + datasetName
                  + "': column '"
                  + table.columns().get(columnOf[i])
                  + "' in row "
                  + index
                  + " holds "
                  + (value == null
                      ? "no value"
                      : "'" + value + "' (" + value.getClass().getSimpleName() + ")")
                  + ", which does not fit component '"
                  + components[i].getName()
                  + "' ("
                  + types[i].getSimpleName()
                  + ") of record "
                  + type.getName()
                  + ": "
                  + e.getMessage()
                  + ". Change the component's type or fix the data.",
              e);
        }
      }
      try {
        out.add(constructor.newInstance(arguments));
      } catch (InvocationTargetException e) {
        throw new DatasetException(
            "Dataset '"
                + datasetName
                + "': record "
                + type.getName()
                + " refused row "
                + index
                + ": "
                + e.getCause(),
            e.getCause());
      } catch (InstantiationException | IllegalAccessException e) {
        throw new DatasetException(
            "Dataset '" + datasetName + "' cannot create " + type.getName() + ": " + e, e);
      }
      index++;
    }
    return out;
  }

  private static int columnFor(
      String datasetName, List<String> columns, Class<?> type, RecordComponent component) {
    int exact = columns.indexOf(component.getName());
    if (exact >= 0) {
      return exact;
    }
    String wanted = normalise(component.getName());
    for (int i = 0; i < columns.size(); i++) {
      if (normalise(columns.get(i)).equals(wanted)) {
        return i;
      }
    }
    throw new DatasetException(
        "Dataset '"
            + datasetName
            + "': record "
            + type.getName()
            + " has component '"
            + component.getName()
            + "', but the data has no column '"
            + component.getName()
            + "' (columns: "
            + columns
            + "). Rename the component or the column, or remove the component.");
  }

  private static String normalise(String name) {
    return name.replace("_", "").replace(" ", "").toLowerCase(Locale.ROOT);
  }
}
