package io.sharedcatalog.datasets;

/** A row of the spaceflights companies table, for tests. */
public record Company(
    String id,
    Double companyRating,
    String companyLocation,
    Double totalFleetCount,
    Boolean iataApproved) {}
