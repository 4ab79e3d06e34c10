package io.azapg.engine.setup;

import io.azapg.common.ExitCode;
import io.azapg.engine.EngineKind;
import io.azapg.engine.TextFile;
import io.azapg.engine.base.BaseImage;
import io.azapg.process.ProcessResult;
import io.azapg.process.ProcessRunner;
import io.azapg.process.ProcessSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks each piece of the container toolchain aza-pg relies on and says, for each missing one, how
 * to get it: the engine, runc, containers.conf, the API socket, the docker CLI, Compose v2, the
 * healthcheck ticker, the base image and the login-shell environment.
 */
public final class EngineDoctor {
  private static final String SETUP = "aza-pg engine setup (Debian, as root)";
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);

  private final ProcessRunner runner;
  private final SetupPaths paths;

  public EngineDoctor(ProcessRunner runner) {
    this(runner, SetupPaths.standard());
  }

  EngineDoctor(ProcessRunner runner, SetupPaths paths) {
    this.runner = runner;
    this.paths = paths;
  }

  /** Checks every piece; podman's own pieces do not apply when the engine is docker. */
  public DoctorReport examine() {
    boolean podman = runner.findExecutable("podman").isPresent();
    boolean docker = !podman && dockerEngineAnswers();
    List<DoctorCheck> checks = new ArrayList<>();
    if (docker) {
      checks.add(DoctorCheck.present("engine", true, "docker (podman is not installed)"));
      for (String name : List.of("oci runtime", "containers.conf", "api socket")) {
        checks.add(DoctorCheck.notApplicable(name, "podman only"));
      }
    } else if (podman) {
      checks.add(podmanBinary());
      checks.add(ociRuntime());
      checks.add(containersConf());
      checks.add(apiSocket());
    } else {
      checks.add(
          DoctorCheck.missing(
              "engine",
              true,
              "neither podman nor docker answers",
              SETUP + "; elsewhere install Podman 4.3+ or Docker Engine"));
      checks.add(DoctorCheck.missing("oci runtime", true, "no engine", SETUP));
      checks.add(containersConf());
      checks.add(apiSocket());
    }
    checks.add(dockerCli());
    checks.add(compose());
    checks.add(
        docker
            ? DoctorCheck.notApplicable("healthcheck ticker", "docker runs healthchecks itself")
            : ticker());
    checks.add(baseImage(docker ? EngineKind.DOCKER : EngineKind.PODMAN));
    checks.add(profile());
    return new DoctorReport(docker ? "docker" : podman ? "podman" : "none", checks);
  }

  private DoctorCheck podmanBinary() {
    ProcessResult version = probe("podman", "--version");
    return version.succeeded()
        ? DoctorCheck.present("engine", true, version.stdout().trim())
        : DoctorCheck.missing(
            "engine", true, "podman --version failed: " + firstError(version), SETUP);
  }

  private DoctorCheck ociRuntime() {
    ProcessResult info =
        probe("podman", "info", "--format", "{{.Host.OCIRuntime.Name}} {{.Host.OCIRuntime.Path}}");
    String fix =
        "set runtime = \"runc\" under [engine] in " + paths.containersConf() + ": " + SETUP;
    if (!info.succeeded()) {
      return DoctorCheck.missing(
          "oci runtime", true, "podman info failed: " + firstError(info), fix);
    }
    String found = info.stdout().trim();
    return found.startsWith("runc ")
        ? DoctorCheck.present("oci runtime", true, found)
        : DoctorCheck.missing(
            "oci runtime", true, found + " (crun fails on cgroup v1/hybrid hosts)", fix);
  }

  private DoctorCheck containersConf() {
    String text = new TextFile(paths.containersConf()).readOrEmpty();
    List<String> missing = ContainersConf.missing(text);
    return missing.isEmpty()
        ? DoctorCheck.present(
            "containers.conf",
            true,
            paths.containersConf() + ": runc, cgroupfs, events_logger=file, default_ulimits=[]")
        : DoctorCheck.missing(
            "containers.conf",
            true,
            paths.containersConf() + " lacks " + String.join(", ", missing),
            SETUP);
  }

  private DoctorCheck apiSocket() {
    return new ApiSocket(paths.socket()).answers(Duration.ofSeconds(3))
        ? DoctorCheck.present("api socket", true, paths.dockerHost() + " answers /_ping")
        : DoctorCheck.missing(
            "api socket",
            true,
            paths.dockerHost() + " does not answer",
            SETUP + "; or: setsid podman system service --time=0 " + paths.dockerHost() + " &");
  }

  private DoctorCheck dockerCli() {
    Optional<String> docker = dockerPath();
    if (docker.isEmpty()) {
      return DoctorCheck.missing(
          "docker cli", true, "no docker client on PATH", SETUP + " installs it from Debian forky");
    }
    ProcessResult version = probe(docker.get(), "--version");
    return version.succeeded()
        ? DoctorCheck.present(
            "docker cli", true, version.stdout().trim() + " (" + docker.get() + ")")
        : DoctorCheck.missing(
            "docker cli", true, docker.get() + " --version failed: " + firstError(version), SETUP);
  }

  private DoctorCheck compose() {
    String fix = SETUP + " installs it from Debian forky";
    Optional<String> docker = dockerPath();
    if (docker.isEmpty()) {
      return DoctorCheck.missing("compose v2", true, "no docker client", fix);
    }
    ProcessResult version = probe(docker.get(), "compose", "version");
    return version.succeeded()
        ? DoctorCheck.present("compose v2", true, version.stdout().trim())
        : DoctorCheck.missing(
            "compose v2", true, "docker compose version failed: " + firstError(version), fix);
  }

  private DoctorCheck ticker() {
    return new TickerStep(runner, paths)
        .running()
        .map(
            p ->
                DoctorCheck.present(
                    "healthcheck ticker", true, "pid " + p.pid() + " runs " + paths.tickerScript()))
        .orElseGet(
            () ->
                DoctorCheck.missing(
                    "healthcheck ticker",
                    true,
                    "not running: podman runs no healthchecks without systemd",
                    SETUP));
  }

  private DoctorCheck baseImage(EngineKind kind) {
    String ref = BaseImage.reference(BaseImage.DEFAULT_SUITE);
    if (runner.findExecutable(kind.executable()).isEmpty()) {
      return DoctorCheck.missing(
          "base image", false, "no engine to look for " + ref, "aza-pg base");
    }
    List<String> argv =
        kind == EngineKind.PODMAN
            ? List.of("image", "exists", ref)
            : List.of("image", "inspect", ref);
    ProcessResult result = probe(kind.executable(), argv.toArray(String[]::new));
    return result.succeeded()
        ? DoctorCheck.present("base image", false, ref)
        : DoctorCheck.missing("base image", false, ref + " not found", "aza-pg base");
  }

  private DoctorCheck profile() {
    return new ProfileStep(paths).pending().isEmpty()
        ? DoctorCheck.present(
            "shell environment", false, paths.profileScript() + " sets DOCKER_HOST and friends")
        : DoctorCheck.missing(
            "shell environment", false, paths.profileScript() + " is missing or outdated", SETUP);
  }

  private boolean dockerEngineAnswers() {
    return runner.findExecutable("docker").isPresent()
        && probe("docker", "info", "--format", "{{.ServerVersion}}").succeeded();
  }

  private Optional<String> dockerPath() {
    return runner
        .findExecutable("docker")
        .or(() -> paths.dockerClients().stream().filter(Files::isExecutable).findFirst())
        .map(Path::toString);
  }

  private ProcessResult probe(String program, String... args) {
    return runner.execute(
        ProcessSpec.of(program, args).timeout(PROBE_TIMEOUT).failureCode(ExitCode.ENGINE).build());
  }

  private String firstError(ProcessResult result) {
    List<String> lines =
        ProcessResult.tail(result.stderr().isBlank() ? result.stdout() : result.stderr(), 1);
    return lines.isEmpty()
        ? "exit code " + result.exitCode()
        : runner.redactor().redact(lines.get(0));
  }
}
