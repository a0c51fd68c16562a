package io.sharedcatalog.cluster.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * The entry point of {@code sharedcatalog.jar}: {@code java -jar sharedcatalog.jar COMMAND
 * [OPTIONS]}, with the commands {@code member}, {@code worker}, {@code run}, {@code catalog} and
 * {@code demo}. Exits 0 on success; otherwise prints one line saying why on standard error and
 * exits with a non-zero code (listed by {@code --help}). {@code --verbose} adds stack traces and
 * Hazelcast's log lines. A process that runs out of memory stops at once ({@link OutOfMemoryExit}).
 *
 * <p>This class is thread-safe.
 */
public final class Main {
  private Main() {}

  /**
   * Runs the command line and exits the JVM with its exit code.
   *
   * @param args the command line arguments
   */
  public static void main(String[] args) {
    boolean verbose = Arrays.asList(args).contains("--verbose");
    configureLogging(verbose);
    OutOfMemoryExit.install();
    int exitCode;
    try {
      exitCode = commandLine().execute(args);
    } catch (OutOfMemoryError error) {
      OutOfMemoryExit.halt(error);
      return;
    } catch (Throwable error) { // an Error escapes picocli's handlers: still one line
      if (verbose) {
        error.printStackTrace();
      }
      System.err.println(
          "Error: "
              + Failures.oneLine(error)
              + (verbose ? "" : " (run again with --verbose for the stack trace)"));
      exitCode = ExitCodes.FAILURE;
    }
    System.exit(exitCode);
  }

  /**
   * Builds the command line, printing to standard output and standard error; tests replace them
   * with {@link CommandLine#setOut(PrintWriter)} and {@link CommandLine#setErr(PrintWriter)}.
   */
  static CommandLine commandLine() {
    Failures failures = new Failures();
    CommandLine commandLine = new CommandLine(new SharedCatalogCommand());
    commandLine.setExecutionExceptionHandler(failures);
    commandLine.setExitCodeExceptionMapper(failures);
    commandLine.setParameterExceptionHandler(failures);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    return commandLine;
  }

  /**
   * Configures slf4j-simple before the first logger exists, unless the user set a property with
   * {@code -D}: warnings from libraries, our own progress at info, timestamps short, all on
   * standard error (standard output stays for results). Hazelcast logs through SLF4J, and only with
   * {@code --verbose} (or {@code -Dorg.slf4j.simpleLogger.log.com.hazelcast=LEVEL}).
   */
  static void configureLogging(boolean verbose) {
    setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
    setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
    // On a terminal the live progress line replaces the library's per-node log lines; redirected
    // output (files, CI) keeps them, as plain progress.
    boolean terminal = System.console() != null;
    setIfAbsent(
        "org.slf4j.simpleLogger.log.io.sharedcatalog",
        verbose ? "debug" : terminal ? "warn" : "info");
    setIfAbsent("org.slf4j.simpleLogger.log.io.sharedcatalog.cluster.cli", "info");
    setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
    setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
    setIfAbsent("org.slf4j.simpleLogger.showThreadName", verbose ? "true" : "false");
    setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
    setIfAbsent("org.slf4j.simpleLogger.levelInBrackets", "true");
    // Hazelcast's own lines (connection attempts, partition tables, ...) only with --verbose:
    // every failure a user must see is reported as the one Error: line.
    setIfAbsent("org.slf4j.simpleLogger.log.com.hazelcast", verbose ? "info" : "off");
    setIfAbsent("hazelcast.logging.type", "slf4j");
    setIfAbsent("hazelcast.phone.home.enabled", "false");
  }

  private static void setIfAbsent(String property, String value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, value);
    }
  }
}
