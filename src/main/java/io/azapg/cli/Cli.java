package io.azapg.cli;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
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

  static int handle(Exception ex, Console console, CommandLine commandLine) {
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
    Optional<IOException> io = fileSystemCause(ex);
    if (io.isPresent()) {
      // A file the user's machine or input got wrong (permissions, space, a missing directory):
      // not a bug, so exit 3 with the path and what to check.
      console.err().println("aza-pg: error: " + describe(ex, io.get()));
      console
          .err()
          .println(
              "  hint: check that the path exists, that this user may read and write it, and"
                  + " that its file system has free space");
      if (console.verbose()) {
        ex.printStackTrace(console.err());
      }
      console.err().flush();
      return ExitCode.INVALID_INPUT.code();
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

  /** The I/O failure behind an exception, if a file-system error is what it is. */
  static Optional<IOException> fileSystemCause(Throwable ex) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof UncheckedIOException u) {
        return Optional.ofNullable(u.getCause());
      }
      if (t instanceof IOException io) {
        return Optional.of(io);
      }
    }
    return Optional.empty();
  }

  private static String describe(Exception ex, IOException io) {
    String outer = ex.getMessage() == null ? "" : ex.getMessage();
    String inner = io.getMessage() == null ? io.getClass().getSimpleName() : io.getMessage();
    if (io instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
      inner = fs.getFile() + ": " + fs.getReason();
    } else if (io instanceof java.nio.file.NoSuchFileException
        || io instanceof java.nio.file.AccessDeniedException) {
      inner = io.getClass().getSimpleName().replace("Exception", "") + ": " + inner;
    }
    return outer.isEmpty() || outer.equals(io.toString()) ? inner : outer + " (" + inner + ")";
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
