package io.azapg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.azapg.process.ProcessResult;
import io.azapg.process.ProcessSpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * Stacks as a user runs them in the integration tests: the CLI jar (up, status, down), Compose for
 * what the CLI does not do (stopping one service), and the image's own psql for clients. Every
 * project name is unique and every host port free.
 */
public final class StackRun {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StackRun() {}

  /** A project name no other run uses. */
  public static String project(String purpose) {
    return "aza-pg-it-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  public static int freePort() {
    return TestHost.freePort();
  }

  /** {@code aza-pg up --stack KIND --name NAME --set ...}. */
  public static ProcessResult up(String kind, String name, String... sets) {
    List<String> args = new ArrayList<>(List.of("up", "--stack", kind, "--name", name));
    for (String s : sets) {
      args.addAll(List.of("--set", s));
    }
    return AzaPg.run(Duration.ofMinutes(40), args.toArray(String[]::new));
  }

  public static ProcessResult down(String kind, String name) {
    return AzaPg.run(Duration.ofMinutes(5), "down", "--stack", kind, "--name", name, "--volumes");
  }

  /** {@code aza-pg status --stack KIND --name NAME --format json}, parsed. */
  public static JsonNode status(String kind, String name) {
    ProcessResult r =
        AzaPg.run(
            Duration.ofMinutes(2), "status", "--stack", kind, "--name", name, "--format", "json");
    try {
      return JSON.readTree(r.stdout());
    } catch (IOException e) {
      throw new AssertionError("status printed no JSON: " + r.stdout() + r.stderr(), e);
    }
  }

  /** The project's state directory under the project root. */
  public static Path stateDir(String name) {
    return AzaPg.projectDir().resolve(".aza-pg/stacks").resolve(name);
  }

  public static String secret(String name, String file) throws IOException {
    return Files.readString(stateDir(name).resolve("secrets").resolve(file)).strip();
  }

  /** {@code docker compose -p NAME -f <state>/compose.yaml ARGS}; the result whatever its code. */
  public static ProcessResult compose(String name, String... args) {
    List<String> argv =
        new ArrayList<>(
            List.of(
                "docker",
                "compose",
                "--project-name",
                name,
                "--file",
                stateDir(name).resolve("compose.yaml").toString()));
    argv.addAll(List.of(args));
    return AzaPg.RUNNER.execute(
        ProcessSpec.of(argv).env(dockerEnv()).timeout(Duration.ofMinutes(5)).build());
  }

  private static Map<String, String> dockerEnv() {
    return AzaPg.engine().equals("podman")
        ? Map.of("DOCKER_HOST", "unix:///run/podman/podman.sock")
        : Map.of();
  }

  /**
   * psql from the image under test on the host's network, logging in with a passfile (never a
   * password on an argv); the result whatever the exit code.
   */
  public static ProcessResult psql(int port, String user, String password, String db, String sql)
      throws IOException {
    return psql(
        user,
        password,
        Optional.empty(),
        sql,
        "-h",
        "127.0.0.1",
        "-p",
        Integer.toString(port),
        "-U",
        user,
        "-d",
        db);
  }

  /**
   * As {@link #psql(int, String, String, String, String)} with a libpq connection string; {@code
   * ca}, when given, is mounted at {@code /tmp/ca.crt} for {@code sslrootcert}.
   */
  public static ProcessResult psql(
      String user, String password, Optional<Path> ca, String sql, String... connection)
      throws IOException {
    Path pass =
        Files.createTempFile(
            "aza-pg-it-",
            ".pgpass",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      Files.writeString(pass, "*:*:*:" + escape(user) + ":" + escape(password) + "\n");
      List<String> argv =
          new ArrayList<>(
              List.of(
                  "run",
                  "--rm",
                  "--network",
                  "host",
                  "-v",
                  pass + ":/tmp/pgpass:ro",
                  "-e",
                  "PGPASSFILE=/tmp/pgpass"));
      ca.ifPresent(f -> argv.addAll(List.of("-v", f + ":/tmp/ca.crt:ro")));
      argv.addAll(
          List.of(
              "--entrypoint",
              "psql",
              TestImage.get(),
              "-X",
              "-A",
              "-t",
              "-v",
              "ON_ERROR_STOP=1",
              "-c",
              sql));
      argv.addAll(List.of(connection));
      List<String> all = new ArrayList<>(List.of(AzaPg.engine()));
      all.addAll(argv);
      return AzaPg.exec(Duration.ofMinutes(2), all.toArray(String[]::new));
    } finally {
      Files.deleteIfExists(pass);
    }
  }

  private static String escape(String field) {
    return field.replace("\\", "\\\\").replace(":", "\\:");
  }

  /** The metric names an exporter serves on a host port. */
  public static Set<String> scrape(int port) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .timeout(Duration.ofSeconds(30))
                    .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).isEqualTo(200);
    Set<String> names = new TreeSet<>();
    for (String line : r.body().split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        names.add(line.split("[{ ]", 2)[0]);
      }
    }
    return names;
  }

  /** Regular files in a volume (empty when the volume is empty or absent). */
  public static List<String> filesIn(String volume) {
    ProcessResult r =
        AzaPg.exec(
            Duration.ofMinutes(2),
            AzaPg.engine(),
            "run",
            "--rm",
            "-v",
            volume + ":/v:ro",
            "--entrypoint",
            "find",
            TestImage.get(),
            "/v",
            "-type",
            "f");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    return r.stdout().lines().filter(l -> !l.isBlank()).toList();
  }

  /** The running container of a project's service (its name), empty when there is none. */
  public static String serviceContainer(String project, String service) {
    return AzaPg.exec(
            Duration.ofMinutes(1),
            AzaPg.engine(),
            "ps",
            "--filter",
            "label=com.docker.compose.project=" + project,
            "--filter",
            "label=com.docker.compose.service=" + service,
            "--format",
            "{{.Names}}")
        .stdout()
        .strip();
  }

  /** What is left of a project: containers, its data volume, its network. */
  public static List<String> leftovers(String name) {
    List<String> left = new ArrayList<>();
    String engine = AzaPg.engine();
    left.addAll(
        AzaPg.exec(
                Duration.ofMinutes(1),
                engine,
                "ps",
                "--all",
                "--filter",
                "label=com.docker.compose.project=" + name,
                "--format",
                "{{.Names}}")
            .stdout()
            .lines()
            .filter(l -> !l.isBlank())
            .toList());
    if (AzaPg.exec(Duration.ofMinutes(1), engine, "volume", "inspect", name + "_data").exitCode()
        == 0) {
      left.add("volume " + name + "_data");
    }
    if (AzaPg.exec(Duration.ofMinutes(1), engine, "network", "inspect", name + "-net").exitCode()
        == 0) {
      left.add("network " + name + "-net");
    }
    if (Files.exists(stateDir(name))) {
      left.add(stateDir(name).toString());
    }
    return left;
  }

  /** Polls until the condition holds, failing after the bound. */
  public static void within(Duration bound, String what, BooleanSupplier condition) {
    long end = System.nanoTime() + bound.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError(what + " did not happen within " + bound.toSeconds() + " s");
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
