package io.azapg.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.azapg.process.ProcessResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aza-pg backup}, {@code restore} and {@code wait} as a user runs them, against two nodes
 * shared by the class: a source holding every kind of data the image is for, and a fresh target.
 */
class BackupRestoreIT {
  private static final String SOURCE = StackRun.project("ops-src");
  private static final String TARGET = StackRun.project("ops-dst");

  /** Each table's row count and a checksum of its rows, plus what is not a table. */
  private static final Map<String, String> FINGERPRINTS = new LinkedHashMap<>();

  static {
    for (String table : List.of("items", "places", "metrics", "events")) {
      FINGERPRINTS.put(
          table,
          "SELECT count(*) || ' ' || md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), ''))"
              + " FROM "
              + table
              + " t");
    }
    FINGERPRINTS.put(
        "hnsw index", "SELECT indexdef FROM pg_indexes WHERE indexname = 'items_hnsw'");
    FINGERPRINTS.put(
        "hypertable chunks",
        "SELECT hypertable_name || ' ' || num_chunks FROM timescaledb_information.hypertables");
    FINGERPRINTS.put(
        "partman config",
        "SELECT parent_table || ' ' || partition_interval FROM partman.part_config");
    FINGERPRINTS.put(
        "partitions",
        "SELECT count(*) FROM pg_inherits WHERE inhparent = 'public.events'::regclass");
    FINGERPRINTS.put(
        "cron job",
        "SELECT string_agg(jobname || ' ' || schedule || ' ' || command, ',') FROM cron.job");
    FINGERPRINTS.put(
        "large objects",
        "SELECT count(*) || ' ' || string_agg(convert_from(lo_get(oid), 'UTF8'), ',' ORDER BY"
            + " convert_from(lo_get(oid), 'UTF8')) FROM pg_largeobject_metadata");
  }

  private static int sourcePort;

  @BeforeAll
  static void startNodes() {
    sourcePort = StackRun.freePort();
    up(SOURCE, sourcePort);
    up(TARGET, StackRun.freePort());
    psql(
        SOURCE,
        "app",
        """
        CREATE EXTENSION IF NOT EXISTS vector;
        CREATE EXTENSION IF NOT EXISTS postgis;
        CREATE EXTENSION IF NOT EXISTS timescaledb;
        CREATE SCHEMA IF NOT EXISTS partman;
        CREATE EXTENSION IF NOT EXISTS pg_partman SCHEMA partman;
        CREATE TABLE items (id int PRIMARY KEY, embedding vector(3));
        INSERT INTO items SELECT g, ARRAY[g, g * 2, g % 7]::vector FROM generate_series(1, 500) g;
        CREATE INDEX items_hnsw ON items USING hnsw (embedding vector_l2_ops);
        CREATE TABLE places (id int PRIMARY KEY, geom geometry(Point, 4326));
        INSERT INTO places
          SELECT g, ST_SetSRID(ST_MakePoint(g * 0.01, g * 0.02), 4326) FROM generate_series(1, 300) g;
        CREATE TABLE metrics (ts timestamptz NOT NULL, device int, value double precision);
        SELECT create_hypertable('metrics', 'ts', chunk_time_interval => interval '1 day');
        INSERT INTO metrics SELECT timestamptz '2026-01-01' + g * interval '1 hour', g % 5, g * 1.5
          FROM generate_series(1, 240) g;
        CREATE TABLE events (id bigint, created timestamptz NOT NULL, payload text)
          PARTITION BY RANGE (created);
        SELECT partman.create_parent('public.events', 'created', '1 day',
          p_start_partition => '2026-01-01');
        INSERT INTO events SELECT g, timestamptz '2026-01-01' + g * interval '10 minutes', 'e' || g
          FROM generate_series(1, 200) g;
        SELECT lo_from_bytea(0, convert_to('large object ' || g, 'UTF8')) FROM generate_series(1, 3) g;
        SELECT cron.schedule('nightly-vacuum', '0 3 * * *', 'VACUUM');
        CREATE DATABASE small;
        """
            .split(";\n"));
    psql(
        SOURCE,
        "small",
        "CREATE TABLE notes(id int, body text);"
            + " INSERT INTO notes SELECT g, 'note ' || g FROM generate_series(1, 42) g;");
    psql(TARGET, "postgres", "CREATE DATABASE victim");
    psql(TARGET, "victim", "CREATE TABLE marker(x int); INSERT INTO marker VALUES (7)");
  }

  @AfterAll
  static void removeNodes() throws IOException {
    for (String name : List.of(SOURCE, TARGET)) {
      AzaPg.exec(Duration.ofMinutes(2), AzaPg.engine(), "rm", "--force", "--volumes", name);
      AzaPg.exec(Duration.ofMinutes(1), AzaPg.engine(), "volume", "rm", "--force", name + "-data");
      TestHost.deleteRecursively(AzaPg.projectDir().resolve(".aza-pg").resolve(name));
    }
  }

  @Test
  void roundTrip_everyKindOfData_arrivesIntact_inAFreshNode(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("app.dump");
    ProcessResult backup = aza("backup", "--name", SOURCE, "-o", file.toString());
    assertThat(backup.exitCode()).as(backup.stderr()).isZero();
    assertThat(backup.stdout())
        .contains("file: " + file)
        .containsPattern("bytes: [1-9][0-9]*")
        .containsPattern("seconds: [0-9.]+")
        .containsPattern("sha256: [0-9a-f]{64}");
    String sha = backup.stdout().replaceAll("(?s).*sha256: ([0-9a-f]{64}).*", "$1");
    assertThat(Files.readString(dir.resolve("app.dump.sha256"))).startsWith(sha + "  app.dump");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("app.dump", "app.dump.sha256");
    }

    ProcessResult restore =
        aza("restore", file.toString(), "--name", TARGET, "--db", "app", "--yes");
    assertThat(restore.exitCode()).as(restore.stderr()).isZero();
    assertThat(restore.stdout())
        .contains("public.items\t500")
        .contains("public.places\t300")
        .contains("public.metrics\t240")
        .contains("public.events\t200");

    for (Map.Entry<String, String> f : FINGERPRINTS.entrySet()) {
      String before = psql(SOURCE, "app", f.getValue());
      assertThat(before).as(f.getKey()).isNotBlank();
      assertThat(psql(TARGET, "app", f.getValue())).as(f.getKey()).isEqualTo(before);
    }
    assertThat(psql(TARGET, "app", FINGERPRINTS.get("hnsw index"))).contains("USING hnsw");
    assertThat(psql(TARGET, "app", "SELECT id FROM items ORDER BY embedding <-> '[3,6,3]' LIMIT 1"))
        .isEqualTo("3");
  }

  @Test
  void plainGzipSql_restoresIntoANewDatabase(@TempDir Path dir) {
    Path file = dir.resolve("small.sql.gz");
    ProcessResult backup =
        aza(
            "backup",
            "--name",
            SOURCE,
            "--db",
            "small",
            "--format",
            "plain",
            "--compress",
            "gzip",
            "-o",
            file.toString());
    assertThat(backup.exitCode()).as(backup.stderr()).isZero();
    ProcessResult restore =
        aza(
            "restore",
            file.toString(),
            "--name",
            TARGET,
            "--db",
            "copy",
            "--create",
            "--single-transaction",
            "--yes");
    assertThat(restore.exitCode()).as(restore.stderr()).isZero();
    assertThat(restore.stdout()).contains("public.notes\t42");
    assertThat(psql(TARGET, "copy", "SELECT sum(id) FROM notes")).isEqualTo("903");

    ProcessResult again =
        aza("restore", file.toString(), "--name", TARGET, "--db", "copy", "--create", "--yes");
    assertThat(again.exitCode()).isEqualTo(3);
    assertThat(again.stderr()).contains("\"copy\" already exists");
  }

  @Test
  void damagedArchives_areRefusedBeforeAnythingIsTouched_andExistingFilesAreNeverOverwritten(
      @TempDir Path dir) throws IOException {
    Path file = dir.resolve("small.dump");
    ProcessResult backup = aza("backup", "--name", SOURCE, "--db", "small", "-o", file.toString());
    assertThat(backup.exitCode()).as(backup.stderr()).isZero();
    byte[] good = Files.readAllBytes(file);

    ProcessResult overwrite = aza("backup", "--name", SOURCE, "--db", "app", "-o", file.toString());
    assertThat(overwrite.exitCode()).isEqualTo(3);
    assertThat(overwrite.stderr()).contains(file + " exists; a backup never overwrites");
    assertThat(Files.readAllBytes(file)).isEqualTo(good);

    // Truncated, no checksum file: the complete read-back refuses it.
    Path truncated = dir.resolve("truncated.dump");
    Files.write(truncated, java.util.Arrays.copyOf(good, good.length * 2 / 3));
    // Corrupted in the middle, with the original's checksum file beside it.
    Path corrupt = dir.resolve("corrupt.dump");
    byte[] bad = good.clone();
    for (int i = bad.length / 2; i < bad.length / 2 + 64; i++) {
      bad[i] = (byte) ~bad[i];
    }
    Files.write(corrupt, bad);
    Files.copy(dir.resolve("small.dump.sha256"), dir.resolve("corrupt.dump.sha256"));
    // Corrupted, no checksum file.
    Path corruptOnly = dir.resolve("corrupt-only.dump");
    Files.write(corruptOnly, bad);
    Path notAnArchive = dir.resolve("notes.txt");
    Files.writeString(notAnArchive, "hello\n");

    for (Path damaged : List.of(truncated, corrupt, corruptOnly, notAnArchive)) {
      ProcessResult r =
          aza("restore", damaged.toString(), "--name", TARGET, "--db", "victim", "--yes");
      assertThat(r.exitCode()).as(damaged + ": " + r.stderr()).isEqualTo(1);
      assertThat(r.stderr()).as(damaged.toString()).containsPattern("refused|does not match");
      assertThat(r.stderr()).contains("nothing was restored");
      assertThat(
              psql(
                  TARGET,
                  "victim",
                  "SELECT string_agg(tablename, ',') FROM pg_tables"
                      + " WHERE schemaname = 'public'"))
          .as(damaged.toString())
          .isEqualTo("marker");
    }
  }

  @Test
  void aBackupThatFailsHalfWay_leavesNoFileUnderTheFinalName(@TempDir Path dir) throws Exception {
    psql(
        SOURCE,
        "postgres",
        "CREATE TABLE IF NOT EXISTS bulk AS SELECT g AS id,"
            + " repeat(md5(g::text), 4) AS payload FROM generate_series(1, 300000) g");
    Path file = dir.resolve("bulk.sql.zst");
    List<String> argv =
        new ArrayList<>(
            List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-jar",
                AzaPg.jar().toString(),
                "backup",
                "--name",
                SOURCE,
                "--db",
                "postgres",
                "--format",
                "plain",
                "--compress",
                "zstd:19",
                "-o",
                file.toString()));
    ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
    pb.environment().put("AZA_PG_HOME", AzaPg.projectDir().toString());
    pb.redirectOutput(dir.resolve("backup.log").toFile());
    Process backup = pb.start();
    StackRun.within(
        Duration.ofMinutes(3),
        "a partial file with data",
        () -> {
          try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(
                p -> p.getFileName().toString().endsWith(".partial") && p.toFile().length() > 0);
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        });
    psql(
        SOURCE,
        "postgres",
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'pg_dump'");
    assertThat(backup.waitFor(3, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
    String log = Files.readString(dir.resolve("backup.log"));
    assertThat(backup.exitValue()).as(log).isEqualTo(5);
    assertThat(log).contains("pg_dump failed");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("backup.log");
    }
  }

  @Test
  void pgEnv_backsUpAndRestoresAServerNamedOnlyByPgVariables(@TempDir Path dir) throws IOException {
    String password =
        Files.readString(
                AzaPg.projectDir().resolve(".aza-pg").resolve(SOURCE).resolve("postgres-password"))
            .strip();
    Map<String, String> env =
        Map.of(
            "PGHOST", "127.0.0.1",
            "PGPORT", Integer.toString(sourcePort),
            "PGUSER", "postgres",
            "PGDATABASE", "small",
            "PGPASSWORD", password);
    Path file = dir.resolve("small.dump");
    ProcessResult backup =
        AzaPg.run(Duration.ofMinutes(5), env, "backup", "--pg-env", "-o", file.toString());
    assertThat(backup.exitCode()).as(backup.stderr()).isZero();
    assertThat(backup.stdout()).contains("file: " + file).containsPattern("entries: [1-9]");
    assertThat(backup.stderr() + backup.stdout()).doesNotContain(password);

    // The same server, by the same variables: the archive goes into a new database.
    ProcessResult restore =
        AzaPg.run(
            Duration.ofMinutes(5),
            env,
            "restore",
            file.toString(),
            "--pg-env",
            "--db",
            "small_by_env",
            "--create",
            "--yes");
    assertThat(restore.exitCode()).as(restore.stderr()).isZero();
    assertThat(restore.stdout()).contains("public.notes\t42");
    assertThat(psql(SOURCE, "small_by_env", "SELECT sum(id) FROM notes")).isEqualTo("903");
    assertThat(restore.stderr() + restore.stdout()).doesNotContain(password);
    // No client container is left behind.
    ProcessResult left =
        AzaPg.exec(
            Duration.ofMinutes(1),
            AzaPg.engine(),
            "ps",
            "--all",
            "--filter",
            "label=io.aza-pg.purpose=client",
            "--format",
            "{{.Names}}");
    assertThat(left.stdout()).doesNotContain("aza-pg-client-");

    Map<String, String> wrong = new java.util.HashMap<>(env);
    wrong.put("PGPASSWORD", "not-" + password);
    ProcessResult refused =
        AzaPg.run(Duration.ofMinutes(5), wrong, "backup", "--pg-env", "-o", dir + "/x.dump");
    assertThat(refused.exitCode()).isEqualTo(5);
    assertThat(refused.stderr()).contains("password authentication failed").contains("PGHOST");
    assertThat(refused.stderr()).doesNotContain(password);
    assertThat(dir.resolve("x.dump")).doesNotExist();

    ProcessResult socket =
        AzaPg.run(
            Duration.ofMinutes(1),
            Map.of("PGHOST", "/var/run/postgresql"),
            "backup",
            "--pg-env",
            "-o",
            dir + "/y.dump");
    assertThat(socket.exitCode()).isEqualTo(3);
    assertThat(socket.stderr()).contains("PGHOST=/var/run/postgresql names a Unix socket");
  }

  @Test
  void wait_succeedsOnlyOnARealQuery_andFailsWithinItsTimeoutOnAStoppedServer() throws IOException {
    String password =
        Files.readString(
                AzaPg.projectDir().resolve(".aza-pg").resolve(SOURCE).resolve("postgres-password"))
            .strip();
    ProcessResult ok =
        AzaPg.run(
            Duration.ofMinutes(1),
            Map.of("PGPASSWORD", password),
            "wait",
            "--port",
            Integer.toString(sourcePort),
            "--db",
            "app",
            "--timeout",
            "30");
    assertThat(ok.exitCode()).as(ok.stderr()).isZero();

    int closed = StackRun.freePort();
    long start = System.nanoTime();
    ProcessResult stopped =
        AzaPg.run(
            Duration.ofMinutes(1), "wait", "--port", Integer.toString(closed), "--timeout", "3");
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(stopped.exitCode()).isEqualTo(6);
    assertThat(stopped.stderr()).contains("did not answer a query within 3 s").contains("refused");
    assertThat(took).isLessThan(Duration.ofSeconds(20));
    assertThat(ok.stderr() + ok.stdout()).doesNotContain(password);
  }

  private static void up(String name, int port) {
    ProcessResult up =
        AzaPg.run(
            Duration.ofMinutes(40),
            "up",
            "--name",
            name,
            "--port",
            Integer.toString(port),
            "--database",
            "app");
    assertThat(up.exitCode()).as(up.stderr()).isZero();
  }

  private static ProcessResult aza(String... args) {
    return AzaPg.run(Duration.ofMinutes(10), args);
  }

  /** psql inside a container as postgres (its local socket); the output, stripped. */
  static String psql(String container, String db, String... statements) {
    List<String> argv =
        new ArrayList<>(
            List.of(
                AzaPg.engine(),
                "exec",
                "--user",
                "postgres",
                container,
                "psql",
                "-X",
                "-A",
                "-t",
                "-q",
                "-v",
                "ON_ERROR_STOP=1",
                "-d",
                db));
    for (String s : statements) {
      if (!s.isBlank()) {
        argv.addAll(List.of("-c", s));
      }
    }
    ProcessResult r = AzaPg.exec(Duration.ofMinutes(5), argv.toArray(String[]::new));
    assertThat(r.exitCode()).as(String.join(";", statements) + "\n" + r.stderr()).isZero();
    return r.stdout().strip();
  }
}
