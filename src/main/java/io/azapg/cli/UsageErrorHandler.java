package io.azapg.cli;

import io.azapg.common.ExitCode;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** Prints a short usage error with suggestions instead of the whole help text. */
final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {
  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("aza-pg: " + ex.getMessage());
    if (!UnmatchedArgumentException.printSuggestions(ex, err)) {
      // printSuggestions prints nothing when it has no close match.
    }
    err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
    err.flush();
    return ExitCode.USAGE.code();
  }
}
