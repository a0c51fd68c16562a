/**
 * The demo pipeline shipped in the command-line jar: Kedro's spaceflights example in Java, from
 * generated raw data to a linear price model and its metrics.
 *
 * <p>Registered as pipeline {@code demo} through {@link
 * io.sharedcatalog.pipeline.PipelineRegistry}; its {@code catalog.yml} and {@code parameters.yml}
 * are resources beside these classes.
 */
package io.sharedcatalog.cluster.demo;
