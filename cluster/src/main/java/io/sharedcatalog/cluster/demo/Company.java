package io.sharedcatalog.cluster.demo;

import java.io.Serializable;

/**
 * A raw company row, as a CSV export would give it: the rating is a percentage text ({@code "92%"},
 * empty when unknown) and the IATA flag is {@code "t"} or {@code "f"}.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param id the company id ({@code "C17"})
 * @param companyRating the rating as text, for example {@code "92%"}; empty when unknown
 * @param companyLocation the home planet or moon
 * @param totalFleetCount the number of shuttles the company owns
 * @param iataApproved {@code "t"} or {@code "f"}
 */
public record Company(
    String id,
    String companyRating,
    String companyLocation,
    double totalFleetCount,
    String iataApproved)
    implements Serializable {}
