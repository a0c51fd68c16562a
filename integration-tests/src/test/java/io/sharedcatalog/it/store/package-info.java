/** Multi-JVM fault tests of the chunked value store: writers killed mid-save. */
package io.sharedcatalog.it.store;
