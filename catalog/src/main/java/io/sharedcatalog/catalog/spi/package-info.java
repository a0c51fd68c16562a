/**
 * The service-provider interface of the catalog: what a module that stores a catalog somewhere else
 * (the {@code cluster} module's shared catalog) implements, and the only part of this module's
 * internals such a module may use besides the value codec.
 *
 * <ul>
 *   <li>{@link io.sharedcatalog.catalog.spi.CatalogStore}: where a {@link
 *       io.sharedcatalog.catalog.DataCatalog} keeps its registrations. The catalog's logic runs
 *       once, in {@code DataCatalog}, over a store; a local catalog keeps an in-process one, and a
 *       subclass gives its own to the constructor {@code DataCatalog(CatalogStore,
 *       CatalogExtension)}.
 *   <li>{@link io.sharedcatalog.catalog.spi.StaleBindingException}: how a dataset that proves its
 *       binding tells the catalog the binding changed, so the catalog retries through the store.
 *   <li>{@link io.sharedcatalog.catalog.spi.CatalogExtension}: what a subclass changes in the
 *       catalog's logic (runtime patterns, a hook for every dataset that enters the catalog), built
 *       before the subclass calls the superclass constructor.
 *   <li>{@link io.sharedcatalog.catalog.spi.DatasetTypeSupport}: the catalog's own rules for
 *       configs (the class of a type, the config that describes a dataset, close matches of a
 *       name).
 * </ul>
 *
 * <p>The value codec, {@code io.sharedcatalog.catalog.internal.codec} ({@code ValueCodec}, {@code
 * EncodedValue}, {@code CodecException}), is the other internal package other modules use: the
 * encoding of values is one, wherever they are stored.
 */
package io.sharedcatalog.catalog.spi;
