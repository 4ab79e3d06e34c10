package io.azapg.runtime.it;

import io.azapg.engine.ContainerEngine;
import io.azapg.engine.ContainerState;
import io.azapg.engine.ExecSpec;
import io.azapg.engine.RunSpec;
import io.azapg.engine.VolumeMount;
import io.azapg.process.DefaultProcessRunner;
import io.azapg.process.ProcessResult;
import io.azapg.process.ProcessRunner;
import io.azapg.process.ProcessSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * One test's containers and their data volume, all with a unique name and removed with the volume
 * whatever happens ({@link #close()}). Successive {@link #start} calls reuse the volume, which is
 * how a test restarts "the same" server.
 */
final class PgContainer implements AutoCloseable {
  private static final ProcessRunner RUNNER = new DefaultProcessRunner();
  private final ContainerEngine engine = ImageUnderTest.engine();
  private final String name = "aza-pg-it-" + UUID.randomUUID().toString().substring(0, 8);
  private final String volume = name + "-data";
  private final List<String> containers = new ArrayList<>();
  private final Map<String, String> env = new LinkedHashMap<>();
  private final List<VolumeMount> mounts = new ArrayList<>();
  private long memoryBytes;
  private double cpus;
  private String user;
  private String current;
  private String dataSource;
  private io.azapg.engine.PortMapping published;

  PgContainer env(String key, String value) {
    env.put(key, value);
    return this;
  }

  PgContainer mount(VolumeMount mount) {
    mounts.add(mount);
    return this;
  }

  /**
   * Mounts a host directory at /var/lib/postgresql instead of the test's named volume, so a test
   * can prepare and inspect the data directory from outside.
   */
  PgContainer dataDir(java.nio.file.Path host) {
    dataSource = host.toString();
    return this;
  }

  /** Publishes the server's port on the host (loopback). */
  PgContainer publish(io.azapg.engine.PortMapping port) {
    published = port;
    return this;
  }

  PgContainer memory(long bytes) {
    memoryBytes = bytes;
    return this;
  }

  PgContainer cpus(double cpus) {
    this.cpus = cpus;
    return this;
  }

  PgContainer user(String user) {
    this.user = user;
    return this;
  }

  private RunSpec spec(List<String> command) {
    String container = name + "-" + containers.size();
    containers.add(container);
    current = container;
    RunSpec.Builder b =
        RunSpec.builder(ImageUnderTest.image())
            .name(container)
            .env(env)
            .volume(dataSource == null ? volume : dataSource, "/var/lib/postgresql")
            .shmSizeBytes(256L << 20)
            .command(command);
    mounts.forEach(b::volume);
    if (published != null) {
      b.publish(published);
    }
    if (memoryBytes > 0) {
      b.memoryBytes(memoryBytes);
    }
    if (cpus > 0) {
      b.cpus(cpus);
    }
    if (user != null) {
      b.user(user);
    }
    return b.build();
  }

  /**
   * Starts a server container in the background (stopping the previous one) and waits until
   * healthy.
   */
  ContainerState startHealthy(String... args) {
    start(args);
    return engine.waitForHealthy(current, Duration.ofMinutes(3));
  }

  /** Starts a server container in the background, stopping the previous one first. */
  void start(String... args) {
    stopCurrent();
    engine.run(spec(List.of(args)));
  }

  /** Runs a container in the foreground (same volume) and returns its output and exit code. */
  ProcessResult runToEnd(String... args) {
    stopCurrent();
    return engine.runAttached(spec(List.of(args)), Duration.ofMinutes(3));
  }

  /** psql inside the current container over the local socket; returns its stdout, trimmed. */
  String sql(String user, String database, String query) {
    ProcessResult r =
        exec(
            "psql",
            "-X",
            "-A",
            "-t",
            "-v",
            "ON_ERROR_STOP=1",
            "-U",
            user,
            "-d",
            database,
            "-c",
            query);
    if (r.exitCode() != 0) {
      throw new AssertionError("psql failed: " + r.stderr() + r.stdout());
    }
    return r.stdout().strip();
  }

  /** The current container's name, for engine commands the adapter does not have. */
  String current() {
    return current;
  }

  /**
   * Runs the engine's client on the current container: {@code cli("restart")} runs {@code podman
   * restart <container>}; the result whatever the exit code.
   */
  ProcessResult cli(String... args) {
    List<String> argv = new ArrayList<>();
    argv.add(engine.kind().executable());
    argv.addAll(List.of(args));
    argv.add(current);
    return RUNNER.execute(ProcessSpec.of(argv).timeout(Duration.ofMinutes(2)).build());
  }

  /** Waits until the current container (restarted in place) is healthy again. */
  ContainerState waitHealthy() {
    return engine.waitForHealthy(current, Duration.ofMinutes(3));
  }

  ProcessResult exec(String... command) {
    return engine.exec(ExecSpec.of(current, command));
  }

  ProcessResult execWithStdin(byte[] stdin, String... command) {
    ExecSpec base = ExecSpec.of(current, command);
    return engine.exec(
        new ExecSpec(
            base.container(),
            base.command(),
            Optional.of(stdin),
            base.user(),
            base.workdir(),
            base.env(),
            base.timeout()));
  }

  String logs() {
    return engine.logs(current, OptionalInt.empty());
  }

  Optional<ContainerState> state() {
    return engine.inspectContainer(current);
  }

  /** Runs the image's healthcheck once and returns its exit code and output. */
  ProcessResult healthcheck() {
    return exec("/usr/local/bin/aza-pg-healthcheck");
  }

  private void stopCurrent() {
    if (current != null
        && engine.inspectContainer(current).map(ContainerState::running).orElse(false)) {
      engine.stop(current, Duration.ofSeconds(30));
    }
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    for (String c : containers) {
      try {
        engine.removeContainer(c, true, true);
      } catch (RuntimeException e) {
        // keep removing the rest
      }
    }
    engine.removeVolume(volume, true);
  }
}
