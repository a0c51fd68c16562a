/**
 * Benchmarks: the dataset handoff benchmark ({@link io.sharedcatalog.bench.HandoffBenchmark}) and
 * the forked member it measures ({@link io.sharedcatalog.bench.BenchMember}).
 */
package io.sharedcatalog.bench;
