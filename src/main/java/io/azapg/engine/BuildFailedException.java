package io.azapg.engine;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An image build failed. The details are the whole output of the step that failed (shown before the
 * message); the message names the step, the engine's exit status and where the complete build log
 * is.
 */
public final class BuildFailedException extends AzaPgException {
  private static final long serialVersionUID = 1L;

  private final String step;
  private final List<String> stepOutput;

  private final boolean interleaved;

  /**
   * @param interleaved whether stages were built at once, so that other stages' lines are among the
   *     step's output
   */
  BuildFailedException(
      String engine,
      int status,
      String step,
      List<String> stepOutput,
      Optional<Path> log,
      boolean interleaved) {
    super(
        ExitCode.ENGINE,
        message(engine, status, step, log),
        List.of(
            interleaved
                ? "stages were built at once (--jobs), so the lines above mix their output; the"
                    + " build log has every line, or build again with --jobs 1"
                : "the lines above are that step's output; --verbose shows a build as it runs"));
    this.step = step;
    this.stepOutput = List.copyOf(stepOutput);
    this.interleaved = interleaved;
  }

  /** The step that failed, e.g. {@code STEP 7/21: RUN ...}; empty when none had started. */
  public String step() {
    return step;
  }

  /** Every line the failed step wrote (at most the last few thousand). */
  public List<String> stepOutput() {
    return stepOutput;
  }

  @Override
  public List<String> details() {
    List<String> lines = new ArrayList<>();
    lines.add(
        interleaved
            ? "aza-pg: the build's last lines (its stages ran at once):"
            : "aza-pg: the output of " + (step.isEmpty() ? "the build" : step) + ":");
    stepOutput.forEach(line -> lines.add("    " + line));
    return lines;
  }

  private static String message(String engine, int status, String step, Optional<Path> log) {
    return "the image build failed"
        + (step.isEmpty() ? "" : " in " + step)
        + " ("
        + engine
        + " build exited with "
        + status
        + ")"
        + log.map(l -> "; the whole build output is in " + l).orElse("");
  }
}
