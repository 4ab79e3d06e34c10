package io.azapg.engine;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.common.Reporter;
import io.azapg.process.Redactor;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

/**
 * Polls a container until it is healthy, drives podman's healthchecks itself (so a missing ticker
 * cannot hang it), reports progress every few seconds, and fails early when the container stops.
 */
final class HealthWait {
  private static final Duration REPORT_EVERY = Duration.ofSeconds(5);
  private static final Duration CHECK_EVERY = Duration.ofSeconds(1);
  private static final int LOG_LINES = 20;

  private final ContainerEngine engine;
  private final Reporter reporter;
  private final Redactor redactor;
  private final Duration poll;

  HealthWait(ContainerEngine engine, Reporter reporter, Redactor redactor, Duration poll) {
    this.engine = engine;
    this.reporter = reporter;
    this.redactor = redactor;
    this.poll = poll;
  }

  ContainerState await(String container, Duration timeout) {
    long start = System.nanoTime();
    long nextReport = start + REPORT_EVERY.toNanos();
    long nextCheck = start;
    while (true) {
      ContainerState state = inspect(container);
      long now = System.nanoTime();
      if (!state.running()) {
        throw stopped(container, state);
      }
      if (state.health().isEmpty() || state.health().get() == HealthStatus.HEALTHY) {
        reporter.debug(
            container + " is " + state.health().map(HealthStatus::word).orElse("running"));
        return state;
      }
      if (now - start >= timeout.toNanos()) {
        throw timedOut(container, state, timeout);
      }
      if (engine.kind() == EngineKind.PODMAN && now >= nextCheck) {
        nextCheck = now + CHECK_EVERY.toNanos();
        runCheck(container);
      }
      if (now >= nextReport) {
        nextReport = now + REPORT_EVERY.toNanos();
        reporter.info(
            "waiting for "
                + container
                + " to become healthy ("
                + state.health().get().word()
                + ", "
                + Duration.ofNanos(now - start).toSeconds()
                + " s of "
                + timeout.toSeconds()
                + " s)");
      }
      sleep();
    }
  }

  private ContainerState inspect(String container) {
    return engine
        .inspectContainer(container)
        .orElseThrow(
            () ->
                new AzaPgException(ExitCode.ENGINE, "container " + container + " does not exist"));
  }

  private void runCheck(String container) {
    try {
      engine.runHealthcheck(container);
    } catch (AzaPgException e) {
      // The container may have stopped meanwhile; the next inspect reports that properly.
      reporter.debug("healthcheck run failed: " + e.getMessage());
    }
  }

  private AzaPgException stopped(String container, ContainerState state) {
    String why = state.oomKilled() ? " (killed by the kernel's OOM killer)" : "";
    return new AzaPgException(
        ExitCode.ENGINE,
        "container "
            + container
            + " stopped with exit code "
            + state.exitCode()
            + why
            + " before it became healthy"
            + logTail(container),
        List.of(engine.kind().executable() + " logs " + container + " shows its whole output"));
  }

  private AzaPgException timedOut(String container, ContainerState state, Duration timeout) {
    String check =
        state
            .lastHealthOutput()
            .map(out -> "; last healthcheck output: " + redactor.redact(out))
            .orElse("");
    return new AzaPgException(
        ExitCode.TIMEOUT,
        "container "
            + container
            + " is still "
            + state.health().map(HealthStatus::word).orElse("not healthy")
            + " after "
            + timeout.toSeconds()
            + " s"
            + check
            + logTail(container),
        engine.kind() == EngineKind.PODMAN
            ? List.of(
                "podman runs healthchecks only when asked: check the ticker with 'aza-pg engine doctor'")
            : List.of());
  }

  private String logTail(String container) {
    try {
      String logs = redactor.redact(engine.logs(container, OptionalInt.of(LOG_LINES))).strip();
      return logs.isEmpty() ? "" : "; its last log lines:\n    " + logs.replace("\n", "\n    ");
    } catch (AzaPgException e) {
      return "";
    }
  }

  private void sleep() {
    try {
      Thread.sleep(poll.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AzaPgException(ExitCode.INTERNAL, "interrupted while waiting for health");
    }
  }
}
