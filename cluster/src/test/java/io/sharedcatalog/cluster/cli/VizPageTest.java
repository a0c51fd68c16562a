package io.sharedcatalog.cluster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.hazelcast.core.HazelcastInstance;
import io.sharedcatalog.cluster.cli.PipelineExecution.RunnerKind;
import io.sharedcatalog.cluster.cli.internal.Params;
import io.sharedcatalog.cluster.cli.internal.viz.LocalRunStates;
import io.sharedcatalog.cluster.cli.internal.viz.VizServer;
import io.sharedcatalog.cluster.demo.DemoPipelines;
import io.sharedcatalog.cluster.testing.TestCluster;
import io.sharedcatalog.pipeline.Node;
import io.sharedcatalog.pipeline.Pipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The viz page of the demo pipeline in a real headless browser (Debian's chromium). */
class VizPageTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @TempDir Path dir;

  @Test
  void everyNodeOfTheDemoIsDrawnAndFinishedNodesShowAsDone() throws Exception {
    assumeTrue(
        Files.isExecutable(CHROMIUM),
        "Debian's chromium is not installed at /usr/bin/chromium (apt-get install chromium;"
            + " .ci/run installs it): the viz page cannot be loaded in a real browser here");
    Path catalog = Cli.writeDemoConfig(dir.resolve("conf"));
    Pipeline pipeline = DemoPipelines.pipeline();
    LocalRunStates states = new LocalRunStates();
    try (TestCluster cluster = new TestCluster();
        VizServer server =
            VizServer.start(VizCommand.graph("demo", pipeline, catalog), states, 0)) {
      HazelcastInstance member = cluster.startMember();
      Map<String, Object> catalogConfig = RunCommand.readYaml(catalog, "catalog");
      catalogConfig.keySet().removeIf(key -> key.startsWith("_"));
      Map<String, Object> parameters =
          Params.merge(
              RunCommand.readYaml(dir.resolve("conf/parameters.yml"), "parameters"),
              List.of(Params.parse("rows=300")));
      new PipelineExecution(
              member,
              "viz-demo-" + UUID.randomUUID().toString().substring(0, 8),
              catalogConfig,
              Map.of(),
              parameters)
          .observedBy(states)
          .run(pipeline, RunnerKind.PARALLEL, 2, false, null);

      String dom = chromium("--dump-dom", server.address().toString());

      for (Node node : pipeline.nodes()) {
        String tag = tagOf(dom, "data-node=\"" + node.name() + "\"");
        assertTrue(tag.contains("data-state=\"done\""), node.name() + " is drawn as done: " + tag);
      }
      assertEquals(pipeline.nodes().size(), count(dom, "data-state=\"done\""), dom);
      assertTrue(
          tagOf(dom, "data-dataset=\"regressor\"").contains("data-type=\"ObjectFileDataset\""),
          dom);
      assertTrue(
          tagOf(dom, "data-dataset=\"companies\"").contains("data-type=\"pandas.CSVDataset\""),
          dom);
      assertTrue(dom.contains("data-parameters=\"rows,seed\""), "parameters grouped: " + dom);
      assertTrue(dom.contains("data-parameters=\"model_options\""), dom);
      assertTrue(dom.contains("succeeded, 9 of 9 nodes done"), dom);
      assertTrue(count(dom, "class=\"edge\"") > pipeline.nodes().size(), "edges drawn: " + dom);

      Path screenshot = Path.of("target", "viz-demo.png").toAbsolutePath();
      Files.deleteIfExists(screenshot);
      chromium("--screenshot=" + screenshot, "--window-size=1400,900", server.address().toString());
      assertTrue(Files.size(screenshot) > 10_000, "a screenshot was written: " + screenshot);
    }
  }

  /** Runs headless chromium on the page and returns its standard output. */
  private String chromium(String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                CHROMIUM.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory(dir, "chromium"),
                "--run-all-compositor-stages-before-draw",
                "--virtual-time-budget=5000"));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "chromium", ".out");
    Path err = Files.createTempFile(dir, "chromium", ".err");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError("chromium did not finish in 90 s: " + Files.readString(err));
    }
    assertEquals(0, process.exitValue(), () -> "chromium failed: " + readQuietly(err));
    return Files.readString(out);
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }

  /** The opening tag holding {@code attribute}, or fails naming it. */
  private static String tagOf(String dom, String attribute) {
    Matcher matcher =
        Pattern.compile("<g [^>]*" + Pattern.quote(attribute) + "[^>]*>").matcher(dom);
    assertTrue(matcher.find(), "no element with " + attribute + " in the page: " + dom);
    return matcher.group();
  }

  private static int count(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      count++;
    }
    return count;
  }
}
