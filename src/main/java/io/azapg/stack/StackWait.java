package io.azapg.stack;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.common.Reporter;
import io.azapg.engine.ComposeClient;
import io.azapg.engine.ComposeContainer;
import io.azapg.engine.ContainerEngine;
import io.azapg.engine.ContainerState;
import io.azapg.engine.EngineKind;
import io.azapg.engine.HealthStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Waits until a group of a stack's services is healthy. A container that exits, or that its restart
 * policy restarts, fails the wait at once with the error lines of its log (a replica with a wrong
 * slot says which and how to fix it), and is stopped so it does not loop.
 */
final class StackWait {
  private static final Duration POLL = Duration.ofSeconds(1);
  private static final Duration REPORT_EVERY = Duration.ofSeconds(10);
  private static final List<String> STOPPED = List.of("exited", "stopped", "dead");

  private final ContainerEngine engine;
  private final ComposeClient compose;
  private final Reporter reporter;

  StackWait(ContainerEngine engine, ComposeClient compose, Reporter reporter) {
    this.engine = engine;
    this.compose = compose;
    this.reporter = reporter;
  }

  void healthy(List<String> services, Duration timeout) {
    Map<String, String> containers = new HashMap<>();
    for (ComposeContainer c : compose.containers()) {
      if (services.contains(c.service())) {
        containers.put(c.service(), c.name());
      }
    }
    Map<String, Integer> restarts = new HashMap<>();
    for (String service : services) {
      String name = containers.get(service);
      if (name == null) {
        throw new AzaPgException(
            ExitCode.ENGINE,
            "Compose created no container for service " + service + " of " + compose.project());
      }
      restarts.put(service, state(name).restartCount());
    }
    List<String> waiting = new ArrayList<>(services);
    long start = System.nanoTime();
    long nextReport = start + REPORT_EVERY.toNanos();
    while (!waiting.isEmpty()) {
      for (String service : List.copyOf(waiting)) {
        String name = container(containers, service);
        ContainerState s = state(name);
        if (s.running() && engine.kind() == EngineKind.PODMAN) {
          try {
            engine.runHealthcheck(name);
          } catch (AzaPgException e) {
            // it stopped between the two calls: the state below says so
          }
          s = state(name);
        }
        if (s.restartCount() > restarts.getOrDefault(service, 0) || STOPPED.contains(s.status())) {
          throw stopped(service, s);
        }
        if (s.running() && s.health().map(h -> h == HealthStatus.HEALTHY).orElse(true)) {
          reporter.info(service + " is " + s.health().map(HealthStatus::word).orElse("running"));
          waiting.remove(service);
        }
      }
      long now = System.nanoTime();
      if (waiting.isEmpty()) {
        return;
      }
      if (now - start > timeout.toNanos()) {
        String name = container(containers, waiting.get(0));
        throw new AzaPgException(
            ExitCode.TIMEOUT,
            waiting.get(0)
                + " of "
                + compose.project()
                + " is not healthy after "
                + timeout.toSeconds()
                + " s"
                + state(name).lastHealthOutput().map(o -> " (last check: " + o + ")").orElse(""),
            List.of("its log: aza-pg logs --stack ... " + waiting.get(0)));
      }
      if (now >= nextReport) {
        nextReport = now + REPORT_EVERY.toNanos();
        reporter.info("waiting for " + String.join(", ", waiting) + " to become healthy");
      }
      sleep();
    }
  }

  private ContainerState state(String name) {
    return engine
        .inspectContainer(name)
        .orElseThrow(
            () -> new AzaPgException(ExitCode.ENGINE, "container " + name + " disappeared"));
  }

  /** The service stopped: its error lines, then stop it so its restart policy does not loop. */
  private AzaPgException stopped(String service, ContainerState s) {
    String log = compose.logs(Optional.of(service), OptionalInt.of(60));
    List<String> errors = new ArrayList<>();
    for (String line : log.split("\n")) {
      String text = line.replaceFirst("^[^|]*\\|\\s?", "");
      if (text.startsWith("aza-pg: error:") || text.startsWith("  hint:")) {
        errors.add(text.strip());
      }
    }
    if (errors.isEmpty()) {
      String[] lines = log.split("\n");
      for (int i = Math.max(0, lines.length - 8); i < lines.length; i++) {
        errors.add(lines[i].strip());
      }
    }
    try {
      compose.lifecycle("stop", List.of(service));
    } catch (AzaPgException e) {
      reporter.warn("could not stop " + service + ": " + e.getMessage());
    }
    int code = s.exitCode();
    return new AzaPgException(
        exitCode(code, errors),
        service
            + " of "
            + compose.project()
            + (code != 0 ? " exited with code " + code : " exited")
            + (s.restartCount() > 0 ? " and its restart policy started it again" : "")
            + "; it is stopped now so it does not loop. Its log says:\n    "
            + String.join("\n    ", errors),
        List.of(
            "fix the cause and run up again; 'aza-pg logs --stack ... "
                + service
                + "' has the whole log"));
  }

  /**
   * The CLI's exit code for a service that stopped: the runtime's own code when the engine kept it;
   * after a restart the engine reports 0, and the runtime's message tells the kind of failure.
   */
  static ExitCode exitCode(int code, List<String> errors) {
    switch (code) {
      case 1:
        return ExitCode.CHECK_FAILED;
      case 3:
        return ExitCode.INVALID_INPUT;
      case 5:
        return ExitCode.DATABASE;
      case 6:
        return ExitCode.TIMEOUT;
      default:
        break;
    }
    String text = String.join("\n", errors);
    if (text.contains("is not valid") || text.contains("is missing")) {
      return ExitCode.INVALID_INPUT;
    }
    if (text.contains("did not accept connections within")) {
      return ExitCode.TIMEOUT;
    }
    return ExitCode.ENGINE;
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AzaPgException(ExitCode.TIMEOUT, "interrupted while waiting for the stack");
    }
  }

  /** The container of a service that {@link #healthy} found Compose created. */
  private static String container(Map<String, String> containers, String service) {
    return Objects.requireNonNull(containers.get(service), service);
  }
}
