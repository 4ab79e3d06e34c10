package io.azapg.common;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The one unchecked exception root of aza-pg. Its message is the single line a user sees; the
 * optional hints say how to fix the problem.
 */
public class AzaPgException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ExitCode exitCode;
  private final List<String> hints;

  public AzaPgException(ExitCode exitCode, String message) {
    this(exitCode, message, List.of(), null);
  }

  public AzaPgException(ExitCode exitCode, String message, List<String> hints) {
    this(exitCode, message, hints, null);
  }

  public AzaPgException(
      ExitCode exitCode, String message, List<String> hints, @Nullable Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.exitCode = exitCode;
    this.hints = List.copyOf(hints);
  }

  /** The message given at construction: never null. */
  @Override
  public String getMessage() {
    return Objects.requireNonNullElse(super.getMessage(), "");
  }

  /** The exit code the CLI returns for this failure. */
  public ExitCode exitCode() {
    return exitCode;
  }

  /**
   * Detail lines printed before the message, one problem each (for failures that collect several
   * problems); empty by default.
   */
  public List<String> details() {
    return List.of();
  }

  /** Lines that tell the user how to fix the problem; may be empty. */
  public List<String> hints() {
    return hints;
  }
}
