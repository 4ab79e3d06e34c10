package io.azapg.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.process.ProcessResult;
import io.azapg.process.ProcessRunner;
import io.azapg.process.ProcessSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Compose v2 ({@code docker compose}) for one project, on the engine aza-pg uses: with podman it
 * talks to podman's Docker-compatible socket. podman-compose and docker-compose v1 are not used:
 * they ignore {@code depends_on} conditions or the top-level {@code name}.
 */
public final class ComposeClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration UP_TIMEOUT = Duration.ofMinutes(15);

  private final ProcessRunner runner;
  private final Map<String, String> env;
  private final String project;
  private final Optional<Path> file;

  /**
   * @param engine the engine the project runs on (its socket for the docker client)
   * @param project the Compose project name
   * @param file the project's compose.yaml (empty for commands that need only the name)
   */
  public ComposeClient(
      ContainerEngine engine, ProcessRunner runner, String project, Optional<Path> file) {
    this.runner = runner;
    this.project = project;
    this.file = file;
    Map<String, String> e = new TreeMap<>(engine.apiEnv());
    e.put("DOCKER_BUILDKIT", "0");
    e.put("COMPOSE_BAKE", "false");
    this.env = Map.copyOf(e);
  }

  public String project() {
    return project;
  }

  /** Fails with how to install Compose v2 when {@code docker compose} does not work. */
  public void requireCompose() {
    ProcessResult r =
        runner.execute(
            ProcessSpec.of("docker", "compose", "version")
                .env(env)
                .timeout(Duration.ofSeconds(30))
                .failureCode(ExitCode.ENGINE)
                .missingHints(hints())
                .build());
    if (!r.succeeded()) {
      throw new AzaPgException(
          ExitCode.ENGINE,
          "Compose v2 does not work ('docker compose version' exit code " + r.exitCode() + ")",
          hints());
    }
  }

  /**
   * {@code up -d --no-deps SERVICES}: creates or recreates (when its config changed) and starts;
   * with {@code recreate}, recreates even unchanged ones.
   */
  public void up(List<String> services, boolean removeOrphans, boolean recreate) {
    List<String> args = new ArrayList<>(List.of("up", "--detach", "--no-deps", "--quiet-pull"));
    if (removeOrphans) {
      args.add("--remove-orphans");
    }
    if (recreate) {
      args.add("--force-recreate");
    }
    args.addAll(services);
    runner.run(spec(args).timeout(UP_TIMEOUT).build());
  }

  /** {@code down}: containers and networks, and the named volumes when asked. */
  public ProcessResult down(boolean volumes) {
    List<String> args = new ArrayList<>(List.of("down", "--remove-orphans", "--timeout", "60"));
    if (volumes) {
      args.add("--volumes");
    }
    return runner.execute(spec(args).timeout(Duration.ofMinutes(5)).build());
  }

  /** {@code stop|start|restart SERVICES}. */
  public void lifecycle(String verb, List<String> services) {
    List<String> args = new ArrayList<>(List.of(verb));
    args.addAll(services);
    runner.run(spec(args).timeout(Duration.ofMinutes(5)).build());
  }

  /** Every container of the project, running or not. */
  public List<ComposeContainer> containers() {
    ProcessResult r = runner.run(spec(List.of("ps", "--all", "--format", "json")).build());
    List<ComposeContainer> all = new ArrayList<>();
    for (String line : r.stdout().split("\n")) {
      String json = line.strip();
      if (json.isEmpty()) {
        continue;
      }
      try {
        JsonNode node = JSON.readTree(json);
        if (node.isArray()) {
          node.forEach(n -> all.add(ComposeContainer.fromPs(n)));
        } else {
          all.add(ComposeContainer.fromPs(node));
        }
      } catch (IOException e) {
        throw new AzaPgException(
            ExitCode.ENGINE, "'docker compose ps' printed no valid JSON: " + e.getMessage());
      }
    }
    return List.copyOf(all);
  }

  /** The project's log, or one service's; the last {@code tail} lines if set. */
  public String logs(Optional<String> service, OptionalInt tail) {
    List<String> args = new ArrayList<>(List.of("logs", "--no-color"));
    tail.ifPresent(n -> args.addAll(List.of("--tail", Integer.toString(n))));
    service.ifPresent(args::add);
    return runner.run(spec(args).timeout(Duration.ofMinutes(2)).build()).stdout();
  }

  /** Runs a command in a service's container as a user; the result whatever its exit code. */
  public ProcessResult exec(String service, String user, List<String> command) {
    List<String> args = new ArrayList<>(List.of("exec", "-T", "--user", user, service));
    args.addAll(command);
    return runner.execute(spec(args).timeout(Duration.ofMinutes(1)).build());
  }

  private ProcessSpec.Builder spec(List<String> args) {
    List<String> argv = new ArrayList<>(List.of("docker", "compose", "--project-name", project));
    file.filter(Files::isRegularFile)
        .ifPresent(
            f ->
                argv.addAll(
                    List.of(
                        "--project-directory",
                        Objects.requireNonNull(f.toAbsolutePath().getParent()).toString(),
                        "--file",
                        f.toAbsolutePath().toString())));
    argv.addAll(args);
    return ProcessSpec.of(argv)
        .env(env)
        .timeout(Duration.ofMinutes(2))
        .failureCode(ExitCode.ENGINE)
        .missingHints(hints());
  }

  private static List<String> hints() {
    return List.of(
        "the stacks run on Compose v2 ('docker compose'): on Debian as root,"
            + " 'aza-pg engine setup' installs it for Podman",
        "elsewhere install the docker CLI with its compose plugin; check with 'aza-pg engine"
            + " doctor'");
  }
}
