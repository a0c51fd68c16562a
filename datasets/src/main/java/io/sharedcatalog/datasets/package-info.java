/**
 * Datasets for real data, as Kedro's {@code kedro-datasets}: CSV, JSON, YAML, Parquet, Excel, SQL
 * tables and queries, and partitioned folders, registered as catalog types by their Kedro names.
 */
package io.sharedcatalog.datasets;
