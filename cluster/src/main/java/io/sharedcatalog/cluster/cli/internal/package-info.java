/**
 * Helpers of the command line that users need not name: {@code --params} parsing, cluster
 * connections for commands, progress display and the per-node timing table.
 */
package io.sharedcatalog.cluster.cli.internal;
