package io.sharedcatalog.it.splitbrain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Two network namespaces of this test's own, joined by a veth pair: {@code NS_A} holds one end with
 * {@link #ADDRESS_A}, {@code NS_B} the other with {@link #ADDRESS_B}. The addresses exist only
 * inside these namespaces. {@link #cut()} and {@link #restore()} take the link down and up; {@link
 * #close()} deletes both namespaces (and with them the veth pair) whatever state they are in.
 *
 * <p>This class is not thread-safe.
 */
final class Namespaces implements AutoCloseable {
  static final String ADDRESS_A = "10.231.0.1";
  static final String ADDRESS_B = "10.231.0.2";

  private final String nsA;
  private final String nsB;
  private final String vethA;
  private final String vethB;

  /** The outcome of one command. */
  record Result(int exitCode, String output) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  Namespaces(String id) {
    this.nsA = "scsb-" + id + "-a";
    this.nsB = "scsb-" + id + "-b";
    this.vethA = "scsb" + id + "a"; // interface names are at most 15 characters
    this.vethB = "scsb" + id + "b";
  }

  String nsA() {
    return nsA;
  }

  String nsB() {
    return nsB;
  }

  /**
   * Creates both namespaces and the link between them.
   *
   * @return null on success, else why it could not be done (everything made so far is removed)
   */
  String create() {
    List<String[]> steps =
        List.of(
            new String[] {"ip", "netns", "add", nsA},
            new String[] {"ip", "netns", "add", nsB},
            new String[] {"ip", "link", "add", vethA, "type", "veth", "peer", "name", vethB},
            new String[] {"ip", "link", "set", vethA, "netns", nsA},
            new String[] {"ip", "link", "set", vethB, "netns", nsB},
            new String[] {"ip", "-n", nsA, "addr", "add", ADDRESS_A + "/24", "dev", vethA},
            new String[] {"ip", "-n", nsB, "addr", "add", ADDRESS_B + "/24", "dev", vethB},
            new String[] {"ip", "-n", nsA, "link", "set", "lo", "up"},
            new String[] {"ip", "-n", nsB, "link", "set", "lo", "up"},
            new String[] {"ip", "-n", nsA, "link", "set", vethA, "up"},
            new String[] {"ip", "-n", nsB, "link", "set", vethB, "up"},
            new String[] {"ip", "netns", "exec", nsA, "true"});
    for (String[] step : steps) {
      Result result = run(step);
      if (!result.ok()) {
        close();
        return "'" + String.join(" ", step) + "' failed: " + result.output().strip();
      }
    }
    return null;
  }

  /** Takes the link down: the two namespaces cannot reach each other any more. */
  void cut() {
    require("ip", "-n", nsA, "link", "set", vethA, "down");
  }

  /** Brings the link up again. */
  void restore() {
    require("ip", "-n", nsA, "link", "set", vethA, "up");
  }

  /** The command prefix that runs a program inside namespace {@code ns}. */
  static List<String> exec(String ns) {
    return List.of("ip", "netns", "exec", ns);
  }

  /** Deletes both namespaces, and the veth pair if it is still outside them; never throws. */
  @Override
  public void close() {
    run("ip", "netns", "delete", nsA);
    run("ip", "netns", "delete", nsB);
    if (run("ip", "link", "show", vethA).ok()) {
      run("ip", "link", "delete", vethA);
    }
  }

  /** Whether either namespace still exists. */
  boolean anyLeft() {
    String list = run("ip", "netns", "list").output();
    return list.contains(nsA) || list.contains(nsB);
  }

  private static void require(String... command) {
    Result result = run(command);
    if (!result.ok()) {
      throw new IllegalStateException(
          "'" + String.join(" ", command) + "' failed: " + result.output().strip());
    }
  }

  /** Runs {@code command} (at most 20 s); a command that cannot start gives exit code -1. */
  static Result run(String... command) {
    try {
      Process process =
          new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return new Result(-1, String.join(" ", command) + " timed out");
      }
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return new Result(process.exitValue(), output);
    } catch (IOException e) {
      return new Result(-1, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "interrupted");
    }
  }
}
