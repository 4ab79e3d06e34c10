package io.azapg.engine;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.common.Reporter;
import io.azapg.process.InteractiveProcess;
import io.azapg.process.LineListener;
import io.azapg.process.ProcessResult;
import io.azapg.process.ProcessRunner;
import io.azapg.process.ProcessSpec;
import io.azapg.process.StreamingProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Drives docker or podman through its command-line client: each operation is one argv list, run by
 * a {@link ProcessRunner}; JSON output is parsed with Jackson.
 */
public final class CliContainerEngine implements ContainerEngine {
  private final EngineKind kind;
  private final ProcessRunner runner;
  private final Reporter reporter;
  private final EngineClient client;

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
    this.client = new EngineClient(kind, runner, env);
  }

  @Override
  public EngineKind kind() {
    return kind;
  }

  @Override
  public Map<String, String> apiEnv() {
    if (kind == EngineKind.PODMAN) {
      return Map.of("DOCKER_HOST", "unix://" + EngineSelector.PODMAN_SOCKET);
    }
    return client.env();
  }

  @Override
  public EngineInfo info() {
    String format = kind == EngineKind.PODMAN ? "json" : "{{json .}}";
    return EngineInfo.fromInfo(kind, client.json(List.of("info", "--format", format)));
  }

  @Override
  public boolean imageExists(String ref) {
    if (kind == EngineKind.DOCKER) {
      return inspectImage(ref).isPresent();
    }
    List<String> args = List.of("image", "exists", ref);
    ProcessResult result = client.execute(args);
    if (result.exitCode() > 1) {
      throw client.failed(args, result);
    }
    return result.exitCode() == 0;
  }

  @Override
  public Optional<ImageDetails> inspectImage(String ref) {
    return client.inspectFirst(List.of("image", "inspect", ref)).map(ImageDetails::fromInspect);
  }

  @Override
  public List<String> imagesLabelled(String key, String value) {
    return client
        .run(List.of("images", "--quiet", "--filter", "label=" + key + "=" + value))
        .stdout()
        .lines()
        .map(String::strip)
        .filter(l -> !l.isEmpty())
        .distinct()
        .toList();
  }

  @Override
  public void pull(String ref, Duration timeout) {
    runner.run(client.spec(List.of("pull", ref)).timeout(timeout).build());
  }

  @Override
  public void build(BuildSpec build) {
    reporter.info("building " + String.join(", ", build.tags()) + " with " + kind.executable());
    boolean interleaved = build.jobs() > 1;
    BuildProgress progress = new BuildProgress(reporter, System::nanoTime, interleaved);
    ScheduledExecutorService heartbeat =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "aza-pg-build-heartbeat");
              t.setDaemon(true);
              return t;
            });
    heartbeat.scheduleAtFixedRate(progress::heartbeat, 5, 5, TimeUnit.SECONDS);
    ProcessResult result;
    try (BuildLog log = new BuildLog(build.log())) {
      ProcessSpec spec =
          client
              .spec(build.arguments(kind))
              .timeout(build.timeout())
              .listener(
                  (channel, line) -> {
                    log.onLine(channel, line);
                    progress.onLine(channel, line);
                  })
              .build();
      result = runner.execute(spec);
    } finally {
      heartbeat.shutdownNow();
    }
    if (!result.succeeded()) {
      throw new BuildFailedException(
          kind.executable(),
          result.exitCode(),
          progress.failedStep(),
          failedOutput(progress, result),
          build.log(),
          interleaved);
    }
  }

  /** The failed step's output; without any step, the engine's own error output. */
  private static List<String> failedOutput(BuildProgress progress, ProcessResult result) {
    List<String> lines = new ArrayList<>(progress.stepOutput());
    if (lines.isEmpty()) {
      lines.addAll(ProcessResult.tail(result.stderr(), ProcessResult.TAIL_LINES));
    }
    return lines;
  }

  @Override
  public void push(String ref, Duration timeout) {
    reporter.info("pushing " + ref);
    runner.run(client.spec(List.of("push", ref)).timeout(timeout).build());
  }

  @Override
  public void tag(String source, String target) {
    client.run(List.of("tag", source, target));
  }

  @Override
  public boolean removeImage(String ref, boolean force) {
    return client.removeIfPresent(force ? List.of("rmi", "--force", ref) : List.of("rmi", ref));
  }

  @Override
  public String importImage(Path tarball, List<String> changes, String ref) {
    return importImage(tarball, changes, ref, "");
  }

  @Override
  public String importImage(Path tarball, List<String> changes, String ref, String architecture) {
    List<String> args = new ArrayList<>(List.of("import"));
    if (!architecture.isEmpty()) {
      args.addAll(
          kind == EngineKind.PODMAN
              ? List.of("--arch", architecture)
              : List.of("--platform", "linux/" + architecture));
    }
    changes.forEach(change -> args.addAll(List.of("--change", change)));
    args.add(tarball.toString());
    args.add(ref);
    return lastLine(runner.run(client.spec(args).timeout(Duration.ofMinutes(15)).build()));
  }

  @Override
  public void saveImage(String ref, Path archive) {
    List<String> args = new ArrayList<>(List.of("save"));
    if (kind == EngineKind.PODMAN) {
      args.addAll(List.of("--format", "docker-archive"));
    }
    args.addAll(List.of("--output", archive.toString(), ref));
    runner.run(client.spec(args).timeout(Duration.ofMinutes(30)).build());
  }

  @Override
  public void saveImageDirectory(String ref, Path directory) {
    if (kind != EngineKind.PODMAN) {
      throw new AzaPgException(
          ExitCode.ENGINE,
          "exporting "
              + ref
              + " for a registry upload needs podman; docker save writes only tar archives",
          List.of("run with --engine podman (./aza-pg engine setup installs it)"));
    }
    List<String> args =
        List.of(
            "save", "--format", "docker-dir", "--compress", "--output", directory.toString(), ref);
    runner.run(client.spec(args).timeout(Duration.ofMinutes(30)).build());
  }

  @Override
  public String run(RunSpec run) {
    runner.redactor().registerSecretsOf(run.env());
    try (EnvFile envFile = EnvFile.write(run.env())) {
      return lastLine(client.run(run.arguments(true, envFile.path())));
    }
  }

  @Override
  public ProcessResult runAttached(RunSpec run, Duration timeout, LineListener listener) {
    if (kind == EngineKind.DOCKER && run.removeWhenDone()) {
      // The docker CLI on Podman 4.3's API reports 0 for a failed 'run --rm' (measured): the
      // container's exit code is lost. Run it kept, read the code, then remove it.
      String name =
          run.name().orElse("aza-pg-run-" + UUID.randomUUID().toString().substring(0, 12));
      try {
        return runAttached(run.keptAs(name), timeout, listener);
      } finally {
        removeContainer(name, true, true);
      }
    }
    runner.redactor().registerSecretsOf(run.env());
    try (EnvFile envFile = EnvFile.write(run.env())) {
      return runner.execute(
          client
              .spec(run.arguments(false, envFile.path()))
              .timeout(timeout)
              .listener(listener)
              .build());
    }
  }

  @Override
  public ProcessResult exec(ExecSpec exec, LineListener listener) {
    runner.redactor().registerSecretsOf(exec.env());
    try (EnvFile envFile = EnvFile.write(exec.env())) {
      ProcessSpec.Builder spec =
          client.spec(exec.arguments(envFile.path())).timeout(exec.timeout()).listener(listener);
      exec.stdin().ifPresent(spec::stdin);
      return runner.execute(spec.build());
    }
  }

  @Override
  public ProcessResult execStreaming(
      ExecSpec exec, Optional<Path> stdinFrom, Optional<Path> stdoutTo) {
    runner.redactor().registerSecretsOf(exec.env());
    try (EnvFile envFile = EnvFile.write(exec.env())) {
      List<String> argv = new ArrayList<>(List.of(kind.executable()));
      List<String> args = new ArrayList<>(exec.arguments(envFile.path()));
      args.remove("--interactive");
      if (stdinFrom.isPresent()) {
        args.add(1, "--interactive");
      }
      argv.addAll(args);
      return StreamingProcess.run(
          argv, client.env(), stdinFrom, stdoutTo, exec.timeout(), runner.redactor());
    }
  }

  @Override
  public int execInteractive(ExecSpec exec, boolean tty) {
    runner.redactor().registerSecretsOf(exec.env());
    try (EnvFile envFile = EnvFile.write(exec.env())) {
      List<String> argv = new ArrayList<>(List.of(kind.executable()));
      argv.addAll(exec.arguments(envFile.path()));
      argv.remove("--interactive");
      argv.add(2, "--interactive");
      if (tty) {
        argv.add(3, "--tty");
      }
      return InteractiveProcess.run(argv, client.env());
    }
  }

  @Override
  public String logs(String container, OptionalInt tail) {
    List<String> args = new ArrayList<>(List.of("logs"));
    tail.ifPresent(n -> args.addAll(List.of("--tail", Integer.toString(n))));
    args.add(container);
    return runner.run(client.spec(args).mergeStderr(true).build()).stdout();
  }

  @Override
  public Optional<ContainerState> inspectContainer(String container) {
    return client
        .inspectFirst(List.of("container", "inspect", container))
        .map(ContainerState::fromInspect);
  }

  @Override
  public Optional<HealthStatus> runHealthcheck(String container) {
    if (kind != EngineKind.PODMAN) {
      return Optional.empty();
    }
    List<String> args = List.of("healthcheck", "run", container);
    ProcessResult result = client.execute(args);
    if (result.exitCode() > 1) {
      throw client.failed(args, result);
    }
    // Exit 1 means "unhealthy" or "still in its start period"; inspect tells which.
    return inspectContainer(container).flatMap(ContainerState::health);
  }

  @Override
  public void stop(String container, Duration grace) {
    List<String> args = List.of("stop", "-t", Long.toString(grace.toSeconds()), container);
    runner.run(client.spec(args).timeout(grace.plus(EngineClient.DEFAULT_TIMEOUT)).build());
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
    return client.removeIfPresent(args);
  }

  @Override
  public void createVolume(String name, Map<String, String> labels) {
    client.run(withLabels(List.of("volume", "create"), labels, name));
  }

  @Override
  public boolean volumeExists(String name) {
    return client.inspectFirst(List.of("volume", "inspect", name)).isPresent();
  }

  @Override
  public boolean removeVolume(String name, boolean force) {
    return client.removeIfPresent(
        force ? List.of("volume", "rm", "--force", name) : List.of("volume", "rm", name));
  }

  @Override
  public void createNetwork(String name, Map<String, String> labels) {
    client.run(withLabels(List.of("network", "create"), labels, name));
  }

  @Override
  public boolean removeNetwork(String name, boolean force) {
    return client.removeIfPresent(
        force ? List.of("network", "rm", "--force", name) : List.of("network", "rm", name));
  }

  @Override
  public ContainerState waitForHealthy(String container, Duration timeout) {
    return new HealthWait(this, reporter, runner.redactor(), Duration.ofMillis(500))
        .await(container, timeout);
  }

  private static List<String> withLabels(
      List<String> verb, Map<String, String> labels, String name) {
    List<String> args = new ArrayList<>(verb);
    new TreeMap<>(labels).forEach((k, v) -> args.addAll(List.of("--label", k + "=" + v)));
    args.add(name);
    return args;
  }

  private static String lastLine(ProcessResult result) {
    List<String> lines = ProcessResult.tail(result.stdout(), 1);
    return lines.isEmpty() ? "" : lines.get(0).trim();
  }
}
