package io.azapg.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.azapg.engine.VolumeMount;
import io.azapg.it.Guard;
import io.azapg.process.ProcessResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input to the container: environment variables, secret files, data directories and init files,
 * each run to its end against the real image. A refusal must name the input and the fix, exit
 * non-zero (never 70), never print the planted password, and leave the data directory as it was: an
 * initialised cluster byte for byte (with its modes and owners), an empty volume without a file
 * written in it. Each case prints what it tried.
 */
class ContainerFaultsIT {
  private static final String SECRET = "Planted-Container-Secret-" + UUID.randomUUID();
  private static final String PGDATA = "/var/lib/postgresql/18/docker";

  @TempDir static Path tmp;
  private static Path cluster;
  private static Path secrets;

  /** One cluster, initialised once and stopped cleanly, that every existing-data case reuses. */
  @BeforeAll
  static void initialiseACluster() throws IOException {
    cluster = Files.createDirectories(tmp.resolve("cluster"));
    secrets = Files.createDirectories(tmp.resolve("secrets"));
    Files.writeString(secrets.resolve("password"), SECRET + "\n");
    Files.writeString(secrets.resolve("empty"), "");
    Files.writeString(secrets.resolve("two-lines"), "app\nx\n");
    Files.createDirectories(secrets.resolve("a-directory"));
    Path unreadable = Files.writeString(secrets.resolve("unreadable"), SECRET + "\n");
    Files.setPosixFilePermissions(unreadable, PosixFilePermissions.fromString("r--------"));
    try (PgContainer pg = new PgContainer().dataDir(cluster).env("POSTGRES_PASSWORD", SECRET)) {
      pg.startHealthy();
      pg.sql("postgres", "postgres", "CREATE TABLE kept(id int); INSERT INTO kept VALUES (7)");
      ProcessResult stop = pg.cli("stop", "--time", "60");
      assertThat(stop.exitCode()).as(stop.stderr()).isZero();
    }
  }

  /**
   * One case: what was tried, how the container is set up, the exit code and message parts, and
   * which data directory it runs on (null: a fresh empty one).
   */
  private record Case(
      String tried,
      Consumer<PgContainer> setup,
      int exit,
      List<String> message,
      Path data,
      String[] args) {}

  private static Case onCluster(String tried, Consumer<PgContainer> setup, String... message) {
    return new Case(tried, setup, 3, List.of(message), null, new String[0]);
  }

  private static Case onEmpty(String tried, Consumer<PgContainer> setup, String... message) {
    return new Case(tried, setup, 3, List.of(message), Path.of(""), new String[0]);
  }

  private static Consumer<PgContainer> env(String... keyValues) {
    return pg -> {
      for (int i = 0; i < keyValues.length; i += 2) {
        pg.env(keyValues[i], keyValues[i + 1]);
      }
    };
  }

  private static Consumer<PgContainer> secretFile(String file) {
    return pg ->
        pg.mount(new VolumeMount(secrets.toString(), "/run/secrets", true))
            .env("POSTGRES_PASSWORD_FILE", "/run/secrets/" + file);
  }

  @TestFactory
  Stream<DynamicTest> environmentAndSecretFiles() {
    List<Case> cases = new ArrayList<>();
    // Variables that apply at every start, refused on an existing cluster before it is touched.
    cases.add(
        onCluster(
            "PGPORT=54x2", env("PGPORT", "54x2"), "PGPORT=\"54x2\" is not valid", "1 to 65535"));
    cases.add(
        onCluster(
            "POSTGRES_SHARED_PRELOAD_LIBRARIES with a shell metacharacter",
            env("POSTGRES_SHARED_PRELOAD_LIBRARIES", "pg_cron;rm"),
            "POSTGRES_SHARED_PRELOAD_LIBRARIES=\"pg_cron;rm\" is not valid",
            "is not a library name"));
    cases.add(
        onCluster(
            "POSTGRES_SHARED_PRELOAD_LIBRARIES naming a library that does not exist",
            env("POSTGRES_SHARED_PRELOAD_LIBRARIES", "no_such_lib"),
            "POSTGRES_SHARED_PRELOAD_LIBRARIES=\"no_such_lib\" is not valid",
            "no library \"no_such_lib\""));
    cases.add(
        onCluster(
            "AZA_PG_TUNE=maybe",
            env("AZA_PG_TUNE", "maybe"),
            "AZA_PG_TUNE=\"maybe\" is not valid",
            "on or off"));
    cases.add(
        onCluster(
            "POSTGRES_MEMORY=lots",
            env("POSTGRES_MEMORY", "lots"),
            "POSTGRES_MEMORY",
            "lots",
            "512MB"));
    cases.add(
        onCluster(
            "POSTGRES_MEMORY=100MB (below the minimum)",
            env("POSTGRES_MEMORY", "100MB"),
            "below the 512 MiB minimum"));
    cases.add(onCluster("POSTGRES_CPUS=-2", env("POSTGRES_CPUS", "-2"), "POSTGRES_CPUS", "-2"));
    cases.add(
        onCluster(
            "POSTGRES_WORKLOAD_TYPE=webscale",
            env("POSTGRES_WORKLOAD_TYPE", "webscale"),
            "webscale",
            "web, oltp, dw, mixed"));
    cases.add(
        onCluster(
            "POSTGRES_STORAGE_TYPE=floppy", env("POSTGRES_STORAGE_TYPE", "floppy"), "floppy"));
    cases.add(
        onCluster(
            "POSTGRES_POOLED=perhaps",
            env("POSTGRES_POOLED", "perhaps"),
            "POSTGRES_POOLED=\"perhaps\" is not valid",
            "true or false"));
    cases.add(
        onCluster(
            "POSTGRES_WAL_LEVEL=verbose",
            env("POSTGRES_WAL_LEVEL", "verbose"),
            "POSTGRES_WAL_LEVEL=\"verbose\" is not valid",
            "expected one of"));
    cases.add(
        onCluster(
            "POSTGRES_ROLE=leader",
            env("POSTGRES_ROLE", "leader"),
            "POSTGRES_ROLE=\"leader\" is not valid",
            "primary"));
    cases.add(
        onCluster(
            "PGDATA=relative/data",
            env("PGDATA", "relative/data"),
            "PGDATA=\"relative/data\" is not valid",
            "absolute path"));
    cases.add(
        onCluster(
            "POSTGRES_SHARED_BUFFERS=lots",
            env("POSTGRES_SHARED_BUFFERS", "lots"),
            "POSTGRES_SHARED_BUFFERS",
            "lots"));
    cases.add(
        onCluster(
            "a 256 MiB container (an impossible limit)",
            pg -> pg.memory(256L << 20),
            "below the 512 MiB minimum",
            "at least 512 MiB"));
    cases.add(
        onCluster(
            "POSTGRES_PASSWORD_FILE naming a missing file",
            pg -> pg.env("POSTGRES_PASSWORD_FILE", "/run/secrets/none"),
            "POSTGRES_PASSWORD_FILE=/run/secrets/none cannot be read (no such file)",
            "mount the file into the container"));
    // Variables of the first start, on an empty volume: nothing may be written to it.
    cases.add(
        onEmpty(
            "POSTGRES_PASSWORD_FILE naming an empty file",
            secretFile("empty"),
            "POSTGRES_PASSWORD_FILE=/run/secrets/empty is empty",
            "write the password into that file"));
    cases.add(
        onEmpty(
            "POSTGRES_PASSWORD_FILE naming a directory",
            secretFile("a-directory"),
            "POSTGRES_PASSWORD_FILE=/run/secrets/a-directory cannot be read (it is a directory)",
            "name the file inside it"));
    cases.add(
        new Case(
            "POSTGRES_PASSWORD_FILE the server user may not read (--user 999)",
            secretFile("unreadable").andThen(pg -> pg.user("999:999")),
            3,
            List.of(
                "POSTGRES_PASSWORD_FILE=/run/secrets/unreadable cannot be read (permission denied)"),
            Path.of("999"),
            new String[0]));
    cases.add(
        onEmpty(
            "POSTGRES_PASSWORD and POSTGRES_PASSWORD_FILE both",
            secretFile("password").andThen(env("POSTGRES_PASSWORD", SECRET)),
            "both POSTGRES_PASSWORD and POSTGRES_PASSWORD_FILE are set"));
    cases.add(
        onEmpty(
            "the mistyped POSTGRES_PASWORD",
            env("POSTGRES_PASWORD", SECRET),
            "superuser password is not specified",
            "POSTGRES_PASWORD is set: did you mean POSTGRES_PASSWORD?"));
    cases.add(
        onEmpty(
            "POSTGRES_PASSWORD left empty",
            env("POSTGRES_PASSWORD", ""),
            "superuser password is not specified"));
    cases.add(
        onEmpty(
            "POSTGRES_HOST_AUTH_METHOD=bogus",
            env("POSTGRES_PASSWORD", SECRET, "POSTGRES_HOST_AUTH_METHOD", "bogus"),
            "POSTGRES_HOST_AUTH_METHOD=\"bogus\" is not valid",
            "scram-sha-256"));
    cases.add(
        onEmpty(
            "POSTGRES_USER of 70 characters",
            env("POSTGRES_PASSWORD", SECRET, "POSTGRES_USER", "u".repeat(70)),
            "POSTGRES_USER=",
            "at most 63 bytes"));
    cases.add(
        onEmpty(
            "POSTGRES_USER=aza_pg_healthcheck (reserved)",
            env("POSTGRES_PASSWORD", SECRET, "POSTGRES_USER", "aza_pg_healthcheck"),
            "reserved for the healthcheck role"));
    cases.add(
        onEmpty(
            "POSTGRES_DB_FILE holding two lines",
            pg ->
                pg.mount(new VolumeMount(secrets.toString(), "/run/secrets", true))
                    .env("POSTGRES_PASSWORD", SECRET)
                    .env("POSTGRES_DB_FILE", "/run/secrets/two-lines"),
            "POSTGRES_DB=\"app\\nx\" is not valid",
            "line break"));
    cases.add(
        onEmpty(
            "POSTGRES_INITDB_ARGS with an unclosed quote",
            env("POSTGRES_PASSWORD", SECRET, "POSTGRES_INITDB_ARGS", "--locale \"C"),
            "POSTGRES_INITDB_ARGS=",
            "a quote is not closed"));
    cases.add(
        onEmpty(
            "POSTGRES_INITDB_ARGS=--no-such-flag",
            env("POSTGRES_PASSWORD", SECRET, "POSTGRES_INITDB_ARGS", "--no-such-flag"),
            "initdb failed",
            "check POSTGRES_INITDB_ARGS"));
    cases.add(
        onEmpty(
            "POSTGRES_INITDB_WALDIR=wal (relative)",
            env("POSTGRES_PASSWORD", SECRET, "POSTGRES_INITDB_WALDIR", "wal"),
            "POSTGRES_INITDB_WALDIR=\"wal\" is not valid",
            "absolute path"));
    cases.add(
        onEmpty(
            "REPLICATION_SLOT_NAME=Bad-Slot",
            env("POSTGRES_PASSWORD", SECRET, "REPLICATION_SLOT_NAME", "Bad-Slot"),
            "REPLICATION_SLOT_NAME=\"Bad-Slot\" is not valid",
            "lower-case"));
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.tried(), () -> run(c)));
  }

  /**
   * A conf.d file of the cluster with a value the server cannot take. aza-pg leaves user values to
   * PostgreSQL (it warns that the tuner cannot count this one), and the server refuses naming the
   * file. The start rewrites only aza-pg's own per-start files (the tuning include, its JSON and
   * the healthcheck file); every other file of the cluster, the planted one included, is unchanged.
   * The file is removed afterwards.
   */
  @org.junit.jupiter.api.Test
  void confDFileWithAnImpossibleValue_isRefusedNamingTheFile() throws IOException {
    String tried = "a conf.d file setting shared_buffers = 'plenty'";
    Path pgdata = cluster.resolve("18/docker");
    Path bad =
        Files.writeString(pgdata.resolve("conf.d/50-mine.conf"), "shared_buffers = 'plenty'\n");
    Files.setAttribute(bad, "unix:uid", 999);
    Files.setAttribute(bad, "unix:gid", 999);
    Files.setPosixFilePermissions(bad, PosixFilePermissions.fromString("rw-------"));
    List<String> perStart =
        List.of(
            pgdata.resolve("aza-pg.tuning.conf").toString(),
            pgdata.resolve("aza-pg.healthcheck").toString(),
            pgdata.resolve("aza-pg.tuning.json").toString());
    Map<String, String> before = new java.util.TreeMap<>(Guard.fingerprint(List.of(cluster)));
    before.keySet().removeAll(perStart);
    try (PgContainer pg = new PgContainer().dataDir(cluster).env("POSTGRES_PASSWORD", SECRET)) {
      ProcessResult r = merged(pg.runToEnd());
      System.out.printf(
          java.util.Locale.ROOT,
          "fault case: tried %s -> exit %d: %s%n",
          tried,
          r.exitCode(),
          Guard.firstErrorLine(r.stderr()));
      assertThat(r.exitCode()).as(r.stderr()).isNotZero().isNotEqualTo(70);
      assertThat(r.stderr())
          .contains(
              "shared_buffers='plenty' (conf.d/50-mine.conf) is not a value the tuner can read")
          .contains("configuration file \"" + PGDATA + "/conf.d/50-mine.conf\" contains errors")
          .doesNotContain(SECRET);
      Map<String, String> after = new java.util.TreeMap<>(Guard.fingerprint(List.of(cluster)));
      after.keySet().removeAll(perStart);
      assertThat(after).as("the cluster's files after: %s", tried).isEqualTo(before);
    } finally {
      Files.delete(bad);
    }
  }

  @TestFactory
  Stream<DynamicTest> dataDirectories() throws IOException {
    List<Case> cases = new ArrayList<>();
    cases.add(
        dataCase(
            "a PostgreSQL 19 cluster's PG_VERSION",
            Map.of("PG_VERSION", "19\n", "base/1/1259", "x"),
            "holds a PostgreSQL 19 cluster",
            "PostgreSQL 19 image"));
    cases.add(
        dataCase(
            "a PostgreSQL 16 cluster in PGDATA",
            Map.of("PG_VERSION", "16\n", "global/pg_control", "x"),
            "holds a PostgreSQL 16 cluster",
            "pg_upgrade"));
    cases.add(
        dataCase(
            "a PG_VERSION that is not a version",
            Map.of("PG_VERSION", "banana\n"),
            "does not hold a PostgreSQL major version",
            "\"banana\""));
    cases.add(
        dataCase(
            "a non-empty directory that is no cluster",
            Map.of("notes.txt", "mine\n", "lost+found/.keep", ""),
            "is not empty but holds no PostgreSQL cluster",
            "found lost+found, notes.txt",
            "set PGDATA to a subdirectory"));
    cases.add(hostileLink());
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.tried(), () -> run(c)));
  }

  /** PG_VERSION pointing at a root-only file of the image: refused, never read or printed. */
  private Case hostileLink() throws IOException {
    Case c =
        dataCase(
            "a PG_VERSION that links to /etc/shadow",
            Map.of("base/1/1259", "x"),
            "PG_VERSION is a symbolic link");
    Path pgdata = c.data().resolve("18/docker");
    Files.createSymbolicLink(pgdata.resolve("PG_VERSION"), Path.of("/etc/shadow"));
    return c;
  }

  private Case dataCase(String tried, Map<String, String> files, String... message)
      throws IOException {
    Path root = Files.createDirectories(tmp.resolve("data-" + UUID.randomUUID()));
    Path pgdata = Files.createDirectories(root.resolve("18/docker"));
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path p = pgdata.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, f.getValue());
    }
    // Owned by someone else than the server user: a refusal must not take the files over.
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.toList()) {
        Files.setAttribute(p, "unix:uid", 4321, LinkOption.NOFOLLOW_LINKS);
      }
    }
    return new Case(
        tried, env("POSTGRES_PASSWORD", SECRET), 3, List.of(message), root, new String[0]);
  }

  @TestFactory
  Stream<DynamicTest> initFiles() {
    List<DynamicTest> tests = new ArrayList<>();
    tests.add(
        DynamicTest.dynamicTest(
            "a failing .sql next to a file of unknown suffix",
            () ->
                initCase(
                    "a failing .sql next to a file of unknown suffix",
                    Map.of("00-notes.txt", "not run\n", "10-bad.sql", "SELECT no_such_column;\n"),
                    false,
                    "ignoring /docker-entrypoint-initdb.d/00-notes.txt",
                    "init file /docker-entrypoint-initdb.d/10-bad.sql failed")));
    tests.add(
        DynamicTest.dynamicTest(
            "a non-executable .sh that fails (sourced)",
            () ->
                initCase(
                    "a non-executable .sh that fails (sourced)",
                    Map.of(
                        "10-setup.sh",
                        "echo setting up\nfalse_command_that_does_not_exist\nexit 4\n"),
                    false,
                    "/docker-entrypoint-initdb.d/10-setup.sh")));
    tests.add(
        DynamicTest.dynamicTest(
            "a truncated .sql.gz",
            () ->
                initCase(
                    "a truncated .sql.gz",
                    Map.of(),
                    true,
                    "/docker-entrypoint-initdb.d/20-dump.sql.gz")));
    return tests.stream();
  }

  /**
   * An init that fails: it names the file, the next start refuses the half-initialised directory
   * (the marker), and the password is never printed.
   */
  private void initCase(
      String tried, Map<String, String> files, boolean truncatedGzip, String... message)
      throws IOException {
    Path init = Files.createDirectories(tmp.resolve("init-" + UUID.randomUUID()));
    Files.setPosixFilePermissions(init, PosixFilePermissions.fromString("rwxr-xr-x"));
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path p = Files.writeString(init.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
    }
    if (truncatedGzip) {
      byte[] gz = gzip("CREATE TABLE t(x int);\n".repeat(2000));
      Path p =
          Files.write(init.resolve("20-dump.sql.gz"), java.util.Arrays.copyOf(gz, gz.length / 2));
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
    }
    Guard guard = Guard.of(SECRET, init, secrets);
    try (PgContainer pg =
        new PgContainer()
            .env("POSTGRES_PASSWORD", SECRET)
            .mount(new VolumeMount(init.toString(), "/docker-entrypoint-initdb.d", true))) {
      ProcessResult first = pg.runToEnd();
      ProcessResult merged = merged(first);
      guard.assertRefused(tried, merged, first.exitCode(), List.of(message));
      assertThat(first.exitCode()).as(tried).isNotZero();
      ProcessResult second = pg.runToEnd();
      System.out.printf(
          java.util.Locale.ROOT,
          "fault case: %s, next start -> exit %d%n",
          tried,
          second.exitCode());
      assertThat(second.exitCode()).isNotZero();
      assertThat(second.stdout() + second.stderr())
          .contains("did not complete")
          .contains("remove the volume (or empty PGDATA)");
      guard.assertNoSecret(tried, second.stdout() + second.stderr());
    }
  }

  private static byte[] gzip(String text) throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(bytes)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  private void run(Case c) throws IOException {
    Path data;
    boolean fresh;
    if (c.data() == null) {
      data = cluster;
      fresh = false;
    } else if (c.data().toString().isEmpty() || c.data().toString().equals("999")) {
      data = Files.createDirectories(tmp.resolve("empty-" + UUID.randomUUID()));
      if (c.data().toString().equals("999")) {
        Files.setAttribute(data, "unix:uid", 999);
        Files.setAttribute(data, "unix:gid", 999);
      }
      fresh = true;
    } else {
      data = c.data();
      fresh = false;
    }
    Guard guard = Guard.of(SECRET, data, secrets);
    PgContainer pg = new PgContainer().dataDir(data);
    c.setup().accept(pg);
    try (pg) {
      ProcessResult r = pg.runToEnd(c.args());
      // The container's log is one stream: check the refusal in both.
      ProcessResult merged = merged(r);
      if (fresh) {
        System.out.printf(
            java.util.Locale.ROOT,
            "fault case: tried %s -> exit %d: %s%n",
            c.tried(),
            r.exitCode(),
            Guard.firstErrorLine(merged.stderr()));
        assertThat(r.exitCode()).as(merged.stderr()).isEqualTo(c.exit());
        for (String part : c.message()) {
          assertThat(merged.stderr()).contains(part);
        }
        assertThat(merged.stderr()).doesNotContain("\tat ").doesNotContain("internal error");
        guard.assertNoSecret(c.tried(), merged.stderr());
        assertThat(filesUnder(data)).as("files written by: %s", c.tried()).isEmpty();
      } else {
        guard.assertRefused(c.tried(), merged, c.exit(), c.message());
        assertThat(merged.stderr()).doesNotContain("internal error");
      }
      assertThat(merged.stderr()).as("a line of /etc/shadow").doesNotContainPattern("root:[*!$]");
    }
  }

  /** The container's output as one stream, in stderr (the log interleaves both). */
  private static ProcessResult merged(ProcessResult r) {
    return new ProcessResult(r.argv(), r.exitCode(), "", r.stdout() + r.stderr(), r.duration());
  }

  private static List<Path> filesUnder(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList();
    }
  }
}
