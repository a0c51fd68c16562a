package io.sharedcatalog.it.parallel;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A JVM forked with this test JVM's class path and the Hazelcast flags from the failsafe property
 * {@code sharedcatalog.jvm.flags}; its output goes to a log file under {@code target/it-logs}.
 * {@link #freeze()} / {@link #resume()} send SIGSTOP / SIGCONT, {@link #kill()} SIGKILL.
 *
 * <p>This class is not thread-safe.
 */
final class ForkedJvm implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path log;
  private boolean frozen;

  private ForkedJvm(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  static ForkedJvm start(String name, Class<?> mainClass, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String flags = System.getProperty("sharedcatalog.jvm.flags", "");
    if (!flags.isBlank()) {
      command.addAll(Arrays.asList(flags.trim().split("\\s+")));
    }
    command.add("-Xmx256m");
    command.add("-Dhazelcast.phone.home.enabled=false");
    command.add("-Dhazelcast.logging.type=slf4j");
    command.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(Arrays.asList(args));
    try {
      Path dir = Path.of("target", "it-logs");
      Files.createDirectories(dir);
      Path log = dir.resolve(name + "-" + System.currentTimeMillis() + ".log");
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      return new ForkedJvm(name, process, log);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot fork " + name, e);
    }
  }

  String name() {
    return name;
  }

  long pid() {
    return process.pid();
  }

  Path log() {
    return log;
  }

  /** Waits (at most 60 s) until the JVM logged {@code text}; fails early if it exited. */
  ForkedJvm awaitLogged(String text) {
    await()
        .atMost(60, SECONDS)
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException(
                    name + " exited with " + process.exitValue() + "; see " + log.toAbsolutePath());
              }
              return Files.readString(log, StandardCharsets.UTF_8).contains(text);
            });
    return this;
  }

  /** Whether the JVM has logged {@code text} so far. */
  boolean logged(String text) {
    try {
      return Files.readString(log, StandardCharsets.UTF_8).contains(text);
    } catch (IOException e) {
      return false;
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(20, SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  void freeze() {
    signal("STOP");
    frozen = true;
  }

  void resume() {
    if (frozen) {
      signal("CONT");
      frozen = false;
    }
  }

  private void signal(String signal) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid())).start();
      if (!kill.waitFor(10, SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + signal + " " + pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Resumes the JVM if frozen, then kills it and waits for it to end. */
  @Override
  public void close() {
    try {
      resume();
    } finally {
      process.destroyForcibly();
      try {
        process.waitFor(20, SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
