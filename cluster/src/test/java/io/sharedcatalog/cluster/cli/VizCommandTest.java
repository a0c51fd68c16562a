package io.sharedcatalog.cluster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sharedcatalog.cluster.cli.Cli.Execution;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --viz} and the argument checks of {@code viz}, in this JVM. */
class VizCommandTest {
  private static final Pattern VIZ_ADDRESS =
      Pattern.compile("Viz of this run at (http://127\\.0\\.0\\.1:\\d+/)");

  @Test
  void runWithVizPrintsThePagesAddressAndClosesItAfterTheRunWithoutATerminal(@TempDir Path dir)
      throws Exception {
    Path catalog = Cli.writeDemoConfig(dir);

    Execution execution =
        Cli.execute(
            "run",
            "--pipeline",
            "demo",
            "--catalog",
            catalog.toString(),
            "--params",
            "rows=200",
            "--workers",
            "2",
            "--viz");

    assertEquals(0, execution.exitCode(), execution::toString);
    Matcher address = VIZ_ADDRESS.matcher(execution.out());
    assertTrue(address.find(), execution::toString);
    assertTrue(execution.out().contains("Completed 9 of 9 nodes"), execution::toString);
    URI page = URI.create(address.group(1));
    assertThrows(
        IOException.class,
        () -> new Socket(InetAddress.getByName(page.getHost()), page.getPort()).close(),
        "the page is closed once the run is over and no terminal keeps it");
  }

  @Test
  void vizOfAnUnknownPipelineIsBadInputNamingTheRegisteredOnes() {
    Execution execution = Cli.execute("viz", "--pipeline", "nope", "--port", "0");

    assertEquals(ExitCodes.BAD_INPUT, execution.exitCode(), execution::toString);
    assertTrue(execution.err().contains("nope"), execution::toString);
    assertTrue(execution.err().contains("demo"), execution::toString);
  }

  @Test
  void vizOnAPortInUseIsBadInputNamingThePortAndTheOption() throws Exception {
    try (java.net.ServerSocket taken =
        new java.net.ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Execution execution =
          Cli.execute("viz", "--pipeline", "demo", "--port", "" + taken.getLocalPort());

      assertEquals(ExitCodes.BAD_INPUT, execution.exitCode(), execution::toString);
      assertTrue(
          execution.err().contains("127.0.0.1:" + taken.getLocalPort()), execution::toString);
      assertTrue(execution.err().contains("with --port"), execution::toString);
    }
  }

  @Test
  void vizPortOutOfRangeIsAUsageError() {
    Execution execution = Cli.execute("viz", "--pipeline", "demo", "--port", "70000");

    assertEquals(ExitCodes.USAGE, execution.exitCode(), execution::toString);
    assertTrue(execution.err().contains("--port must be in 0..65535"), execution::toString);
  }
}
