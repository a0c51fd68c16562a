package io.sharedcatalog.cluster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/** Runs the command line in this JVM with its output captured, as a user would type it. */
final class Cli {
  /** What one command printed and returned. */
  record Execution(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- out:\n" + out + "\n--- err:\n" + err;
    }
  }

  private Cli() {}

  static Execution execute(String... args) {
    CommandLine commandLine = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new Execution(exitCode, out.toString(), err.toString());
  }

  /**
   * Writes the demo's catalog.yml and parameters.yml into {@code dir}, with its model folder and
   * its other files moved into {@code dir} too, and returns the catalog.yml.
   */
  static Path writeDemoConfig(Path dir) throws IOException {
    Execution written = execute("demo", "--write-config", dir.toString());
    assertEquals(0, written.exitCode(), written::toString);
    Path catalog = dir.resolve("catalog.yml");
    Files.writeString(
        catalog,
        Files.readString(catalog)
            .replace("data/06_models", dir.resolve("models").toString())
            .replace("filepath: data/", "filepath: " + dir.resolve("data") + "/"));
    return catalog;
  }
}
