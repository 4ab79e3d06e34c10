package io.azapg.engine.setup;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.common.Reporter;
import io.azapg.engine.CliContainerEngine;
import io.azapg.engine.ContainerEngine;
import io.azapg.engine.EngineKind;
import io.azapg.engine.HostFacts;
import io.azapg.engine.base.BaseImage;
import io.azapg.engine.base.BootstrapSource;
import io.azapg.process.ProcessRunner;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Installs and configures Podman on a Debian host as root, idempotently: packages, containers.conf,
 * the API socket, the healthcheck ticker, the base image, Compose v2 (and the docker CLI), and the
 * login-shell environment. Each step is logged as it happens; a host that is already set up is
 * checked in about a second. Elsewhere it stops with what to install.
 */
public final class EngineSetup {
  private final HostFacts host;
  private final List<SetupStep> steps;

  EngineSetup(HostFacts host, List<SetupStep> steps) {
    this.host = host;
    this.steps = List.copyOf(steps);
  }

  /**
   * Setup for this host's real paths.
   *
   * @param source where the base image is bootstrapped from (an empty mirror reads the host's apt
   *     sources), its keyring and snapshot marking
   */
  public static EngineSetup forHost(
      ProcessRunner runner, HostFacts host, BootstrapSource source, Reporter reporter) {
    return create(runner, host, SetupPaths.standard(), source, reporter, Clock.systemUTC());
  }

  static EngineSetup create(
      ProcessRunner runner,
      HostFacts host,
      SetupPaths paths,
      BootstrapSource source,
      Reporter reporter,
      Clock clock) {
    ContainerEngine podman = new CliContainerEngine(EngineKind.PODMAN, runner, reporter);
    String suite = BaseImage.DEFAULT_SUITE;
    return new EngineSetup(
        host,
        List.of(
            new PackagesStep(runner, AptPackages.REQUIRED),
            new ContainersConfStep(paths.containersConf(), clock),
            new ApiServiceStep(runner, paths),
            new TickerStep(runner, paths),
            new BaseImageStep(runner, podman, new BaseImage(podman, runner), suite, source),
            new ComposeStep(runner, podman, paths, BaseImage.reference(suite)),
            new ProfileStep(paths)));
  }

  /** What a manual install needs, for hosts where setup cannot do it. */
  public static List<String> manualInstructions() {
    return List.of(
        "install Podman 4.3+ with runc, conmon, netavark and aardvark-dns (or Docker Engine with its CLI)",
        "podman without systemd: in /etc/containers/containers.conf set [containers] default_ulimits = []"
            + " and [engine] runtime = \"runc\", cgroup_manager = \"cgroupfs\", events_logger = \"file\"",
        "serve the Docker API: podman system service --time=0 unix:///run/podman/podman.sock"
            + " (or enable podman.socket under systemd) and export DOCKER_HOST=unix:///run/podman/podman.sock",
        "podman without systemd runs no healthchecks: call 'podman healthcheck run' periodically",
        "install the docker CLI and the Compose v2 plugin; export DOCKER_BUILDKIT=0 COMPOSE_BAKE=false",
        "then check with 'aza-pg engine doctor'");
  }

  /** Each step's pending work, without doing any of it ("already done" when none). */
  public List<SetupReport.Outcome> plan() {
    List<SetupReport.Outcome> plan = new ArrayList<>();
    for (SetupStep step : steps) {
      long start = System.nanoTime();
      Optional<String> pending = step.pending();
      plan.add(
          new SetupReport.Outcome(
              step.name(), pending.isPresent(), pending.orElse("already done"), since(start)));
    }
    return plan;
  }

  /** Runs every step that has something to do, logging each. */
  public SetupReport run(Reporter reporter) {
    requireSupportedHost();
    long begin = System.nanoTime();
    List<SetupReport.Outcome> outcomes = new ArrayList<>();
    for (SetupStep step : steps) {
      long start = System.nanoTime();
      Optional<String> pending = step.pending();
      if (pending.isEmpty()) {
        reporter.info("setup: " + step.name() + ": already done");
        outcomes.add(new SetupReport.Outcome(step.name(), false, "already done", since(start)));
        continue;
      }
      reporter.info("setup: " + step.name() + ": " + pending.get());
      step.apply(reporter);
      Duration took = since(start);
      reporter.info("setup: " + step.name() + ": done in " + seconds(took));
      outcomes.add(new SetupReport.Outcome(step.name(), true, pending.get(), took));
    }
    SetupReport report = new SetupReport(outcomes, since(begin));
    reporter.info(
        "setup: "
            + (report.changedAnything() ? "finished" : "nothing to do")
            + " in "
            + seconds(report.took()));
    return report;
  }

  private void requireSupportedHost() {
    if (host.isDebian() && host.isRoot()) {
      return;
    }
    String why =
        host.isDebian() ? "not as root (uid " + host.uid() + ")" : "on " + host.prettyName();
    throw new AzaPgException(
        ExitCode.ENGINE,
        "aza-pg engine setup installs Podman only on Debian as root; this runs " + why,
        host.isDebian()
            ? List.of("run it as root: sudo ./aza-pg engine setup")
            : manualInstructions());
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private static String seconds(Duration duration) {
    return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }
}
