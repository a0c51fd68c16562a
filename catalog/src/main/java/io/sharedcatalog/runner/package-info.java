/**
 * Runners, Kedro's {@code SequentialRunner} and {@code ThreadRunner}: they run a {@link
 * io.sharedcatalog.pipeline.Pipeline}'s nodes against a {@link
 * io.sharedcatalog.catalog.DataCatalog}, release intermediate datasets as soon as they are no
 * longer needed, and on failure say which node failed and where a new run can resume.
 */
package io.sharedcatalog.runner;
