/**
 * Pipelines, Kedro's {@code node} and {@code Pipeline} in Java: {@link
 * io.sharedcatalog.pipeline.Node}s that read and write named datasets, assembled into a {@link
 * io.sharedcatalog.pipeline.Pipeline} ordered by the datasets that connect them, and the {@link
 * io.sharedcatalog.pipeline.PipelineRegistry} SPI through which workers and the command line find
 * pipelines by name.
 */
package io.sharedcatalog.pipeline;
