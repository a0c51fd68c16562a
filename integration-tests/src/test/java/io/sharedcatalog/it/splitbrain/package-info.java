/**
 * Split brain: two forked members in two network namespaces joined by a veth pair, the link cut and
 * restored, and the small member and client main classes those JVMs run.
 */
package io.sharedcatalog.it.splitbrain;
