/**
 * Internals of the shared catalog: the cluster registry of dataset configs and patterns, and the
 * JSON they travel as. Internal: not part of the public API.
 */
package io.sharedcatalog.cluster.internal;
