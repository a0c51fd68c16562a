/**
 * The ParallelRunner's distributed protocol on plain Hazelcast {@code IMap} atomics: the run
 * directory, the per-run task table with leases and attempt numbers, the worker loop and the
 * driver's coordinator. Internal: not part of the public API.
 */
package io.sharedcatalog.cluster.internal.runner;
