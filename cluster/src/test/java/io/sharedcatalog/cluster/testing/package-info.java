/**
 * Test support shared by the cluster tests and, through the cluster test-jar, the integration
 * tests: {@link io.sharedcatalog.cluster.testing.TestCluster}, real Hazelcast members and clients
 * on 127.0.0.1 with a cluster name of their own. Not part of the public API.
 */
package io.sharedcatalog.cluster.testing;
