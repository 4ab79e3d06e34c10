package io.azapg.engine.setup;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.common.Reporter;
import io.azapg.engine.TextFile;
import io.azapg.process.PidFile;
import io.azapg.process.ProcessResult;
import io.azapg.process.ProcessRunner;
import io.azapg.process.ProcessSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Serves podman's Docker-compatible API on {@code /run/podman/podman.sock} for the docker CLI,
 * Compose v2 and Testcontainers. Without systemd there is no socket activation, so the service is
 * started detached (own session, log and pid file under the state directory) when the socket does
 * not answer, and restarted when containers.conf changed after it started.
 */
final class ApiServiceStep implements SetupStep {
  static final String MARKER = "system service";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

  private final ProcessRunner runner;
  private final SetupPaths paths;
  private final ApiSocket socket;

  ApiServiceStep(ProcessRunner runner, SetupPaths paths) {
    this.runner = runner;
    this.paths = paths;
    this.socket = new ApiSocket(paths.socket());
  }

  @Override
  public String name() {
    return "api socket";
  }

  @Override
  public Optional<String> pending() {
    Optional<String> stale = staleService();
    if (stale.isPresent()) {
      return Optional.of("restart podman system service (" + stale.get() + ")");
    }
    if (socket.answers(Duration.ofSeconds(3))) {
      return rootOnly(paths.socket())
          ? Optional.empty()
          : Optional.of(
              "make " + paths.socket() + " root-only (0600): it gives root in any container");
    }
    return Optional.of("start podman system service --time=0 " + paths.dockerHost());
  }

  @Override
  public void apply(Reporter reporter) {
    if (staleService().isEmpty() && socket.answers(Duration.ofSeconds(3))) {
      restrict(paths.socket());
      reporter.info(paths.socket() + " is root-only now (0600)");
      return;
    }
    PidFile pidFile = new PidFile(paths.servicePidFile());
    if (pidFile.stop(MARKER, Duration.ofSeconds(10))) {
      reporter.info("stopped the previous podman system service");
    }
    try {
      // A socket file left by a dead service would make the new one fail to listen.
      Files.deleteIfExists(paths.socket());
      Files.createDirectories(paths.socket().getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + paths.socket(), e);
    }
    long pid =
        runner.startDetached(
            ProcessSpec.of("podman", "system", "service", "--time=0", paths.dockerHost())
                .failureCode(ExitCode.ENGINE)
                .build(),
            paths.serviceLog());
    pidFile.write(pid);
    new TextFile(confStamp()).write(confHash() + "\n");
    if (!socket.awaitAnswer(READY_TIMEOUT)) {
      throw new AzaPgException(
          ExitCode.ENGINE,
          "podman system service (pid "
              + pid
              + ") started but "
              + paths.socket()
              + " does not answer /_ping after "
              + READY_TIMEOUT.toSeconds()
              + " s; its log says:\n    "
              + String.join(
                  "\n    ", ProcessResult.tail(new TextFile(paths.serviceLog()).readOrEmpty(), 10)),
          List.of("see " + paths.serviceLog()));
    }
    restrict(paths.socket());
    reporter.info(
        "podman system service (pid "
            + pid
            + ") answers on "
            + paths.dockerHost()
            + " (root-only, 0600)");
  }

  /**
   * Whether only its owner (root, who runs the service) can use the socket: whoever can talk to the
   * API can start a privileged container, so no group or other user may (mode 0600).
   */
  static boolean rootOnly(Path socket) {
    try {
      int mode = (Integer) Files.getAttribute(socket, "unix:mode", LinkOption.NOFOLLOW_LINKS);
      return (mode & 0077) == 0;
    } catch (IOException e) {
      return false;
    }
  }

  private static void restrict(Path socket) {
    try {
      Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
    } catch (IOException e) {
      throw new AzaPgException(
          ExitCode.ENGINE,
          "cannot make " + socket + " root-only: " + e.getMessage(),
          List.of("run 'chmod 0600 " + socket + "' as root"));
    }
  }

  /**
   * Why our running service must be restarted, if it must: containers.conf changed since it started
   * (the file's hash is recorded at start: process start times are only accurate to a second, too
   * coarse here), or its working directory was deleted (a service started from a checkout that was
   * removed later: every conmon it spawns then fails with "Failed to get working directory", so no
   * container starts through the API).
   */
  private Optional<String> staleService() {
    Optional<ProcessHandle> ours = new PidFile(paths.servicePidFile()).liveProcess(MARKER);
    if (ours.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> gone = deletedWorkingDirectory(ours.get().pid());
    if (gone.isPresent()) {
      return Optional.of("its working directory " + gone.get() + " was deleted");
    }
    Path stamp = confStamp();
    if (!Files.exists(stamp) || new TextFile(stamp).read().trim().equals(confHash())) {
      return Optional.empty();
    }
    return Optional.of("containers.conf changed since it started");
  }

  /** The process's working directory when it no longer exists. */
  static Optional<String> deletedWorkingDirectory(long pid) {
    try {
      String cwd = Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "cwd")).toString();
      return cwd.endsWith(" (deleted)")
          ? Optional.of(cwd.substring(0, cwd.length() - " (deleted)".length()))
          : Optional.empty();
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return Optional.empty();
    }
  }

  private Path confStamp() {
    return paths.stateDir().resolve("podman-service.containers-conf.sha256");
  }

  private String confHash() {
    try {
      byte[] conf =
          Files.exists(paths.containersConf())
              ? Files.readAllBytes(paths.containersConf())
              : new byte[0];
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(conf));
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot hash " + paths.containersConf(), e);
    }
  }
}
