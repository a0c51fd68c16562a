package io.sharedcatalog.datasets.internal;

import java.util.List;

/**
 * A table between a format and Java values: column names in order and rows of values, one array per
 * row in column order ({@code null} for a missing value).
 *
 * <p>Instances are not copied defensively; the format readers and writers own them briefly.
 *
 * @param columns the column names, in order
 * @param rows the rows, each as long as {@code columns}
 */
public record Table(List<String> columns, List<Object[]> rows) {}
