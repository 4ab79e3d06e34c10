package io.azapg.cli;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * How a failed command is told on stderr, and its exit code: an {@link AzaPgException} with its
 * details and hints, a file-system error as bad input, anything else as an internal error. Free of
 * picocli, so that the container's start-up steps ({@link RuntimeMain}) report as the CLI does.
 */
final class Failures {
  private Failures() {}

  /** Prints the failure on the console's stderr and returns the exit code. */
  static int report(Exception ex, Console console) {
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
}
