package io.azapg.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.common.Reporter;
import io.azapg.process.Channel;
import io.azapg.process.ProcessFailedException;
import io.azapg.process.ProcessResult;
import io.azapg.process.ProcessRunner;
import io.azapg.process.ProcessSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Drives docker or podman through its command-line client: one argv list per operation, run by a
 * {@link ProcessRunner}, JSON output parsed with Jackson.
 */
public final class CliContainerEngine implements ContainerEngine {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

  private final EngineKind kind;
  private final ProcessRunner runner;
  private final Reporter reporter;
  private final Map<String, String> env;

  public CliContainerEngine(EngineKind kind, ProcessRunner runner, Reporter reporter) {
    this(kind, runner, reporter, Map.of());
  }

  /**
   * An engine whose client runs with extra environment variables (e.g. {@code DOCKER_HOST} for a
   * docker client talking to the podman socket).
   */
  public CliContainerEngine(
      EngineKind kind, ProcessRunner runner, Reporter reporter, Map<String, String> env) {
    this.kind = kind;
    this.runner = runner;
    this.reporter = reporter;
    this.env = Map.copyOf(env);
  }

  @Override
  public EngineKind kind() {
    return kind;
  }

  @Override
  public EngineInfo info() {
    List<String> args =
        kind == EngineKind.PODMAN
            ? List.of("info", "--format", "json")
            : List.of("info", "--format", "{{json .}}");
    return EngineInfo.fromInfo(kind, parse(run(args).stdout(), args));
  }

  @Override
  public boolean imageExists(String ref) {
    if (kind == EngineKind.PODMAN) {
      ProcessResult result = execute(List.of("image", "exists", ref));
      if (result.exitCode() == 0 || result.exitCode() == 1) {
        return result.exitCode() == 0;
      }
      throw failed(spec(List.of("image", "exists", ref)).build(), result);
    }
    return inspectImage(ref).isPresent();
  }

  @Override
  public Optional<ImageDetails> inspectImage(String ref) {
    return inspectFirst(List.of("image", "inspect", ref)).map(ImageDetails::fromInspect);
  }

  @Override
  public void pull(String ref, Duration timeout) {
    runner.run(spec(List.of("pull", ref)).timeout(timeout).build());
  }

  @Override
  public void build(BuildSpec build) {
    reporter.info("building " + String.join(", ", build.tags()) + " with " + kind.executable());
    ProcessSpec spec =
        spec(build.arguments(kind))
            .timeout(build.timeout())
            .listener(
                (channel, line) -> {
                  // "STEP 3/9: RUN ..." (podman) or "Step 3/9 : RUN ..." (docker) mark progress.
                  if (line.regionMatches(true, 0, "STEP ", 0, 5)) {
                    reporter.info(line);
                  } else if (!line.isBlank()) {
                    reporter.debug((channel == Channel.STDERR ? "! " : "  ") + line);
                  }
                })
            .build();
    runner.run(spec);
  }

  @Override
  public void push(String ref, Duration timeout) {
    reporter.info("pushing " + ref);
    runner.run(spec(List.of("push", ref)).timeout(timeout).build());
  }

  @Override
  public void tag(String source, String target) {
    run(List.of("tag", source, target));
  }

  @Override
  public boolean removeImage(String ref, boolean force) {
    return removeIfPresent(force ? List.of("rmi", "--force", ref) : List.of("rmi", ref));
  }

  @Override
  public String importImage(Path tarball, List<String> changes, String ref) {
    List<String> args = new ArrayList<>(List.of("import"));
    changes.forEach(change -> args.addAll(List.of("--change", change)));
    args.add(tarball.toString());
    args.add(ref);
    ProcessResult result = runner.run(spec(args).timeout(Duration.ofMinutes(15)).build());
    List<String> lines = ProcessResult.tail(result.stdout(), 1);
    return lines.isEmpty() ? "" : lines.get(0).trim();
  }

  @Override
  public void saveImage(String ref, Path archive) {
    List<String> args = new ArrayList<>(List.of("save"));
    if (kind == EngineKind.PODMAN) {
      args.addAll(List.of("--format", "docker-archive"));
    }
    args.addAll(List.of("--output", archive.toString(), ref));
    runner.run(spec(args).timeout(Duration.ofMinutes(30)).build());
  }

  @Override
  public String run(RunSpec run) {
    runner.redactor().registerSecretsOf(run.env());
    try (EnvFile envFile = EnvFile.write(run.env())) {
      ProcessResult result = run(run.arguments(true, envFile.path()));
      List<String> lines = ProcessResult.tail(result.stdout(), 1);
      return lines.isEmpty() ? "" : lines.get(0).trim();
    }
  }

  @Override
  public ProcessResult runAttached(RunSpec run, Duration timeout) {
    runner.redactor().registerSecretsOf(run.env());
    try (EnvFile envFile = EnvFile.write(run.env())) {
      return runner.execute(spec(run.arguments(false, envFile.path())).timeout(timeout).build());
    }
  }

  @Override
  public ProcessResult exec(ExecSpec exec) {
    runner.redactor().registerSecretsOf(exec.env());
    try (EnvFile envFile = EnvFile.write(exec.env())) {
      ProcessSpec.Builder spec = spec(exec.arguments(envFile.path())).timeout(exec.timeout());
      exec.stdin().ifPresent(spec::stdin);
      return runner.execute(spec.build());
    }
  }

  @Override
  public String logs(String container, OptionalInt tail) {
    List<String> args = new ArrayList<>(List.of("logs"));
    tail.ifPresent(n -> args.addAll(List.of("--tail", Integer.toString(n))));
    args.add(container);
    return runner.run(spec(args).mergeStderr(true).build()).stdout();
  }

  @Override
  public Optional<ContainerState> inspectContainer(String container) {
    return inspectFirst(List.of("container", "inspect", container))
        .map(ContainerState::fromInspect);
  }

  @Override
  public Optional<HealthStatus> runHealthcheck(String container) {
    if (kind != EngineKind.PODMAN) {
      return Optional.empty();
    }
    ProcessResult result = execute(List.of("healthcheck", "run", container));
    if (result.exitCode() > 1) {
      throw failed(spec(List.of("healthcheck", "run", container)).build(), result);
    }
    // Exit 1 means "unhealthy" or "still in its start period"; inspect tells which.
    return inspectContainer(container).flatMap(ContainerState::health);
  }

  @Override
  public void stop(String container, Duration grace) {
    List<String> args = List.of("stop", "-t", Long.toString(grace.toSeconds()), container);
    runner.run(spec(args).timeout(grace.plus(DEFAULT_TIMEOUT)).build());
  }

  @Override
  public boolean removeContainer(String container, boolean force, boolean withVolumes) {
    List<String> args = new ArrayList<>(List.of("rm"));
    if (force) {
      args.add("--force");
    }
    if (withVolumes) {
      args.add("--volumes");
    }
    args.add(container);
    return removeIfPresent(args);
  }

  @Override
  public void createVolume(String name, Map<String, String> labels) {
    run(withLabels(List.of("volume", "create"), labels, name));
  }

  @Override
  public boolean removeVolume(String name, boolean force) {
    return removeIfPresent(
        force ? List.of("volume", "rm", "--force", name) : List.of("volume", "rm", name));
  }

  @Override
  public void createNetwork(String name, Map<String, String> labels) {
    run(withLabels(List.of("network", "create"), labels, name));
  }

  @Override
  public boolean removeNetwork(String name, boolean force) {
    return removeIfPresent(
        force ? List.of("network", "rm", "--force", name) : List.of("network", "rm", name));
  }

  @Override
  public ContainerState waitForHealthy(String container, Duration timeout) {
    return new HealthWait(this, reporter, Duration.ofMillis(500)).await(container, timeout);
  }

  private static List<String> withLabels(
      List<String> verb, Map<String, String> labels, String name) {
    List<String> args = new ArrayList<>(verb);
    new TreeMap<>(labels).forEach((k, v) -> args.addAll(List.of("--label", k + "=" + v)));
    args.add(name);
    return args;
  }

  private Optional<JsonNode> inspectFirst(List<String> args) {
    ProcessResult result = execute(args);
    if (result.exitCode() != 0) {
      if (isAbsent(result)) {
        return Optional.empty();
      }
      throw failed(spec(args).build(), result);
    }
    JsonNode array = parse(result.stdout(), args);
    return array.isArray() && array.size() > 0 ? Optional.of(array.get(0)) : Optional.empty();
  }

  private boolean removeIfPresent(List<String> args) {
    ProcessResult result = execute(args);
    if (result.succeeded()) {
      return true;
    }
    if (isAbsent(result)) {
      return false;
    }
    throw failed(spec(args).build(), result);
  }

  /** Whether a failed call failed only because the object does not exist. */
  private static boolean isAbsent(ProcessResult result) {
    String err = result.stderr().toLowerCase(Locale.ROOT);
    return err.contains("no such") || err.contains("not known") || err.contains("not found");
  }

  private JsonNode parse(String json, List<String> args) {
    try {
      return JSON.readTree(json.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AzaPgException(
          ExitCode.ENGINE,
          "'" + kind.executable() + " " + String.join(" ", args) + "' printed no valid JSON",
          List.of("run 'aza-pg engine doctor' to check the engine"),
          e);
    }
  }

  private ProcessResult run(List<String> args) {
    return runner.run(spec(args).build());
  }

  private ProcessResult execute(List<String> args) {
    return runner.execute(spec(args).build());
  }

  private ProcessFailedException failed(ProcessSpec spec, ProcessResult result) {
    return new ProcessFailedException(ExitCode.ENGINE, result, runner.failureTail(spec, result));
  }

  private ProcessSpec.Builder spec(List<String> args) {
    return ProcessSpec.of(kind.executable())
        .args(args)
        .env(env)
        .timeout(DEFAULT_TIMEOUT)
        .failureCode(ExitCode.ENGINE)
        .missingHints(EngineSelector.installHints());
  }
}
