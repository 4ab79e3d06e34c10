package io.azapg.process;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.time.Duration;
import java.util.List;

/** A child process ran past its timeout and was destroyed. */
public final class ProcessTimeoutException extends AzaPgException {
  private static final long serialVersionUID = 1L;

  public ProcessTimeoutException(List<String> argv, Duration timeout, List<String> outputTail) {
    super(ExitCode.TIMEOUT, message(argv, timeout, outputTail));
  }

  private static String message(List<String> argv, Duration timeout, List<String> tail) {
    StringBuilder m =
        new StringBuilder("'")
            .append(String.join(" ", argv))
            .append("' did not finish within ")
            .append(timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout)
            .append(" and was stopped");
    if (!tail.isEmpty()) {
      m.append("; its last output:");
      tail.forEach(line -> m.append(System.lineSeparator()).append("    ").append(line));
    }
    return m.toString();
  }
}
