package io.azapg.process;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.util.List;

/** The program a process spec names is not an executable file on PATH. */
public final class ExecutableNotFoundException extends AzaPgException {
  private static final long serialVersionUID = 1L;

  private final String program;

  public ExecutableNotFoundException(
      String program, String path, ExitCode code, List<String> hints) {
    super(
        code,
        program.contains("/")
            ? program + " not found or not executable"
            : program + " not found on PATH (" + path + ")",
        hints);
    this.program = program;
  }

  /** The program that was looked for. */
  public String program() {
    return program;
  }
}
