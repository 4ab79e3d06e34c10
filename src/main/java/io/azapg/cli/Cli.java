package io.azapg.cli;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import picocli.CommandLine;

/** Builds the picocli command line: root command, streams, error and exit-code handling. */
public final class Cli {
  private Cli() {}

  /** A command line whose commands print through the given console. */
  public static CommandLine commandLine(Console console) {
    return configured(new CommandLine(new AzaPgCommand(console), new Factory(console)), console);
  }

  private static CommandLine configured(CommandLine cmd, Console console) {
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

  static int handle(Exception ex, Console console, CommandLine commandLine) {
    return Failures.report(ex, console);
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
