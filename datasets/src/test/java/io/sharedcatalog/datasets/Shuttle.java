package io.sharedcatalog.datasets;

import java.time.LocalDate;

/** A row of a shuttles table with typed components, for tests. */
public record Shuttle(
    long id,
    String shuttleType,
    int engines,
    double price,
    boolean dCheckComplete,
    LocalDate built) {}
