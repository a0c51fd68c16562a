/**
 * Implementation of the datasets module: table conversion, file formats, JDBC URLs and pools, and
 * argument checks. Not for users.
 */
package io.sharedcatalog.datasets.internal;
