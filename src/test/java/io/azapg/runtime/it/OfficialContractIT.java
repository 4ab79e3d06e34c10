package io.azapg.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.azapg.engine.VolumeMount;
import io.azapg.process.ProcessResult;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The official postgres image's entrypoint contract, one behaviour per test, in the real image. */
class OfficialContractIT {
  @TempDir Path tmp;

  @Test
  void customUserAndDatabase_namesWithSpaces() {
    try (PgContainer pg =
        new PgContainer()
            .env("POSTGRES_PASSWORD", "pw")
            .env("POSTGRES_USER", "app user")
            .env("POSTGRES_DB", "my db")) {
      pg.startHealthy();
      assertThat(pg.sql("app user", "my db", "SELECT current_user || '/' || current_database()"))
          .isEqualTo("app user/my db");
      assertThat(pg.sql("app user", "my db", "SELECT status FROM aza_pg.init_status"))
          .isEqualTo("completed");
      assertThat(pg.logs()).contains("PostgreSQL init process complete; ready for start up.");
    }
  }

  @Test
  void fileSecrets_passwordFromAFile_neverInTheLog() throws Exception {
    Path secrets = Files.createDirectories(tmp.resolve("secrets"));
    Files.writeString(secrets.resolve("pw"), "s3cr3t-from-file\n");
    Files.writeString(secrets.resolve("user"), "fileuser\n");
    try (PgContainer pg =
        new PgContainer()
            .mount(new VolumeMount(secrets.toString(), "/run/secrets", true))
            .env("POSTGRES_PASSWORD_FILE", "/run/secrets/pw")
            .env("POSTGRES_USER_FILE", "/run/secrets/user")) {
      pg.startHealthy();
      ProcessResult tcp =
          pg.exec(
              "env",
              "PGPASSWORD=s3cr3t-from-file",
              "psql",
              "-X",
              "-At",
              "-h",
              "127.0.0.1",
              "-U",
              "fileuser",
              "-d",
              "fileuser",
              "-c",
              "SELECT 'ok'");
      assertThat(tcp.stdout().strip()).as(tcp.stderr()).isEqualTo("ok");
      ProcessResult wrong =
          pg.exec(
              "env",
              "PGPASSWORD=wrong",
              "psql",
              "-X",
              "-h",
              "127.0.0.1",
              "-U",
              "fileuser",
              "-d",
              "fileuser",
              "-c",
              "SELECT 1");
      assertThat(wrong.exitCode()).isNotZero();
      assertThat(pg.logs()).doesNotContain("s3cr3t-from-file");
    }
  }

  @Test
  void valueAndFileBothSet_refusedInOneLine() throws Exception {
    Path secrets = Files.createDirectories(tmp.resolve("s"));
    Files.writeString(secrets.resolve("pw"), "x");
    try (PgContainer pg =
        new PgContainer()
            .mount(new VolumeMount(secrets.toString(), "/run/secrets", true))
            .env("POSTGRES_PASSWORD", "y")
            .env("POSTGRES_PASSWORD_FILE", "/run/secrets/pw")) {
      ProcessResult r = pg.runToEnd();
      assertThat(r.exitCode()).isEqualTo(3);
      assertThat(r.stdout() + r.stderr())
          .contains("both POSTGRES_PASSWORD and POSTGRES_PASSWORD_FILE are set");
    }
  }

  @Test
  void missingPassword_refusedWithTheOfficialAdvice() {
    try (PgContainer pg = new PgContainer()) {
      ProcessResult r = pg.runToEnd();
      assertThat(r.exitCode()).isEqualTo(3);
      assertThat(r.stdout() + r.stderr()).contains("superuser password is not specified");
    }
  }

  @Test
  void initFiles_everyTypeRunsInNameOrder() throws Exception {
    Path init = Files.createDirectories(tmp.resolve("init"));
    Files.setPosixFilePermissions(init, PosixFilePermissions.fromString("rwxrwxrwx"));
    write(init, "10-table.sql", "CREATE TABLE seen(n int, what text);\n");
    try (OutputStream gz =
        new GZIPOutputStream(Files.newOutputStream(init.resolve("20-gz.sql.gz")))) {
      gz.write("INSERT INTO seen VALUES (20, 'gz');\n".getBytes(StandardCharsets.UTF_8));
    }
    write(init, "21-xz.sql", "INSERT INTO seen VALUES (21, 'xz');\n");
    write(init, "22-zst.sql", "INSERT INTO seen VALUES (22, 'zst');\n");
    write(
        init,
        "30-run.sh",
        "#!/bin/bash\nset -e\npsql -v ON_ERROR_STOP=1 --username \"$POSTGRES_USER\" --dbname \"$POSTGRES_DB\""
            + " -c \"INSERT INTO seen VALUES (30, 'run as '||current_user)\"\n");
    Files.setPosixFilePermissions(
        init.resolve("30-run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
    write(
        init,
        "31-sourced.sh",
        "docker_process_sql -c \"INSERT INTO seen VALUES (31, 'sourced')\"\n");
    write(init, "40-readme.txt", "ignored\n");
    compressInImage(init);
    try (PgContainer pg =
        new PgContainer()
            .mount(new VolumeMount(init.toString(), "/docker-entrypoint-initdb.d", true))
            .env("POSTGRES_PASSWORD", "pw")
            .env("POSTGRES_DB", "app")) {
      pg.startHealthy();
      assertThat(
              pg.sql(
                  "postgres",
                  "app",
                  "SELECT string_agg(n || ':' || what, ',' ORDER BY n) FROM seen"))
          .isEqualTo("20:gz,21:xz,22:zst,30:run as postgres,31:sourced");
      assertThat(pg.logs()).contains("ignoring /docker-entrypoint-initdb.d/40-readme.txt");
    }
  }

  @Test
  void failingInitFile_stopsStartupNamingIt_andTheNextStartRefuses() throws Exception {
    Path init = Files.createDirectories(tmp.resolve("init"));
    write(init, "10-bad.sql", "SELECT no_such_column;\n");
    try (PgContainer pg =
        new PgContainer()
            .mount(new VolumeMount(init.toString(), "/docker-entrypoint-initdb.d", true))
            .env("POSTGRES_PASSWORD", "pw")) {
      ProcessResult first = pg.runToEnd();
      assertThat(first.exitCode()).isNotZero();
      assertThat(first.stdout() + first.stderr())
          .contains("init file /docker-entrypoint-initdb.d/10-bad.sql failed");
      ProcessResult second = pg.runToEnd();
      assertThat(second.exitCode()).isNotZero();
      assertThat(second.stdout() + second.stderr()).contains("did not complete");
    }
  }

  @Test
  void nonPostgresCommand_runsAsGivenWithoutInit() {
    try (PgContainer pg = new PgContainer()) {
      ProcessResult r = pg.runToEnd("psql", "--version");
      assertThat(r.exitCode()).isZero();
      assertThat(r.stdout()).contains("psql (PostgreSQL) 18");
      assertThat(r.stdout() + r.stderr()).doesNotContain("aza-pg:");
    }
  }

  @Test
  void dashC_isPassedToTheServer() {
    try (PgContainer pg = new PgContainer().env("POSTGRES_PASSWORD", "pw")) {
      pg.startHealthy("-c", "work_mem=7MB");
      assertThat(
              pg.sql(
                  "postgres",
                  "postgres",
                  "SELECT setting || ' ' || source FROM pg_settings WHERE name = 'work_mem'"))
          .isEqualTo("7168 command line");
    }
  }

  @Test
  void existingDataDirectory_skipsInit_andIgnoresPostgresVariables() {
    try (PgContainer pg =
        new PgContainer().env("POSTGRES_PASSWORD", "pw").env("POSTGRES_DB", "first")) {
      pg.startHealthy();
      pg.env("POSTGRES_DB", "second").env("POSTGRES_PASSWORD", "other");
      pg.startHealthy();
      assertThat(pg.logs())
          .contains("Skipping initialization")
          .doesNotContain("init process complete");
      assertThat(
              pg.sql(
                  "postgres",
                  "postgres",
                  "SELECT string_agg(datname, ',' ORDER BY datname) FROM pg_database WHERE datname IN ('first', 'second')"))
          .isEqualTo("first");
      assertThat(pg.healthcheck().stdout()).contains("database \"first\"");
    }
  }

  @Test
  void arbitraryUser_works() {
    try (PgContainer pg = new PgContainer().env("POSTGRES_PASSWORD", "pw").user("4242:4242")) {
      // As with the official image, the volume must belong to that uid: hand it over first.
      pg.user("0:0");
      pg.runToEnd("chown", "-R", "4242:4242", "/var/lib/postgresql");
      pg.user("4242:4242");
      pg.startHealthy();
      assertThat(pg.sql("postgres", "postgres", "SELECT pg_backend_pid() > 0")).isEqualTo("t");
      assertThat(
              pg.exec("stat", "-c", "%u", "/var/lib/postgresql/18/docker/PG_VERSION")
                  .stdout()
                  .strip())
          .isEqualTo("4242");
    }
  }

  @Test
  void initdbArgsAndWaldir_reachInitdb() {
    try (PgContainer pg =
        new PgContainer()
            .env("POSTGRES_PASSWORD", "pw")
            .env("POSTGRES_INITDB_ARGS", "--no-data-checksums --wal-segsize=32")
            .env("POSTGRES_INITDB_WALDIR", "/var/lib/postgresql/wal")) {
      pg.startHealthy();
      assertThat(
              pg.sql(
                  "postgres",
                  "postgres",
                  "SELECT current_setting('data_checksums') || ' ' || current_setting('wal_segment_size')"))
          .isEqualTo("off 32MB");
      assertThat(pg.exec("readlink", "/var/lib/postgresql/18/docker/pg_wal").stdout().strip())
          .isEqualTo("/var/lib/postgresql/wal");
    }
  }

  @Test
  void replicationPassword_createsTheRoleAndSlot() {
    try (PgContainer pg =
        new PgContainer()
            .env("POSTGRES_PASSWORD", "pw")
            .env("PG_REPLICATION_PASSWORD", "rep-pw")
            .env("REPLICATION_SLOT_NAME", "replica_it")) {
      pg.startHealthy();
      assertThat(
              pg.sql(
                  "postgres",
                  "postgres",
                  "SELECT slot_name || ' ' || slot_type FROM pg_replication_slots"))
          .isEqualTo("replica_it physical");
      ProcessResult identify =
          pg.exec(
              "env",
              "PGPASSWORD=rep-pw",
              "psql",
              "-X",
              "-At",
              "-h",
              "127.0.0.1",
              "-U",
              "replicator",
              "-d",
              "replication=true dbname=postgres",
              "-c",
              "IDENTIFY_SYSTEM");
      assertThat(identify.exitCode()).as(identify.stderr()).isZero();
      assertThat(
              pg.sql(
                  "postgres",
                  "postgres",
                  "SELECT rolsuper FROM pg_roles WHERE rolname = 'replicator'"))
          .isEqualTo("f");
    }
  }

  @Test
  void badSlotName_refused() {
    try (PgContainer pg =
        new PgContainer()
            .env("POSTGRES_PASSWORD", "pw")
            .env("PG_REPLICATION_PASSWORD", "x")
            .env("REPLICATION_SLOT_NAME", "Bad-Name")) {
      ProcessResult r = pg.runToEnd();
      assertThat(r.exitCode()).isEqualTo(3);
      assertThat(r.stdout() + r.stderr())
          .contains("REPLICATION_SLOT_NAME=\"Bad-Name\" is not valid");
    }
  }

  @Test
  void oldLayoutMount_refusedWithThePgUpgradeHint() {
    String old = "aza-pg-it-old-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    try (PgContainer pg =
        new PgContainer()
            .env("POSTGRES_PASSWORD", "pw")
            .mount(new VolumeMount(old, "/var/lib/postgresql/data", false))) {
      ProcessResult r = pg.runToEnd();
      assertThat(r.exitCode()).isEqualTo(3);
      assertThat(r.stdout() + r.stderr())
          .contains("/var/lib/postgresql/data (unused mount/volume)")
          .contains("pg_upgrade");
    } finally {
      ImageUnderTest.engine().removeVolume(old, true);
    }
  }

  /** xz and zstd run inside the image (the host may lack them): 21-xz.sql → .sql.xz, … */
  private static void compressInImage(Path init) {
    try (PgContainer tools =
        new PgContainer().mount(new VolumeMount(init.toString(), "/work", false))) {
      ProcessResult r =
          tools.runToEnd(
              "bash", "-c", "set -e; cd /work; xz 21-xz.sql; zstd -q --rm 22-zst.sql; chmod 644 *");
      assertThat(r.exitCode()).as(r.stderr()).isZero();
    }
  }

  private static void write(Path dir, String name, String text) throws Exception {
    Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(dir.resolve(name), PosixFilePermissions.fromString("rw-r--r--"));
  }
}
