package io.azapg.engine;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.common.Reporter;
import io.azapg.process.ProcessResult;
import io.azapg.process.ProcessRunner;
import io.azapg.process.ProcessSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses the container engine: the one asked for (option, then {@code AZA_PG_ENGINE}), or the
 * first that answers, podman before docker. A missing engine is an error with instructions.
 */
public final class EngineSelector {
  /** The environment variable naming the engine when no option does. */
  public static final String ENV_VARIABLE = "AZA_PG_ENGINE";

  /** Where {@code aza-pg engine setup} serves podman's Docker-compatible API. */
  public static final String PODMAN_SOCKET = "/run/podman/podman.sock";

  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);

  private final ProcessRunner runner;
  private final Map<String, String> env;
  private final Reporter reporter;
  private final Path podmanSocket;
  private final Path dockerSocket;

  public EngineSelector(ProcessRunner runner, Map<String, String> env, Reporter reporter) {
    this(runner, env, reporter, Path.of(PODMAN_SOCKET), Path.of("/var/run/docker.sock"));
  }

  EngineSelector(
      ProcessRunner runner,
      Map<String, String> env,
      Reporter reporter,
      Path podmanSocket,
      Path dockerSocket) {
    this.runner = runner;
    this.env = Map.copyOf(env);
    this.reporter = reporter;
    this.podmanSocket = podmanSocket;
    this.dockerSocket = dockerSocket;
  }

  /** How to get an engine, for every message about a missing one. */
  public static List<String> installHints() {
    return List.of(
        "on Debian as root: 'aza-pg engine setup' installs and configures Podman",
        "elsewhere: install Podman 4.3+ (with runc) or Docker Engine with its CLI,"
            + " then check with 'aza-pg engine doctor'",
        "choose one explicitly with --engine podman|docker or " + ENV_VARIABLE + "=podman|docker");
  }

  /**
   * The engine to use.
   *
   * @param requested "podman", "docker", "auto" or empty (then {@code AZA_PG_ENGINE}, then auto)
   */
  public ContainerEngine select(Optional<String> requested) {
    String choice =
        requested
            .filter(s -> !s.isBlank())
            .or(() -> Optional.ofNullable(env.get(ENV_VARIABLE)).filter(s -> !s.isBlank()))
            .orElse("auto");
    if (choice.equalsIgnoreCase("auto")) {
      return detect();
    }
    EngineKind kind = EngineKind.parse(choice);
    Optional<String> problem = problem(kind);
    if (problem.isPresent()) {
      throw new AzaPgException(
          ExitCode.ENGINE,
          kind.executable() + " was asked for but " + problem.get(),
          installHints());
    }
    return engine(kind);
  }

  private ContainerEngine detect() {
    List<String> problems = new ArrayList<>();
    for (EngineKind kind : EngineKind.values()) {
      Optional<String> problem = problem(kind);
      if (problem.isEmpty()) {
        reporter.debug("container engine: " + kind.executable());
        return engine(kind);
      }
      problems.add(kind.executable() + " " + problem.get());
    }
    throw new AzaPgException(
        ExitCode.ENGINE,
        "no container engine answers: " + String.join("; ", problems),
        installHints());
  }

  /** Why this engine cannot be used; empty when it answers. */
  private Optional<String> problem(EngineKind kind) {
    if (runner.findExecutable(kind.executable()).isEmpty()) {
      return Optional.of("is not installed (not on PATH)");
    }
    List<String> args =
        kind == EngineKind.PODMAN
            ? List.of("info", "--format", "{{.Host.OCIRuntime.Name}}")
            : List.of("info", "--format", "{{.ServerVersion}}");
    ProcessResult result =
        runner.execute(
            ProcessSpec.of(kind.executable())
                .args(args)
                .env(clientEnv(kind))
                .timeout(PROBE_TIMEOUT)
                .failureCode(ExitCode.ENGINE)
                .build());
    if (result.succeeded() && !result.stdout().isBlank()) {
      return Optional.empty();
    }
    List<String> tail = ProcessResult.tail(result.stderr(), 1);
    return Optional.of(
        "does not answer ('"
            + kind.executable()
            + " info' exit code "
            + result.exitCode()
            + (tail.isEmpty() ? "" : ": " + runner.redactor().redact(tail.get(0)))
            + ")");
  }

  private CliContainerEngine engine(EngineKind kind) {
    return new CliContainerEngine(kind, runner, reporter, clientEnv(kind));
  }

  /** A docker client with no (or an empty) DOCKER_HOST and no docker daemon talks to podman. */
  private Map<String, String> clientEnv(EngineKind kind) {
    if (kind == EngineKind.DOCKER
        && env.getOrDefault("DOCKER_HOST", "").isBlank()
        && !Files.exists(dockerSocket)
        && Files.exists(podmanSocket)) {
      return Map.of("DOCKER_HOST", "unix://" + podmanSocket, "DOCKER_BUILDKIT", "0");
    }
    return Map.of();
  }
}
