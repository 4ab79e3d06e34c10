package io.azapg.process;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Runs a program attached to this process's terminal (stdin, stdout and stderr inherited), for
 * interactive sessions such as psql. Returns the program's exit code.
 */
public final class InteractiveProcess {
  private InteractiveProcess() {}

  public static int run(List<String> argv) {
    return run(argv, Map.of());
  }

  /** Runs with this process's environment plus {@code env}. */
  public static int run(List<String> argv, Map<String, String> env) {
    try {
      ProcessBuilder builder = new ProcessBuilder(argv).inheritIO();
      builder.environment().putAll(env);
      Process process = builder.start();
      return process.waitFor();
    } catch (IOException e) {
      throw new AzaPgException(
          ExitCode.ENGINE, "cannot start " + argv.get(0) + ": " + e.getMessage(), List.of(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AzaPgException(ExitCode.INTERNAL, "interrupted while " + argv.get(0) + " ran");
    }
  }
}
