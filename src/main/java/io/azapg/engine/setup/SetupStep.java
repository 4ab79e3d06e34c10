package io.azapg.engine.setup;

import io.azapg.common.Reporter;
import java.util.Optional;

/** One idempotent piece of engine setup: it says what is left to do, then does it. */
interface SetupStep {
  /** A short name for logs ("packages", "api socket"). */
  String name();

  /** What this step would do now; empty when the host already has it. */
  Optional<String> pending();

  /** Does it; called only when {@link #pending()} was not empty. */
  void apply(Reporter reporter);
}
