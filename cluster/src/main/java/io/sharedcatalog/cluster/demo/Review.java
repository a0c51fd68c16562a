package io.sharedcatalog.cluster.demo;

import java.io.Serializable;

/**
 * A raw review summary of one shuttle. A review score of {@link Double#NaN} means the shuttle has
 * no reviews yet (such rows are dropped from the model input, as Kedro's {@code dropna}).
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param shuttleId the reviewed shuttle's id
 * @param reviewScoresRating the overall score, 0 to 100, or NaN when missing
 * @param reviewScoresComfort the comfort score, 0 to 10
 * @param numberOfReviews how many reviews
 * @param reviewsPerMonth reviews per month
 */
public record Review(
    String shuttleId,
    double reviewScoresRating,
    double reviewScoresComfort,
    int numberOfReviews,
    double reviewsPerMonth)
    implements Serializable {}
