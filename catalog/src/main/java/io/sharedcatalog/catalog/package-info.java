/**
 * The public catalog API: datasets, the {@link io.sharedcatalog.catalog.DataCatalog} and its
 * configuration (patterns, versions, credentials). No Hazelcast here.
 */
package io.sharedcatalog.catalog;
