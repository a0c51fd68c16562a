/**
 * Implementation of the catalog: pattern matching, YAML reading, value copying and the dataset type
 * registry. Internal: public only so that other sharedcatalog modules can reuse it.
 */
package io.sharedcatalog.catalog.internal;
