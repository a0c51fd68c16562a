package io.sharedcatalog.cluster.demo;

import java.io.Serializable;

/**
 * A company with typed columns.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param id the company id
 * @param companyRating the rating as a fraction, 0 to 1
 * @param iataApproved whether the company is IATA approved
 * @param totalFleetCount the number of shuttles the company owns
 */
public record PreprocessedCompany(
    String id, double companyRating, boolean iataApproved, double totalFleetCount)
    implements Serializable {}
