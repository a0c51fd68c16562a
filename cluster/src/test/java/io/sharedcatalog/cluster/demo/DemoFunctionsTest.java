package io.sharedcatalog.cluster.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sharedcatalog.pipeline.Pipeline;
import io.sharedcatalog.pipeline.PipelineRegistry;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DemoFunctionsTest {

  @Test
  void theSameSeedGivesTheSameTablesAndAnotherSeedOthers() {
    assertEquals(DemoData.shuttles(500, 7), DemoData.shuttles(500, 7));
    assertEquals(DemoData.companies(500, 7), DemoData.companies(500, 7));
    assertEquals(DemoData.reviews(500, 7), DemoData.reviews(500, 7));
    assertNotEquals(DemoData.shuttles(500, 7), DemoData.shuttles(500, 8));
    assertEquals(100, DemoData.companies(500, 7).size());
  }

  @Test
  void preprocessingParsesPercentagesFlagsAndPrices() {
    Company company = new Company("C1", "92%", "Titan", 3, "t");
    Shuttle shuttle =
        new Shuttle(
            "S1", "Niue", "Type V5", "Plasma", "X", 2, 4, "strict", 3, "f", "t", "$1,325.5", "C1");

    PreprocessedCompany preprocessedCompany =
        DemoFunctions.preprocessCompanies(List.of(company)).get(0);
    PreprocessedShuttle preprocessedShuttle =
        DemoFunctions.preprocessShuttles(List.of(shuttle)).get(0);

    assertEquals(0.92, preprocessedCompany.companyRating(), 1e-12);
    assertTrue(preprocessedCompany.iataApproved());
    assertEquals(1325.5, preprocessedShuttle.price(), 1e-12);
    assertTrue(preprocessedShuttle.moonClearanceComplete());
    assertTrue(!preprocessedShuttle.dCheckComplete());
    assertTrue(
        Double.isNaN(
            DemoFunctions.preprocessCompanies(List.of(new Company("C2", "", "Titan", 1, "f")))
                .get(0)
                .companyRating()));
  }

  @Test
  void theModelInputTableDropsRowsWithMissingValues() {
    List<PreprocessedCompany> companies =
        List.of(
            new PreprocessedCompany("C1", 0.9, true, 3),
            new PreprocessedCompany("C2", Double.NaN, false, 1));
    List<PreprocessedShuttle> shuttles =
        List.of(
            new PreprocessedShuttle("S1", 2, 4, 3, true, false, 1000, "C1"),
            new PreprocessedShuttle("S2", 2, 4, 3, true, false, 1000, "C2"),
            new PreprocessedShuttle("S3", 2, 4, 3, true, false, 1000, "C1"),
            new PreprocessedShuttle("S4", 2, 4, 3, true, false, 1000, "C9"));
    List<Review> reviews =
        List.of(
            new Review("S1", 90, 9, 10, 1),
            new Review("S2", 90, 9, 10, 1),
            new Review("S3", Double.NaN, 0, 0, 0));

    List<ModelInputRow> table = DemoFunctions.createModelInputTable(shuttles, companies, reviews);

    assertEquals(1, table.size());
    assertEquals("S1", table.get(0).shuttleId());
    assertEquals(1.0, table.get(0).iataApproved());
    assertEquals(0.9, table.get(0).companyRating());
  }

  @Test
  void ordinaryLeastSquaresRecoversAnExactLinearRelation() {
    int rows = 50;
    double[] x = new double[rows * 2];
    double[] y = new double[rows];
    for (int i = 0; i < rows; i++) {
      x[2 * i] = i;
      x[2 * i + 1] = (i * 7) % 11;
      y[i] = 3 + 2 * x[2 * i] - 0.5 * x[2 * i + 1];
    }
    FeatureMatrix matrix = new FeatureMatrix(List.of("a", "b"), x);

    LinearModel model = DemoFunctions.trainModel(matrix, y);
    Metrics metrics = DemoFunctions.evaluateModel(model, matrix, y);

    assertEquals(3, model.intercept(), 1e-8);
    assertArrayEquals(new double[] {2, -0.5}, model.coefficients(), 1e-8);
    assertEquals(1.0, metrics.r2(), 1e-12);
    assertEquals(0.0, metrics.meanAbsoluteError(), 1e-8);
  }

  @Test
  void collinearFeaturesAreReportedWithTheFix() {
    FeatureMatrix matrix = new FeatureMatrix(List.of("a", "b"), new double[] {1, 2, 2, 4, 3, 6});

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> DemoFunctions.trainModel(matrix, new double[] {1, 2, 3}));

    assertTrue(e.getMessage().contains("model_options.features"), e.getMessage());
  }

  @Test
  void theSplitKeepsTheTestShareAndEveryRowOnce() {
    List<ModelInputRow> table =
        DemoFunctions.createModelInputTable(
            DemoFunctions.preprocessShuttles(DemoData.shuttles(1000, 1)),
            DemoFunctions.preprocessCompanies(DemoData.companies(1000, 1)),
            DemoData.reviews(1000, 1));

    DemoFunctions.Split split = DemoFunctions.splitData(table, ModelInputRow.FEATURES, 0.2, 3);

    assertEquals((int) Math.ceil(table.size() * 0.2), split.yTest().length);
    assertEquals(table.size(), split.yTest().length + split.yTrain().length);
    assertEquals(split.yTrain().length, split.xTrain().rows());
    assertEquals(ModelInputRow.FEATURES, split.xTest().columns());
  }

  @Test
  void theGeneratedDataHasALearnablePrice() {
    List<ModelInputRow> table =
        DemoFunctions.createModelInputTable(
            DemoFunctions.preprocessShuttles(DemoData.shuttles(5000, 42)),
            DemoFunctions.preprocessCompanies(DemoData.companies(5000, 42)),
            DemoData.reviews(5000, 42));
    DemoFunctions.Split split = DemoFunctions.splitData(table, ModelInputRow.FEATURES, 0.2, 3);

    Metrics metrics =
        DemoFunctions.evaluateModel(
            DemoFunctions.trainModel(split.xTrain(), split.yTrain()), split.xTest(), split.yTest());

    assertTrue(table.size() < 5000 && table.size() > 4500, "rows with gaps are dropped");
    assertTrue(metrics.r2() > 0.8, metrics::toString);
  }

  @Test
  void theDemoPipelineIsRegisteredWithItsNodes() {
    Pipeline pipeline = PipelineRegistry.find(DemoPipelines.NAME);

    assertEquals(9, pipeline.nodes().size());
    assertEquals(Set.of("params:rows", "params:seed", "params:model_options"), pipeline.inputs());
    assertEquals(Set.of("metrics"), pipeline.outputs());
  }
}
