/**
 * Dataset values stored as bytes in the cluster: inline for small values, chunked across partitions
 * behind an atomically swapped manifest for large ones. Internal: not part of the public API.
 */
package io.sharedcatalog.cluster.internal.store;
