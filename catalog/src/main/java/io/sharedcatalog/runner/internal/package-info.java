/**
 * The machinery every runner shares (internal, not part of the public API): {@link
 * io.sharedcatalog.runner.internal.AbstractRunner} (the run's template: filtering, input checks,
 * runtime datasets, result and failure), {@link io.sharedcatalog.runner.internal.RunPlan} (which
 * node may start, completion bookkeeping, release of intermediates) and {@link
 * io.sharedcatalog.runner.internal.NodeExecution} (running one node against a catalog).
 */
package io.sharedcatalog.runner.internal;
