/**
 * Multi-JVM tests of the ParallelRunner: a forked member, forked workers killed or frozen mid-node,
 * and the small main classes and pipeline registry those JVMs use.
 */
package io.sharedcatalog.it.parallel;
