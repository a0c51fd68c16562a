package io.sharedcatalog.it.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Launches {@code sharedcatalog.jar} as a user would ({@code java -jar sharedcatalog.jar ...}, or
 * with a jar of extra pipelines on {@code -cp}), each process in its own JVM with its output in
 * files of a working directory; {@link #close()} kills every process still alive.
 */
final class CliProcesses implements AutoCloseable {
  private final Path workDir;
  private final List<CliProcess> processes = new ArrayList<>();

  CliProcesses(Path workDir) {
    this.workDir = workDir;
  }

  /** One launched command. */
  static final class CliProcess {
    final String name;
    final Process process;
    private final Path out;
    private final Path err;

    CliProcess(String name, Process process, Path out, Path err) {
      this.name = name;
      this.process = process;
      this.out = out;
      this.err = err;
    }

    String out() {
      return read(out);
    }

    String err() {
      return read(err);
    }

    /** Kills the process as a crash would (SIGKILL). */
    void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor(20, TimeUnit.SECONDS);
    }

    @Override
    public String toString() {
      return name
          + (process.isAlive() ? " (alive)" : " (exit " + process.exitValue() + ")")
          + "\n--- out:\n"
          + out()
          + "\n--- err:\n"
          + err();
    }

    private static String read(Path file) {
      try {
        return Files.exists(file) ? Files.readString(file) : "";
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** {@code java -jar sharedcatalog.jar ARGS}. */
  CliProcess jar(String name, List<String> systemProperties, String... args) {
    List<String> command = java(systemProperties);
    command.add("-jar");
    command.add(cliJar());
    command.addAll(Arrays.asList(args));
    return start(name, command);
  }

  /**
   * {@code java -cp sharedcatalog.jar:PIPELINES io.sharedcatalog.cluster.cli.Main ARGS}, with the
   * IT's own pipelines ({@link CliItPipelines}) as the extra jar.
   */
  CliProcess withItPipelines(String name, String... args) {
    List<String> command = java(List.of());
    command.add("-cp");
    command.add(cliJar() + java.io.File.pathSeparator + itPipelines());
    command.add("io.sharedcatalog.cluster.cli.Main");
    command.addAll(Arrays.asList(args));
    return start(name, command);
  }

  private CliProcess start(String name, List<String> command) {
    Path out = workDir.resolve(name + ".out");
    Path err = workDir.resolve(name + ".err");
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      CliProcess launched = new CliProcess(name, process, out, err);
      processes.add(launched);
      return launched;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> java(List<String> systemProperties) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String flags = System.getProperty("sharedcatalog.jvm.flags", "").strip();
    if (!flags.isEmpty()) {
      command.addAll(Arrays.asList(flags.split("\\s+")));
    }
    command.add("-Xmx256m");
    command.add("-XX:+UseSerialGC");
    command.addAll(systemProperties);
    return command;
  }

  static String cliJar() {
    String jar = System.getProperty("sharedcatalog.cli.jar");
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException(
          "sharedcatalog.cli.jar is not set or missing (" + jar + "); run through failsafe");
    }
    return jar;
  }

  private static String itPipelines() {
    try {
      return Path.of(
              CliItPipelines.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A port that was free on 127.0.0.1 a moment ago. */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    for (CliProcess process : processes) {
      process.process.destroyForcibly();
    }
    for (CliProcess process : processes) {
      process.process.waitFor(20, TimeUnit.SECONDS);
    }
  }
}
