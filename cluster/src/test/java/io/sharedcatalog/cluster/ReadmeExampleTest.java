package io.sharedcatalog.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.cluster.testing.TestCluster;
import io.sharedcatalog.pipeline.Node;
import io.sharedcatalog.pipeline.Pipeline;
import io.sharedcatalog.runner.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Java example of the README, compiled and run on a real member and client; and a check that
 * the README quotes it exactly, so the two cannot drift apart.
 */
class ReadmeExampleTest {
  private static final Path README = Path.of("..", "README.md");
  private static final Path SOURCE =
      Path.of("src", "test", "java", "io", "sharedcatalog", "cluster", "ReadmeExampleTest.java");

  @SuppressWarnings("unchecked")
  static double example(HazelcastInstance hz) {
    // spotless:off
    // README-BEGIN
    // hz: ClusterBootstrap.startClient() for a client, or startMember() for an embedded member
    record Order(int id, double price) {}

    SharedMemoryDataCatalog catalog = SharedMemoryDataCatalog.connect(hz, "sales");
    // A save needs a registered name, as in Kedro: register it (here with the catalog's runtime
    // pattern, a SharedMemoryDataset) or list it in catalog.yml; an unknown name is not found.
    catalog.get("orders", true);
    catalog.save("orders", List.of(new Order(1, 9.5), new Order(2, 0.5))); // seen everywhere
    List<?> orders = catalog.load("orders", List.class);

    Pipeline pipeline = Pipeline.of(
        Node.of("total", List.of("orders"), List.of("total"),
            in -> Map.of("total",
                ((List<Order>) in.get("orders")).stream().mapToDouble(Order::price).sum())));
    RunResult result = new ParallelRunner(hz, 2).run(pipeline, catalog);
    double total = catalog.load("total", Double.class); // 10.0, from any member or client
    // README-END
    // spotless:on
    assertEquals(2, orders.size());
    assertEquals(List.of("total"), result.completedNodes());
    return total;
  }

  @Test
  void theReadmeExampleRunsOnARealMemberAndClient() {
    try (TestCluster cluster = TestCluster.withMembers(1)) {
      assertEquals(10.0, example(cluster.startClient()));
    }
  }

  @Test
  void theReadmeQuotesTheExampleExactly() throws IOException {
    String source = Files.readString(SOURCE);
    String body =
        source.substring(
            source.indexOf('\n', source.indexOf("// README-BEGIN")) + 1,
            source.indexOf("// README-END"));
    StringBuilder quoted = new StringBuilder("```java\n");
    for (String line : body.split("\n", -1)) {
      quoted.append(line.length() >= 4 ? line.substring(4) : line.strip()).append('\n');
    }
    String expected = quoted.toString().stripTrailing() + "\n```";
    String readme = Files.readString(README);
    assertTrue(
        readme.contains(expected),
        "README.md must quote the example of ReadmeExampleTest exactly:\n" + expected);
  }
}
