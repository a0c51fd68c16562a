package io.sharedcatalog.cluster.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Generates the demo's raw tables from a seed, the same tables for the same seed and size on any
 * machine. Each row is drawn from a random generator seeded by (seed, table, row), so the three
 * tables can be generated independently (by three nodes on three workers) and still agree: a
 * shuttle's price depends on its company's rating and on its own review score, which the shuttle
 * generator recomputes from the same seeds.
 *
 * <p>This class is thread-safe.
 */
public final class DemoData {
  private static final String[] LOCATIONS = {
    "Niue", "Anguilla", "Russian Federation", "Barbados", "Sri Lanka", "Moon Base Alpha", "Titan"
  };
  private static final String[] SHUTTLE_TYPES = {"Type V5", "Type F5", "Type A3", "Type V2"};
  private static final String[] ENGINE_TYPES = {"Quantum", "Plasma", "Nuclear"};
  private static final String[] ENGINE_VENDORS = {
    "ThetaBase Services", "Banks, Wood and Phillips", "Rodriguez Ltd", "Gonzalez Systems"
  };
  private static final String[] POLICIES = {"flexible", "moderate", "strict"};
  private static final long COMPANIES = 1;
  private static final long SHUTTLES = 2;
  private static final long REVIEWS = 3;

  private DemoData() {}

  /** The number of companies for {@code rows} shuttles: one company per five shuttles. */
  public static int companyCount(int rows) {
    return Math.max(1, rows / 5);
  }

  /** Generates the companies owning {@code rows} shuttles. */
  public static List<Company> companies(int rows, long seed) {
    requirePositive(rows);
    int count = companyCount(rows);
    List<Company> companies = new ArrayList<>(count);
    for (int index = 0; index < count; index++) {
      SplittableRandom random = random(seed, COMPANIES, index);
      double rating = companyRating(random);
      boolean iata = random.nextDouble() < 0.6;
      String location = LOCATIONS[random.nextInt(LOCATIONS.length)];
      double fleet = 1 + random.nextInt(50);
      companies.add(
          new Company(
              "C" + index,
              Double.isNaN(rating) ? "" : String.format(Locale.ROOT, "%.0f%%", rating * 100),
              location,
              fleet,
              iata ? "t" : "f"));
    }
    return companies;
  }

  /** Generates {@code rows} shuttles. */
  public static List<Shuttle> shuttles(int rows, long seed) {
    requirePositive(rows);
    int companies = companyCount(rows);
    List<Shuttle> shuttles = new ArrayList<>(rows);
    for (int index = 0; index < rows; index++) {
      SplittableRandom random = random(seed, SHUTTLES, index);
      int company = random.nextInt(companies);
      int engines = 1 + random.nextInt(4);
      int capacity = 1 + random.nextInt(12);
      int crew = 1 + random.nextInt(8);
      boolean dCheck = random.nextDouble() < 0.7;
      boolean moon = random.nextDouble() < 0.5;
      String location = LOCATIONS[random.nextInt(LOCATIONS.length)];
      String type = SHUTTLE_TYPES[random.nextInt(SHUTTLE_TYPES.length)];
      String engineType = ENGINE_TYPES[random.nextInt(ENGINE_TYPES.length)];
      String vendor = ENGINE_VENDORS[random.nextInt(ENGINE_VENDORS.length)];
      String policy = POLICIES[random.nextInt(POLICIES.length)];

      SplittableRandom companyRandom = random(seed, COMPANIES, company);
      double rating = companyRating(companyRandom);
      boolean iata = companyRandom.nextDouble() < 0.6;
      double review = reviewScore(random(seed, REVIEWS, index));
      double price =
          300
              + 120 * engines
              + 45 * capacity
              + 25 * crew
              + (dCheck ? 150 : 0)
              + (moon ? 90 : 0)
              + (iata ? 200 : 0)
              + 600 * (Double.isNaN(rating) ? 0.75 : rating)
              + 4 * (Double.isNaN(review) ? 80 : review)
              + 80 * random.nextGaussian();
      shuttles.add(
          new Shuttle(
              "S" + index,
              location,
              type,
              engineType,
              vendor,
              engines,
              capacity,
              policy,
              crew,
              dCheck ? "t" : "f",
              moon ? "t" : "f",
              String.format(Locale.US, "$%,.1f", Math.max(price, 1)),
              "C" + company));
    }
    return shuttles;
  }

  /** Generates one review summary per shuttle, for {@code rows} shuttles. */
  public static List<Review> reviews(int rows, long seed) {
    requirePositive(rows);
    List<Review> reviews = new ArrayList<>(rows);
    for (int index = 0; index < rows; index++) {
      SplittableRandom random = random(seed, REVIEWS, index);
      double score = reviewScore(random);
      double comfort = Math.min(10, Math.max(1, score / 10 + random.nextGaussian()));
      int count = random.nextInt(200);
      reviews.add(
          new Review("S" + index, score, comfort, count, Math.round(count / 12.0 * 100) / 100.0));
    }
    return reviews;
  }

  /** A rating in [0.5, 1), or NaN for about 3% of companies (unknown rating). */
  private static double companyRating(SplittableRandom random) {
    double rating = 0.5 + random.nextDouble() * 0.5;
    return random.nextDouble() < 0.03 ? Double.NaN : rating;
  }

  /** A score in [60, 100), or NaN for about 2% of shuttles (no reviews yet). */
  private static double reviewScore(SplittableRandom random) {
    double score = 60 + random.nextDouble() * 40;
    return random.nextDouble() < 0.02 ? Double.NaN : Math.round(score * 10) / 10.0;
  }

  private static SplittableRandom random(long seed, long table, long row) {
    // Mix the three numbers so neighbouring rows get unrelated streams.
    long mixed = seed * 0x9E3779B97F4A7C15L + table * 0xC2B2AE3D27D4EB4FL + row;
    return new SplittableRandom(mixed);
  }

  private static void requirePositive(int rows) {
    if (rows <= 0) {
      throw new IllegalArgumentException(
          "Parameter 'rows' must be positive but was " + rows + "; set it with --params rows=N");
    }
  }
}
