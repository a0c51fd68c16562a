/**
 * Benchmarks: the dataset handoff benchmark ({@link io.sharedcatalog.bench.HandoffBenchmark}) and
 * the forked member it measures ({@link io.sharedcatalog.bench.BenchMember}); the pipeline
 * benchmark ({@link io.sharedcatalog.bench.PipelineBenchmark}) with its driver and pipelines.
 */
package io.sharedcatalog.bench;
