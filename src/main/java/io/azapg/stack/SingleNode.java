package io.azapg.stack;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.common.Reporter;
import io.azapg.engine.ContainerEngine;
import io.azapg.engine.ContainerState;
import io.azapg.engine.ImageDetails;
import io.azapg.engine.PortMapping;
import io.azapg.engine.RunSpec;
import io.azapg.engine.VolumeMount;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs one tuned PostgreSQL container: a named volume for its data, memory and CPU limits, a
 * generated password handed over as a file (never on a command line or in the container's
 * environment), the port published on loopback, and a wait until the healthcheck passes.
 */
public final class SingleNode {
  static final String PASSWORD_SECRET = "postgres-password";
  static final String PASSWORD_IN_CONTAINER = "/run/secrets/postgres-password";
  static final String TLS_IN_CONTAINER = "/run/secrets/tls";
  private static final Duration HEALTHY_TIMEOUT = Duration.ofMinutes(4);

  private final ContainerEngine engine;
  private final Reporter reporter;

  public SingleNode(ContainerEngine engine, Reporter reporter) {
    this.engine = engine;
    this.reporter = reporter;
  }

  /** What the node was last started with; empty when it never was (or its data was deleted). */
  public static Optional<NodeRecord> recorded(NodeSpec spec) {
    return NodeRecord.read(spec.secrets());
  }

  /**
   * Starts (or keeps) the node and returns how to connect. A running container whose image, port,
   * address or limits differ from the spec is recreated on the same volume; a database other than
   * the one the volume was initialised with is refused (POSTGRES_DB only applies to an empty
   * volume).
   */
  public Connection up(NodeSpec spec) {
    return up(spec, Optional.empty());
  }

  /**
   * As {@link #up(NodeSpec)}; with {@code tlsDir} (holding {@code server.crt}, {@code server.key}
   * and {@code ca.crt}) the server also serves TLS with that certificate.
   */
  public Connection up(NodeSpec spec, Optional<Path> tlsDir) {
    NodeRecord wanted = NodeRecord.of(spec, tlsDir.isPresent());
    Optional<NodeRecord> before = recorded(spec);
    if (before.isPresent() && !before.get().database().equals(spec.database())) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "--database "
              + spec.database()
              + ": node "
              + spec.name()
              + " was initialised with database \""
              + before.get().database()
              + "\"; a database is only created on a node's first start",
          List.of(
              "leave --database out to keep \"" + before.get().database() + "\"",
              "create it inside the node: ./aza-pg psql --name "
                  + spec.name()
                  + " -- -c 'CREATE DATABASE "
                  + spec.database()
                  + "'",
              "or start over (deletes the data): ./aza-pg down --name "
                  + spec.name()
                  + " --volumes"));
    }
    Path passwordFile = passwordFile(spec, before.isPresent());
    String imageId =
        engine
            .inspectImage(spec.image())
            .map(ImageDetails::id)
            .orElseThrow(
                () ->
                    new AzaPgException(
                        ExitCode.ENGINE,
                        "image " + spec.image() + " does not exist",
                        List.of("run './aza-pg build'")));
    Optional<ContainerState> existing = engine.inspectContainer(spec.name());
    if (existing.isPresent()) {
      List<String> changes = new ArrayList<>();
      if (!sameImage(imageId, existing.get().image())) {
        changes.add("image " + spec.image());
      }
      changes.addAll(
          before
              .map(b -> b.containerChanges(wanted))
              .orElse(List.of("settings not recorded by this version of aza-pg")));
      if (!existing.get().running()) {
        changes.add("it was " + existing.get().status());
      }
      if (changes.isEmpty()) {
        reporter.info(spec.name() + " is already running with these settings");
      } else {
        reporter.info(
            "recreating container "
                + spec.name()
                + " for "
                + String.join(", ", changes)
                + " (its data volume "
                + spec.volume()
                + " is kept)");
        engine.removeContainer(spec.name(), true, false);
        existing = Optional.empty();
      }
    }
    if (existing.isEmpty()) {
      start(spec, passwordFile, tlsDir);
    }
    engine.waitForHealthy(spec.name(), HEALTHY_TIMEOUT);
    wanted.write(spec.secrets());
    return new Connection(
        reachableHost(spec.bindAddress()), spec.port(), "postgres", spec.database(), passwordFile);
  }

  /**
   * The node's password file: made on its first start only. Once its data volume exists the
   * database holds that password, so a missing file is an error naming it, never a new password.
   */
  private Path passwordFile(NodeSpec spec, boolean recorded) {
    Path file = spec.secrets().resolve(PASSWORD_SECRET);
    if (!java.nio.file.Files.isRegularFile(file)
        && (recorded || engine.volumeExists(spec.volume()))) {
      throw SecretStore.missing(
          file,
          "node " + spec.name() + "'s data volume " + spec.volume() + " was initialised with it",
          "./aza-pg down --name " + spec.name() + " --volumes");
    }
    return new SecretStore(spec.secrets()).ensure(PASSWORD_SECRET);
  }

  private void start(NodeSpec spec, Path passwordFile, Optional<Path> tlsDir) {
    long shm = Math.min(1L << 30, Math.max(64L << 20, spec.memoryBytes() / 4));
    reporter.info(
        "starting "
            + spec.name()
            + " ("
            + spec.memoryBytes() / (1 << 20)
            + " MB, "
            + spec.cpus()
            + " CPU) on "
            + spec.bindAddress()
            + ":"
            + spec.port());
    RunSpec.Builder run =
        RunSpec.builder(spec.image())
            .name(spec.name())
            .memoryBytes(spec.memoryBytes())
            .cpus(spec.cpus())
            .shmSizeBytes(shm)
            .publish(new PortMapping(Optional.of(spec.bindAddress()), spec.port(), 5432, "tcp"))
            .volume(spec.volume(), "/var/lib/postgresql")
            .volume(
                new VolumeMount(
                    passwordFile.toAbsolutePath().toString(), PASSWORD_IN_CONTAINER, true))
            .env("POSTGRES_PASSWORD_FILE", PASSWORD_IN_CONTAINER)
            .env("POSTGRES_DB", spec.database())
            .label("io.aza-pg.node", spec.name());
    tlsDir.ifPresent(
        dir ->
            run.volume(new VolumeMount(dir.toAbsolutePath().toString(), TLS_IN_CONTAINER, true))
                .env("POSTGRES_TLS_CERT_FILE", TLS_IN_CONTAINER + "/server.crt")
                .env("POSTGRES_TLS_KEY_FILE", TLS_IN_CONTAINER + "/server.key")
                .env("POSTGRES_TLS_CA_FILE", TLS_IN_CONTAINER + "/ca.crt"));
    engine.run(run.build());
  }

  /** A wildcard bind is reached through loopback from this host. */
  public static String reachableHost(String bindAddress) {
    return switch (bindAddress) {
      case "0.0.0.0", "" -> "127.0.0.1";
      case "::", "[::]" -> "::1";
      default -> bindAddress;
    };
  }

  /**
   * The names a generated server certificate covers for a server published on {@code bindAddress}:
   * loopback (localhost, 127.0.0.1, ::1) and the address clients reach it by.
   */
  public static List<String> certificateNames(String bindAddress) {
    List<String> names = new ArrayList<>(List.of("localhost", "127.0.0.1", "::1"));
    String host = reachableHost(bindAddress);
    if (!names.contains(host)) {
      names.add(host);
    }
    return names;
  }

  /** Stops and removes the container; the data volume only when asked. */
  public void down(NodeSpec spec, boolean volumes) {
    boolean removed = engine.removeContainer(spec.name(), true, false);
    reporter.info(removed ? "removed container " + spec.name() : "no container " + spec.name());
    if (volumes) {
      boolean gone = engine.removeVolume(spec.volume(), true);
      NodeRecord.delete(spec.secrets());
      reporter.info(
          gone
              ? "removed volume " + spec.volume() + " (the data is gone)"
              : "no volume " + spec.volume());
    }
  }

  /** The container's state, if it exists. */
  public Optional<ContainerState> status(NodeSpec spec) {
    return engine.inspectContainer(spec.name());
  }

  /** Image ids may come with or without the {@code sha256:} prefix. */
  static boolean sameImage(String a, String b) {
    return strip(a).equals(strip(b)) && !strip(a).isEmpty();
  }

  private static String strip(String id) {
    return id.startsWith("sha256:") ? id.substring(7) : id;
  }
}
