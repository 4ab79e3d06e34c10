package io.azapg.engine.setup;

import java.time.Duration;
import java.util.List;

/**
 * What {@code aza-pg engine setup} found and did, step by step.
 *
 * @param steps one outcome per step, in order
 * @param took the whole run
 */
public record SetupReport(List<Outcome> steps, Duration took) {
  public SetupReport {
    steps = List.copyOf(steps);
  }

  /**
   * One step's outcome.
   *
   * @param name the step ("packages", "api socket", ...)
   * @param changed false when it was already done
   * @param detail what was done, or "already done"
   * @param took how long the check (and the work) took
   */
  public record Outcome(String name, boolean changed, String detail, Duration took) {}

  /** Whether any step had to do something. */
  public boolean changedAnything() {
    return steps.stream().anyMatch(Outcome::changed);
  }
}
