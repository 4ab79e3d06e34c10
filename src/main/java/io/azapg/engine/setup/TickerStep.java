package io.azapg.engine.setup;

import io.azapg.common.Reporter;
import io.azapg.process.PidFile;
import io.azapg.process.ProcessRunner;
import io.azapg.process.ProcessSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Installs and starts the healthcheck ticker: podman schedules healthchecks with systemd timers, so
 * without systemd containers stay "starting" forever unless something runs {@code podman
 * healthcheck run}. The script ships in the jar; it is (re)started only when not running or
 * changed.
 */
final class TickerStep implements SetupStep {
  static final String MARKER = "healthcheck-ticker";
  static final String RESOURCE = "/io/azapg/engine/healthcheck-ticker.sh";

  private final ProcessRunner runner;
  private final SetupPaths paths;

  TickerStep(ProcessRunner runner, SetupPaths paths) {
    this.runner = runner;
    this.paths = paths;
  }

  @Override
  public String name() {
    return "healthcheck ticker";
  }

  @Override
  public Optional<String> pending() {
    List<String> todo = new ArrayList<>();
    boolean current = installedIsCurrent();
    boolean running = running().isPresent();
    if (!current) {
      todo.add("install " + paths.tickerScript());
    }
    if (!running || !current) {
      todo.add(running ? "restart it" : "start it");
    }
    return todo.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", todo));
  }

  @Override
  public void apply(Reporter reporter) {
    PidFile pidFile = new PidFile(paths.tickerPidFile());
    if (!installedIsCurrent()) {
      install();
      if (pidFile.stop(MARKER, Duration.ofSeconds(5))) {
        reporter.info("stopped the previous healthcheck ticker");
      }
    }
    if (running().isEmpty()) {
      long pid =
          runner.startDetached(
              ProcessSpec.of(paths.tickerScript().toString()).build(), paths.tickerLog());
      pidFile.write(pid);
      reporter.info(
          "healthcheck ticker runs (pid " + pid + "; each container at its own interval)");
    }
  }

  Optional<ProcessHandle> running() {
    return new PidFile(paths.tickerPidFile()).liveProcess(MARKER);
  }

  static byte[] script() {
    try (InputStream in = TickerStep.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private boolean installedIsCurrent() {
    Path installed = paths.tickerScript();
    try {
      return Files.isExecutable(installed)
          && Arrays.equals(Files.readAllBytes(installed), script());
    } catch (IOException e) {
      return false;
    }
  }

  private void install() {
    Path target = paths.tickerScript();
    try {
      Files.createDirectories(target.getParent());
      Path temp = Files.createTempFile(target.getParent(), ".healthcheck-ticker", ".tmp");
      Files.write(temp, script());
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot install " + target, e);
    }
  }
}
