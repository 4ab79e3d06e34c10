package io.azapg.process;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.util.List;

/**
 * A child process exited non-zero. The message names the redacted command and exit status and
 * quotes the last lines of its error output.
 */
public final class ProcessFailedException extends AzaPgException {
  private static final long serialVersionUID = 1L;

  private final transient ProcessResult result;

  public ProcessFailedException(ExitCode code, ProcessResult result, List<String> outputTail) {
    this(code, result, outputTail, List.of());
  }

  public ProcessFailedException(
      ExitCode code, ProcessResult result, List<String> outputTail, List<String> hints) {
    super(code, message(result, outputTail), hints);
    this.result = result;
  }

  /** The failed run, with redacted argv. */
  public ProcessResult result() {
    return result;
  }

  /** The child's exit status. */
  public int processExitCode() {
    return result.exitCode();
  }

  private static String message(ProcessResult result, List<String> tail) {
    StringBuilder m =
        new StringBuilder("'")
            .append(String.join(" ", result.argv()))
            .append("' failed with exit code ")
            .append(result.exitCode());
    if (!tail.isEmpty()) {
      m.append(':');
      tail.forEach(line -> m.append(System.lineSeparator()).append("    ").append(line));
    }
    return m.toString();
  }
}
