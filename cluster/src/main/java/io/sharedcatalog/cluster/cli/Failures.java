package io.sharedcatalog.cluster.cli;

import io.sharedcatalog.catalog.DatasetException;
import io.sharedcatalog.pipeline.PipelineException;
import io.sharedcatalog.runner.RunFailedException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns failures into one line on standard error and a named exit code ({@link ExitCodes}); the
 * stack trace is printed only with {@code --verbose}.
 *
 * <p>This class is thread-safe (it has no state).
 */
final class Failures
    implements IExecutionExceptionHandler, IExitCodeExceptionMapper, IParameterExceptionHandler {

  @Override
  public int handleExecutionException(Exception ex, CommandLine command, ParseResult parseResult) {
    PrintWriter err = command.getErr();
    if (isVerbose(parseResult)) {
      ex.printStackTrace(err);
    }
    int code = getExitCode(ex);
    String hint =
        code == ExitCodes.FAILURE && !isVerbose(parseResult)
            ? " (run again with --verbose for the stack trace)"
            : "";
    err.println(command.getColorScheme().errorText("Error: " + oneLine(ex) + hint));
    err.flush();
    return code;
  }

  /** A bad command line as one line: what is wrong, close matches, and where the help is. */
  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine command = ex.getCommandLine();
    PrintWriter err = command.getErr();
    StringBuilder line = new StringBuilder("Error: ").append(flatten(ex.getMessage()));
    if (ex instanceof CommandLine.UnmatchedArgumentException unmatched) {
      List<String> suggestions = unmatched.getSuggestions();
      if (!suggestions.isEmpty()) {
        boolean isCommand = !unmatched.isUnknownOption();
        String prefix = isCommand ? command.getCommandSpec().qualifiedName() + " " : "";
        line.append(" Did you mean: ");
        for (int i = 0; i < suggestions.size(); i++) {
          line.append(i == 0 ? "" : ", ").append(prefix).append(suggestions.get(i));
        }
        line.append('?');
      }
    }
    line.append(" (see '").append(command.getCommandSpec().qualifiedName()).append(" --help')");
    err.println(command.getColorScheme().errorText(line.toString()));
    err.flush();
    return ExitCodes.USAGE;
  }

  @Override
  public int getExitCode(Throwable exception) {
    if (exception instanceof CliException cli) {
      return cli.exitCode();
    }
    if (exception instanceof RunFailedException) {
      return ExitCodes.NODE_FAILED;
    }
    if (exception instanceof PipelineException || exception instanceof DatasetException) {
      return ExitCodes.BAD_INPUT;
    }
    if (exception instanceof ParameterException) {
      return ExitCodes.USAGE;
    }
    return ExitCodes.FAILURE;
  }

  /**
   * The failure as one line: its message, and its cause's message when that adds something (a
   * node's exception inside a run failure, an I/O error inside a dataset error).
   */
  static String oneLine(Throwable failure) {
    String text = describe(failure);
    Throwable cause = failure.getCause();
    for (int depth = 0; cause != null && depth < 3; depth++, cause = cause.getCause()) {
      String causeText = describe(cause);
      if (cause.getMessage() != null && !text.contains(cause.getMessage().strip())) {
        text = text + " Cause: " + causeText;
        break;
      }
    }
    return flatten(text);
  }

  private static String describe(Throwable failure) {
    String message = failure.getMessage();
    boolean ours =
        failure instanceof CliException
            || failure instanceof PipelineException
            || failure instanceof DatasetException
            || failure instanceof RunFailedException;
    if (message == null || message.isBlank()) {
      return failure.getClass().getSimpleName();
    }
    return ours ? message : failure.getClass().getSimpleName() + ": " + message;
  }

  private static String flatten(String text) {
    return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  /** Whether {@code --verbose} was given on any command of the parsed line. */
  static boolean isVerbose(ParseResult parseResult) {
    for (ParseResult result = parseResult; result != null; result = result.subcommand()) {
      if (result.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }
}
