/**
 * The shared catalog on Hazelcast: {@link io.sharedcatalog.cluster.SharedMemoryDataset}, {@link
 * io.sharedcatalog.cluster.SharedMemoryDataCatalog}, and the member/client bootstrap.
 */
package io.sharedcatalog.cluster;
