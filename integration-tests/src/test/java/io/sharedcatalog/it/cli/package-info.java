/**
 * Multi-JVM tests of the command line: {@code sharedcatalog.jar} launched as separate processes
 * ({@code member}, {@code worker}, {@code run}) as a user would, with processes killed mid-run.
 */
package io.sharedcatalog.it.cli;
