package io.azapg.engine;

import io.azapg.process.LineListener;
import io.azapg.process.ProcessResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The container operations aza-pg needs, whichever engine runs them. Every failure is an {@link
 * io.azapg.common.AzaPgException} with exit code 4 (engine) or 6 (timeout), naming the command.
 */
public interface ContainerEngine {
  /** Which engine this is. */
  EngineKind kind();

  /**
   * The environment a Docker-API client (the docker CLI, Compose v2) needs to reach this engine:
   * podman's socket in {@code DOCKER_HOST} for podman; empty when the client's defaults reach it.
   */
  default Map<String, String> apiEnv() {
    return Map.of();
  }

  /** The engine's version, OCI runtime and cgroup manager. */
  EngineInfo info();

  /** Whether an image of this name exists locally. */
  boolean imageExists(String ref);

  /** The local image of this name; empty when there is none. */
  Optional<ImageDetails> inspectImage(String ref);

  /** The ids of the local images that carry the label {@code key=value}; none found is empty. */
  List<String> imagesLabelled(String key, String value);

  /** Pulls an image from its registry within the timeout. */
  void pull(String ref, Duration timeout);

  /** Builds an image, reporting progress lines as they come. */
  void build(BuildSpec spec);

  /** Pushes an image name to its registry. */
  void push(String ref, Duration timeout);

  /** Gives an existing image another name. */
  void tag(String source, String target);

  /** Removes an image name (the image too when it was the last); false when there was none. */
  boolean removeImage(String ref, boolean force);

  /**
   * Creates an image from a root filesystem tar archive.
   *
   * @param changes Dockerfile instructions to apply, e.g. {@code ENV LANG=C.UTF-8}
   * @return the new image's id
   */
  String importImage(Path tarball, List<String> changes, String ref);

  /**
   * Imports a root file system tarball built for another Debian architecture ({@code arm64}): the
   * image's configuration records that architecture, so it runs under the matching platform.
   */
  String importImage(Path tarball, List<String> changes, String ref, String architecture);

  /** Writes an image to a docker-archive tar file. */
  void saveImage(String ref, Path archive);

  /**
   * Writes an image to a directory as a registry would store it: {@code manifest.json} (Docker
   * image manifest v2, the config blob byte for byte, so its digest is the image id) and every blob
   * named by its hex digest, layers gzip-compressed. Podman only; docker has no such export.
   */
  void saveImageDirectory(String ref, Path directory);

  /** Starts a container in the background and returns its id. */
  String run(RunSpec spec);

  /** Runs a container in the foreground and returns its output whatever its exit code. */
  default ProcessResult runAttached(RunSpec spec, Duration timeout) {
    return runAttached(spec, timeout, LineListener.NONE);
  }

  /** Runs a command in a running container and returns its output whatever its exit code. */
  default ProcessResult exec(ExecSpec spec) {
    return exec(spec, LineListener.NONE);
  }

  /**
   * {@link #exec(ExecSpec)} with every output line handed to {@code listener} while the command
   * runs (for progress); the result still holds the output.
   */
  ProcessResult exec(ExecSpec spec, LineListener listener);

  /** {@link #runAttached} with every output line handed to {@code listener} while it runs. */
  ProcessResult runAttached(RunSpec spec, Duration timeout, LineListener listener);

  /**
   * Runs a command in a running container with its stdin read from a file and its stdout written to
   * a file, both streamed by the operating system (neither is held in memory); the spec's own stdin
   * bytes are ignored. Returns the exit code and stderr (stdout is empty) whatever the exit code; a
   * command that outlives the spec's timeout is destroyed (exit code 6).
   */
  ProcessResult execStreaming(ExecSpec spec, Optional<Path> stdinFrom, Optional<Path> stdoutTo);

  /**
   * Runs a command in a running container attached to this process's terminal (stdin, stdout and
   * stderr inherited; a pseudo-terminal when {@code tty}), through the same client and client
   * environment as every other call, and returns the command's exit code.
   */
  int execInteractive(ExecSpec spec, boolean tty);

  /** The container's output, stdout and stderr interleaved; the last {@code tail} lines if set. */
  String logs(String container, OptionalInt tail);

  /** The container's state; empty when no such container exists. */
  Optional<ContainerState> inspectContainer(String container);

  /**
   * Runs the container's healthcheck once now (podman: without systemd nothing else does) and
   * returns the resulting health; empty for engines that schedule healthchecks themselves.
   */
  Optional<HealthStatus> runHealthcheck(String container);

  /** Stops a container, killing it after the grace period. */
  void stop(String container, Duration grace);

  /** Removes a container; false when there was none. */
  boolean removeContainer(String container, boolean force, boolean withVolumes);

  void createVolume(String name, Map<String, String> labels);

  /** Whether a volume of this name exists. */
  boolean volumeExists(String name);

  /** Removes a volume; false when there was none. */
  boolean removeVolume(String name, boolean force);

  void createNetwork(String name, Map<String, String> labels);

  /** Removes a network; false when there was none. */
  boolean removeNetwork(String name, boolean force);

  /**
   * Waits until the container is healthy (or running, if it has no healthcheck), reporting
   * progress. Fails at once when the container stops, and with exit code 6 at the timeout, quoting
   * its last healthcheck output and log lines.
   */
  ContainerState waitForHealthy(String container, Duration timeout);
}
