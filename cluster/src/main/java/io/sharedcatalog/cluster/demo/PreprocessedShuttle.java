package io.sharedcatalog.cluster.demo;

import java.io.Serializable;

/**
 * A shuttle with typed columns.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param id the shuttle id
 * @param engines the number of engines
 * @param passengerCapacity seats
 * @param crew crew members
 * @param dCheckComplete whether the D check is complete
 * @param moonClearanceComplete whether moon clearance is complete
 * @param price the price in dollars
 * @param companyId the owning company's id
 */
public record PreprocessedShuttle(
    String id,
    int engines,
    int passengerCapacity,
    int crew,
    boolean dCheckComplete,
    boolean moonClearanceComplete,
    double price,
    String companyId)
    implements Serializable {}
