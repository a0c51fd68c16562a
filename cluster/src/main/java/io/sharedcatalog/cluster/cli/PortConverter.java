package io.sharedcatalog.cluster.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Converts a {@code --port} value, refusing anything but a whole number from 1 to 65535 as a bad
 * command line (exit code {@link ExitCodes#USAGE}), before anything starts.
 *
 * <p>This class is thread-safe (it has no state).
 */
final class PortConverter implements ITypeConverter<Integer> {
  /** The highest TCP port. */
  static final int MAX_PORT = 65_535;

  @Override
  public Integer convert(String value) {
    int port;
    try {
      port = Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + value + "' is not a port (a number from 1 to 65535)");
    }
    if (port < 1 || port > MAX_PORT) {
      throw new TypeConversionException(
          port + " is not a port: ports go from 1 to " + MAX_PORT + " (5701 is Hazelcast's own)");
    }
    return port;
  }

  /** Whether {@code text} is a port from 1 to 65535. */
  static boolean isPort(String text) {
    try {
      int port = Integer.parseInt(text);
      return port >= 1 && port <= MAX_PORT;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
