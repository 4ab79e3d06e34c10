package io.azapg.bench;

import io.azapg.engine.ContainerEngine;
import io.azapg.engine.ExecSpec;
import io.azapg.engine.PortMapping;
import io.azapg.engine.RunSpec;
import io.azapg.process.ProcessResult;
import io.azapg.process.ProcessRunner;
import io.azapg.process.ProcessSpec;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One benchmark server: a container of the image under test with a contender's configuration, its
 * own volume and a loopback port, removed with its volume on {@link #close()}.
 */
final class BenchNode implements AutoCloseable {
  private final ContainerEngine engine;
  private final ProcessRunner runner;
  private final String name;
  private final int port;
  private final String password;
  private final Contender contender;
  private Optional<Path> cgroup = Optional.empty();
  private java.util.Set<BenchNode> registry = java.util.Set.of();

  private BenchNode(
      ContainerEngine engine,
      ProcessRunner runner,
      String name,
      int port,
      String password,
      Contender contender) {
    this.engine = engine;
    this.runner = runner;
    this.name = name;
    this.port = port;
    this.password = password;
    this.contender = contender;
  }

  /** Starts a contender's server and waits until it is healthy. */
  static BenchNode start(
      BenchSetup setup, Contender contender, long memoryMb, int cpus, Map<String, String> extra) {
    String name =
        setup.prefix()
            + "-"
            + contender.name().toLowerCase(java.util.Locale.ROOT)
            + "-"
            + memoryMb
            + "m-"
            + setup.next();
    BenchNode node =
        new BenchNode(
            setup.engine(), setup.runner(), name, freePort(), setup.password(), contender);
    Map<String, String> settings = new LinkedHashMap<>(contender.settings(memoryMb, cpus));
    settings.putAll(extra);
    List<String> command = new ArrayList<>(List.of("postgres"));
    settings.forEach((k, v) -> command.addAll(List.of("-c", k + "=" + v)));
    Map<String, String> env = new LinkedHashMap<>(contender.env());
    env.put("POSTGRES_PASSWORD", setup.password());
    RunSpec spec =
        RunSpec.builder(setup.image())
            .name(name)
            .env(env)
            .volume(name + "-data", "/var/lib/postgresql")
            .publish(PortMapping.loopback(node.port, 5432))
            .memoryBytes(memoryMb << 20)
            .cpus(cpus)
            .shmSizeBytes(256L << 20)
            .label("io.azapg.bench", setup.prefix())
            .command(command)
            .build();
    node.registry = setup.open();
    setup.open().add(node);
    try {
      setup.engine().run(spec);
      setup.engine().waitForHealthy(name, Duration.ofMinutes(5));
      node.cgroup = node.cgroupDir();
      return node;
    } catch (RuntimeException e) {
      node.close();
      throw e;
    }
  }

  Contender contender() {
    return contender;
  }

  String name() {
    return name;
  }

  String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  String password() {
    return password;
  }

  /** Runs a program inside the container as postgres, over the local socket. */
  ProcessResult exec(Duration timeout, String... command) {
    return engine.exec(ExecSpec.of(name, command).withUser("postgres").withTimeout(timeout));
  }

  /** One value from a query, through psql in the container. */
  String sql(String query) {
    ProcessResult r =
        exec(Duration.ofMinutes(10), "psql", "-XAtq", "-v", "ON_ERROR_STOP=1", "-c", query);
    if (r.exitCode() != 0) {
      throw new IllegalStateException(name + ": psql failed: " + r.stderr().strip());
    }
    return r.stdout().strip();
  }

  boolean running() {
    return engine.inspectContainer(name).map(s -> s.running()).orElse(false);
  }

  int exitCode() {
    return engine.inspectContainer(name).map(s -> s.exitCode()).orElse(-1);
  }

  String logs() {
    return engine.logs(name, OptionalInt.empty());
  }

  /** The kernel's OOM kills in the container's memory cgroup so far (cgroup v1 or v2). */
  long oomKills() {
    for (String file : List.of("memory.events", "memory.oom_control")) {
      Optional<String> text = cgroup.flatMap(dir -> read(dir.resolve(file)));
      if (text.isPresent()) {
        for (String line : text.get().split("\n")) {
          if (line.startsWith("oom_kill ")) {
            return Long.parseLong(line.substring(9).strip());
          }
        }
      }
    }
    return 0;
  }

  /** Memory the container cannot give back at once: anonymous (rss) plus shared memory, bytes. */
  long unreclaimable() {
    Optional<String> stat = cgroup.flatMap(dir -> read(dir.resolve("memory.stat")));
    long sum = 0;
    for (String line : stat.orElse("").split("\n")) {
      String[] f = line.split(" ");
      if (f.length == 2 && List.of("total_rss", "total_shmem", "anon", "shmem").contains(f[0])) {
        sum += Long.parseLong(f[1]);
      }
    }
    return sum;
  }

  private Optional<Path> cgroupDir() {
    ProcessResult r =
        runner.execute(
            ProcessSpec.of(
                    engine.kind().executable(),
                    "inspect",
                    "--format",
                    "{{.State.CgroupPath}}",
                    name)
                .timeout(Duration.ofSeconds(30))
                .build());
    String path = r.stdout().strip();
    if (r.exitCode() != 0 || path.isEmpty()) {
      return Optional.empty();
    }
    for (Path root : List.of(Path.of("/sys/fs/cgroup/memory"), Path.of("/sys/fs/cgroup"))) {
      Path dir = root.resolve(path.substring(1));
      if (Files.isRegularFile(dir.resolve("memory.stat"))) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  private static Optional<String> read(Path file) {
    try {
      return Optional.of(Files.readString(file));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    registry.remove(this);
    try {
      engine.removeContainer(name, true, true);
    } catch (RuntimeException e) {
      // the volume below still goes
    }
    engine.removeVolume(name + "-data", true);
  }
}
