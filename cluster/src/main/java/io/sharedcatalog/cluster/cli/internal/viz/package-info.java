/**
 * The pipeline as a picture ({@code viz}, {@code run --viz}): a loopback-only HTTP server, the page
 * it serves (laid out by dagre from a WebJar), and the sources of node states it draws.
 */
package io.sharedcatalog.cluster.cli.internal.viz;
