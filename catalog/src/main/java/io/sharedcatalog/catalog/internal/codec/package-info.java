/**
 * The project's binary encoding of dataset values (files, copies, cluster storage). Internal: not
 * part of the public API.
 */
package io.sharedcatalog.catalog.internal.codec;
