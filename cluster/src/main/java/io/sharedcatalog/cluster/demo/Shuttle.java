package io.sharedcatalog.cluster.demo;

import java.io.Serializable;

/**
 * A raw shuttle row, as a CSV export would give it: flags are {@code "t"}/{@code "f"} and the price
 * is a currency text ({@code "$1,325.0"}).
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param id the shuttle id ({@code "S42"})
 * @param shuttleLocation where the shuttle is based
 * @param shuttleType the model family
 * @param engineType the engine technology
 * @param engineVendor who builds the engines
 * @param engines the number of engines
 * @param passengerCapacity seats
 * @param cancellationPolicy {@code "flexible"}, {@code "moderate"} or {@code "strict"}
 * @param crew crew members
 * @param dCheckComplete {@code "t"} or {@code "f"}
 * @param moonClearanceComplete {@code "t"} or {@code "f"}
 * @param price the price as currency text
 * @param companyId the owning company's id
 */
public record Shuttle(
    String id,
    String shuttleLocation,
    String shuttleType,
    String engineType,
    String engineVendor,
    int engines,
    int passengerCapacity,
    String cancellationPolicy,
    int crew,
    String dCheckComplete,
    String moonClearanceComplete,
    String price,
    String companyId)
    implements Serializable {}
