package io.sharedcatalog.cluster.cli;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.OutOfMemoryHandler;

/**
 * Makes a process of the command line end at its first {@link OutOfMemoryError}, in any thread,
 * with one line on standard error and exit code {@link ExitCodes#OUT_OF_MEMORY}: a member that has
 * run out of memory cannot serve, and while it lingers the cluster neither uses its backups nor
 * tells its clients. This does in the running JVM what {@code -XX:+ExitOnOutOfMemoryError} does
 * from the start (a JVM cannot add that flag to itself); the flag is still worth giving, as it also
 * covers errors thrown where no handler runs. Installs Hazelcast's own out-of-memory handlers
 * (member and client), which Hazelcast calls for the errors its threads catch, and a default
 * uncaught-exception handler for every other thread.
 *
 * <p>This class is thread-safe.
 */
final class OutOfMemoryExit {
  // Built before any error: printing the line must allocate as little as possible.
  private static final String PREFIX = "Error: this process ran out of memory (";
  private static final String SUFFIX =
      ") and stops now, so that the cluster's backups take over. Give it more heap (-Xmx), or"
          + " save smaller values.";

  private OutOfMemoryExit() {}

  /** Installs the handlers; call once, before the first member or client starts. */
  static void install() {
    OutOfMemoryHandler halting =
        new OutOfMemoryHandler() {
          @Override
          public void onOutOfMemory(OutOfMemoryError error, HazelcastInstance[] instances) {
            halt(error);
          }
        };
    Hazelcast.setOutOfMemoryHandler(halting);
    HazelcastClient.setOutOfMemoryHandler(halting);
    Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler(
        (thread, error) -> {
          if (error instanceof OutOfMemoryError oome) {
            halt(oome);
          } else if (previous != null) {
            previous.uncaughtException(thread, error);
          } else { // what the JVM does without a handler (the thread group would call this one)
            System.err.print("Exception in thread \"" + thread.getName() + "\" ");
            error.printStackTrace(System.err);
          }
        });
  }

  /** Prints one line and halts the JVM with {@link ExitCodes#OUT_OF_MEMORY}, at once. */
  static void halt(OutOfMemoryError error) {
    try {
      System.err.print(PREFIX);
      System.err.print(error.getMessage());
      System.err.println(SUFFIX);
      System.err.flush();
    } finally {
      Runtime.getRuntime().halt(ExitCodes.OUT_OF_MEMORY);
    }
  }
}
