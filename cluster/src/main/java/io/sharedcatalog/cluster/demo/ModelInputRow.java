package io.sharedcatalog.cluster.demo;

import java.io.Serializable;

/**
 * One row of the model input table: a shuttle joined with its company and its reviews.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param shuttleId the shuttle id
 * @param engines the number of engines
 * @param passengerCapacity seats
 * @param crew crew members
 * @param dCheckComplete 1 when the D check is complete, else 0
 * @param moonClearanceComplete 1 when moon clearance is complete, else 0
 * @param iataApproved 1 when the company is IATA approved, else 0
 * @param companyRating the company rating, 0 to 1
 * @param reviewScoresRating the overall review score, 0 to 100
 * @param price the target: the shuttle's price in dollars
 */
public record ModelInputRow(
    String shuttleId,
    double engines,
    double passengerCapacity,
    double crew,
    double dCheckComplete,
    double moonClearanceComplete,
    double iataApproved,
    double companyRating,
    double reviewScoresRating,
    double price)
    implements Serializable {

  /**
   * Returns the value of the named feature column.
   *
   * @throws IllegalArgumentException if no column has that name
   */
  public double feature(String column) {
    return switch (column) {
      case "engines" -> engines;
      case "passenger_capacity" -> passengerCapacity;
      case "crew" -> crew;
      case "d_check_complete" -> dCheckComplete;
      case "moon_clearance_complete" -> moonClearanceComplete;
      case "iata_approved" -> iataApproved;
      case "company_rating" -> companyRating;
      case "review_scores_rating" -> reviewScoresRating;
      default ->
          throw new IllegalArgumentException(
              "Unknown feature '"
                  + column
                  + "'; known features: "
                  + String.join(", ", FEATURES)
                  + ". Fix model_options.features in parameters.yml.");
    };
  }

  /** The names of all feature columns, in table order. */
  public static final java.util.List<String> FEATURES =
      java.util.List.of(
          "engines",
          "passenger_capacity",
          "crew",
          "d_check_complete",
          "moon_clearance_complete",
          "iata_approved",
          "company_rating",
          "review_scores_rating");
}
