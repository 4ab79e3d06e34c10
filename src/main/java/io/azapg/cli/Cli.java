package io.azapg.cli;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import picocli.CommandLine;

/** Builds the picocli command line: root command, streams, error and exit-code handling. */
public final class Cli {
  private Cli() {}

  /** A command line whose commands print through the given console. */
  public static CommandLine commandLine(Console console) {
    CommandLine cmd = new CommandLine(new AzaPgCommand(console), new Factory(console));
    cmd.setOut(console.out());
    cmd.setErr(console.err());
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    cmd.setAbbreviatedOptionsAllowed(false);
    cmd.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> handle(ex, console, commandLine));
    cmd.setExitCodeExceptionMapper(
        ex -> ex instanceof AzaPgException a ? a.exitCode().code() : ExitCode.INTERNAL.code());
    cmd.setParameterExceptionHandler(new UsageErrorHandler());
    return cmd;
  }

  private static int handle(Exception ex, Console console, CommandLine commandLine) {
    if (ex instanceof AzaPgException failure) {
      for (String detail : failure.details()) {
        console.err().println(detail);
      }
      console.err().println("aza-pg: error: " + failure.getMessage());
      for (String hint : failure.hints()) {
        console.err().println("  hint: " + hint);
      }
      if (console.verbose() && failure.getCause() != null) {
        failure.getCause().printStackTrace(console.err());
      }
      console.err().flush();
      return failure.exitCode().code();
    }
    console.err().println("aza-pg: internal error: " + ex);
    if (console.verbose()) {
      ex.printStackTrace(console.err());
    } else {
      console.err().println("  hint: run again with --verbose to see the stack trace");
    }
    console.err().flush();
    return ExitCode.INTERNAL.code();
  }

  /** Creates command objects, handing the console to those that take one. */
  private static final class Factory implements CommandLine.IFactory {
    private final Console console;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    Factory(Console console) {
      this.console = console;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
      try {
        return type.getDeclaredConstructor(Console.class).newInstance(console);
      } catch (NoSuchMethodException e) {
        return fallback.create(type);
      }
    }
  }
}
