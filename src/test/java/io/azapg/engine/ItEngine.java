package io.azapg.engine;

import io.azapg.common.AzaPgException;
import io.azapg.common.Reporter;
import io.azapg.process.DefaultProcessRunner;
import java.util.Optional;
import java.util.UUID;

/**
 * The real engine for integration tests. A missing engine fails the test with the instructions the
 * CLI would print; integration tests never skip.
 */
public final class ItEngine {
  private ItEngine() {}

  public static ContainerEngine require() {
    try {
      return new EngineSelector(new DefaultProcessRunner(), System.getenv(), Reporter.silent())
          .select(Optional.empty());
    } catch (AzaPgException e) {
      throw new AssertionError(
          "integration tests need a container engine: "
              + e.getMessage()
              + "\n  "
              + String.join("\n  ", e.hints())
              + "\n  (CI runs './aza-pg engine setup' first, see .ci/run)",
          e);
    }
  }

  /** A name no other test run uses, for containers, volumes, networks and images. */
  public static String uniqueName(String purpose) {
    return "aza-pg-it-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
