package io.sharedcatalog.datasets;

import io.sharedcatalog.catalog.Dataset;
import io.sharedcatalog.catalog.DatasetTypeProvider;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * The dataset types of this module, registered with the catalog through {@link DatasetTypeProvider}
 * ({@code META-INF/services}), each under its short name, Kedro's names ({@code pandas.CSVDataset},
 * {@code kedro_datasets.pandas.CSVDataset}) and its class name. Users name the types in {@code
 * catalog.yml}; they need not name these classes.
 *
 * <p>This class is thread-safe (its providers have no state).
 */
public final class KedroDatasetTypes {
  private KedroDatasetTypes() {}

  /** A provider of one type: names and a constructor taking the dataset name and config. */
  abstract static class Provider implements DatasetTypeProvider {
    private final String typeName;
    private final List<String> aliases;
    private final Class<?> datasetClass;
    private final BiFunction<String, Map<String, Object>, Dataset<?>> factory;

    Provider(
        String typeName,
        List<String> kedroNames,
        Class<?> datasetClass,
        BiFunction<String, Map<String, Object>, Dataset<?>> factory) {
      this.typeName = typeName;
      this.aliases =
          kedroNames.stream()
              .flatMap(name -> List.of(name, "kedro_datasets." + name).stream())
              .toList();
      this.datasetClass = datasetClass;
      this.factory = factory;
    }

    @Override
    public final String typeName() {
      return typeName;
    }

    @Override
    public final List<String> aliases() {
      return aliases;
    }

    @Override
    public final Class<?> datasetClass() {
      return datasetClass;
    }

    @Override
    public final Dataset<?> create(String datasetName, Map<String, Object> config) {
      return factory.apply(
          Objects.requireNonNull(datasetName, "datasetName"),
          Objects.requireNonNull(config, "config"));
    }
  }

  /** {@code CSVDataset}, alias {@code pandas.CSVDataset}. */
  public static final class Csv extends Provider {
    /** Creates the provider. */
    public Csv() {
      super(CSVDataset.TYPE, List.of("pandas.CSVDataset"), CSVDataset.class, CSVDataset::new);
    }
  }

  /** {@code JSONDataset}, alias {@code pandas.JSONDataset}. */
  public static final class JsonTable extends Provider {
    /** Creates the provider. */
    public JsonTable() {
      super(JSONDataset.TYPE, List.of("pandas.JSONDataset"), JSONDataset.class, JSONDataset::new);
    }
  }

  /** {@code JSONValueDataset}, alias {@code json.JSONDataset}. */
  public static final class JsonValue extends Provider {
    /** Creates the provider. */
    public JsonValue() {
      super(
          JSONValueDataset.TYPE,
          List.of("json.JSONDataset"),
          JSONValueDataset.class,
          JSONValueDataset::new);
    }
  }

  /** {@code YAMLDataset}, alias {@code yaml.YAMLDataset}. */
  public static final class Yaml extends Provider {
    /** Creates the provider. */
    public Yaml() {
      super(YAMLDataset.TYPE, List.of("yaml.YAMLDataset"), YAMLDataset.class, YAMLDataset::new);
    }
  }

  /** {@code ParquetDataset}, alias {@code pandas.ParquetDataset}. */
  public static final class Parquet extends Provider {
    /** Creates the provider. */
    public Parquet() {
      super(
          ParquetDataset.TYPE,
          List.of("pandas.ParquetDataset"),
          ParquetDataset.class,
          ParquetDataset::new);
    }
  }

  /** {@code ExcelDataset}, alias {@code pandas.ExcelDataset}. */
  public static final class Excel extends Provider {
    /** Creates the provider. */
    public Excel() {
      super(
          ExcelDataset.TYPE, List.of("pandas.ExcelDataset"), ExcelDataset.class, ExcelDataset::new);
    }
  }

  /** {@code SQLTableDataset}, alias {@code pandas.SQLTableDataset}. */
  public static final class SqlTable extends Provider {
    /** Creates the provider. */
    public SqlTable() {
      super(
          SQLTableDataset.TYPE,
          List.of("pandas.SQLTableDataset"),
          SQLTableDataset.class,
          SQLTableDataset::new);
    }
  }

  /** {@code SQLQueryDataset}, alias {@code pandas.SQLQueryDataset}. */
  public static final class SqlQuery extends Provider {
    /** Creates the provider. */
    public SqlQuery() {
      super(
          SQLQueryDataset.TYPE,
          List.of("pandas.SQLQueryDataset"),
          SQLQueryDataset.class,
          SQLQueryDataset::new);
    }
  }

  /** {@code PartitionedDataset}, alias {@code partitions.PartitionedDataset}. */
  public static final class Partitioned extends Provider {
    /** Creates the provider. */
    public Partitioned() {
      super(
          PartitionedDataset.TYPE,
          List.of("partitions.PartitionedDataset"),
          PartitionedDataset.class,
          PartitionedDataset::new);
    }
  }

  /** {@code PickleDataset}, alias {@code pickle.PickleDataset}: fails on first use. */
  public static final class Pickle extends Provider {
    /** Creates the provider. */
    public Pickle() {
      super(
          PickleDataset.TYPE,
          List.of("pickle.PickleDataset"),
          PickleDataset.class,
          PickleDataset::new);
    }
  }
}
