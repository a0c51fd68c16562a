package io.sharedcatalog.catalog;

/**
 * The versions a versioned dataset loads and saves.
 *
 * <p>Versions are strings; generated ones are UTC timestamps {@code yyyy-MM-dd'T'HH.mm.ss.SSS'Z'},
 * which sort lexicographically in time order.
 *
 * <p>This class is thread-safe.
 *
 * @param load the version to load, or {@code null} for the latest
 * @param save the version to save, or {@code null} for a new timestamp at each save
 */
public record Version(String load, String save) {}
