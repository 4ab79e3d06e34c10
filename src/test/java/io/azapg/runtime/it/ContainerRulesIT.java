package io.azapg.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.azapg.engine.ExecSpec;
import io.azapg.engine.VolumeMount;
import io.azapg.process.ProcessResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container's rules, in the real image: secrets with unusual contents never leave their place,
 * root never acts on what the server user controls, no trust rule nobody asked for, the healthcheck
 * and replication roles confined, no_new_privs and postgres's own HOME, and init-file output
 * streamed in bounded memory. Two containers' worth of starts, each printing what it tried.
 */
class ContainerRulesIT {
  /** Marks the secrets: nothing outside their files may contain these. */
  private static final String MARK = "Zq7mark";

  private static final String REP_MARK = "Rp4mark";

  /**
   * Quotes, backslashes, $, a CRLF and an LF inside, spaces at both ends, unicode, a line that
   * looks like a setting, one that looks like a pg_hba rule, one that looks like SQL, and length.
   */
  private static final String PASSWORD =
      "  "
          + MARK
          + " it's \"q\" \\b\\ $HOME ${PGDATA} `id` $(id) ünïcødé 🔑\r\n"
          + "listen_addresses = '*'\n"
          + "host all all all trust\n"
          + "'; DROP ROLE postgres; -- \\\\:*: "
          + "L".repeat(3000)
          + "  ";

  /** One line (a passfile holds one line per entry), with the passfile's own specials. */
  private static final String REPLICATION_PASSWORD =
      " " + REP_MARK + " a:b\\c:*'\"$x ü " + "r".repeat(500);

  @TempDir Path tmp;

  @Test
  void oneServer_unusualSecretsStayPut_accessRulesHold_hugeInitOutputStreamed() throws Exception {
    Path secrets = Files.createDirectories(tmp.resolve("secrets"));
    Files.writeString(secrets.resolve("pw"), PASSWORD + "\r\n", StandardCharsets.UTF_8);
    Files.writeString(secrets.resolve("rep"), REPLICATION_PASSWORD + "\n", StandardCharsets.UTF_8);
    // root-only on the host, as Compose mounts them: only the root step can read them
    Files.setPosixFilePermissions(
        secrets.resolve("pw"), PosixFilePermissions.fromString("rw-------"));
    Files.setPosixFilePermissions(
        secrets.resolve("rep"), PosixFilePermissions.fromString("rw-------"));
    Path init = Files.createDirectories(tmp.resolve("init"));
    Files.setPosixFilePermissions(init, PosixFilePermissions.fromString("rwxrwxrwx"));
    // 70 MB on one line, then many short ones: more than the runtime's 64 MB heap
    writeInit(
        init,
        "10-big.sh",
        "head -c 70000000 /dev/zero | tr '\\0' x; echo; seq 1 200000; echo big-sh-done\n");
    writeInit(
        init,
        "20-big.sql",
        "SELECT repeat('y', 20000000) AS big;\nSELECT generate_series(1, 100000);\n"
            + "\\echo big-sql-done\n");
    try (PgContainer pg =
        new PgContainer()
            .mount(new VolumeMount(secrets.toString(), "/run/secrets", true))
            .mount(new VolumeMount(init.toString(), "/docker-entrypoint-initdb.d", true))
            .env("POSTGRES_PASSWORD_FILE", "/run/secrets/pw")
            .env("PG_REPLICATION_PASSWORD_FILE", "/run/secrets/rep")
            // the user's socket method alone: initdb's default for TCP would be trust
            .env("POSTGRES_INITDB_ARGS", "--auth-local=scram-sha-256")) {
      System.err.println(
          "ContainerRulesIT: start with unusual secret files and 90 MB of init output");
      pg.startHealthy();
      assertThat(pg.healthcheck().exitCode()).isZero();

      ProcessResult logs = pg.cli("logs");
      String log = logs.stdout() + logs.stderr();
      assertThat(log).contains("big-sh-done", "big-sql-done", "PostgreSQL init process complete");

      System.err.println("ContainerRulesIT: the password works exactly as written, over TCP");
      assertThat(psql(pg, "127.0.0.1", "postgres", PASSWORD, "postgres", "SELECT 'in'").stdout())
          .isEqualTo("in\n");
      ProcessResult trimmed =
          psql(pg, "127.0.0.1", "postgres", PASSWORD.strip(), "postgres", "SELECT 1");
      assertThat(trimmed.exitCode()).isNotZero();

      System.err.println("ContainerRulesIT: no trust rule, neither on TCP nor on the socket");
      String hba = pg.exec("cat", "/var/lib/postgresql/18/docker/pg_hba.conf").stdout();
      assertThat(hba.lines().filter(l -> !l.strip().startsWith("#")))
          .noneMatch(l -> l.matches(".*\\btrust\\b.*"));
      assertThat(
              pg.exec("psql", "-X", "-w", "-h", "127.0.0.1", "-U", "postgres", "-c", "SELECT 1")
                  .exitCode())
          .isNotZero();
      assertThat(pg.exec("psql", "-X", "-w", "-U", "postgres", "-c", "SELECT 1").exitCode())
          .isNotZero();

      System.err.println("ContainerRulesIT: the healthcheck role logs in from 127.0.0.1 only");
      String name = pg.exec("cat", "/etc/hostname").stdout().strip();
      String ip =
          pg.exec("cat", "/etc/hosts")
              .stdout()
              .lines()
              .map(l -> l.strip().split("\\s+"))
              .filter(f -> f.length > 1 && java.util.Arrays.asList(f).contains(name))
              .map(f -> f[0])
              .filter(a -> !a.startsWith("127.") && !a.equals("::1"))
              .findFirst()
              .orElseThrow();
      System.err.println("ContainerRulesIT: the container's own address is " + ip);
      ProcessResult fromIp =
          asPostgres(
              pg,
              "PGPASSFILE=$PGDATA/aza-pg.healthcheck.pgpass psql -X -w -h "
                  + ip
                  + " -U aza_pg_healthcheck -d postgres -c 'SELECT 1'");
      assertThat(fromIp.exitCode()).isNotZero();
      assertThat(fromIp.stderr()).contains("rejects connection");

      System.err.println("ContainerRulesIT: the replicator opens replication connections only");
      ProcessResult session =
          psql(pg, "127.0.0.1", "replicator", REPLICATION_PASSWORD, "postgres", "SELECT 1");
      assertThat(session.exitCode()).isNotZero();
      assertThat(session.stderr()).contains("rejects connection");
      ProcessResult replication =
          psql(
              pg,
              "127.0.0.1",
              "replicator",
              REPLICATION_PASSWORD,
              "replication=true",
              "IDENTIFY_SYSTEM");
      assertThat(replication.exitCode()).as(replication.stderr()).isZero();
      assertThat(
              psql(
                      pg,
                      "127.0.0.1",
                      "postgres",
                      PASSWORD,
                      "postgres",
                      "SELECT rolsuper OR rolcreatedb OR rolcreaterole OR rolbypassrls"
                          + " OR EXISTS (SELECT FROM pg_auth_members m WHERE m.member = r.oid)"
                          + " FROM pg_roles r WHERE rolname = 'replicator'")
                  .stdout())
          .isEqualTo("f\n");

      System.err.println("ContainerRulesIT: the server has no_new_privs and postgres's own HOME");
      String status = pg.exec("cat", "/proc/1/status").stdout();
      assertThat(status).contains("NoNewPrivs:\t1").containsPattern("Uid:\\s+999\\s");
      assertThat(pg.exec("cat", "/proc/1/cmdline").stdout()).startsWith("postgres");
      // only the process's own uid may read its environment (root here lacks CAP_SYS_PTRACE)
      assertThat(asPostgres(pg, "cat /proc/1/environ").stdout().split("\0"))
          .contains("HOME=/var/lib/postgresql")
          .noneMatch(v -> v.contains(MARK));

      System.err.println(
          "ContainerRulesIT: no secret in the log, inspect, any argv or a world-readable file");
      assertThat(log).doesNotContain(MARK).doesNotContain(REP_MARK);
      assertThat(pg.cli("inspect").stdout()).doesNotContain(MARK).doesNotContain(REP_MARK);
      String argvs =
          pg.exec(
                  "bash",
                  "-c",
                  "for f in /proc/[0-9]*/cmdline; do tr '\\0' ' ' <\"$f\"; echo; done")
              .stdout();
      assertThat(argvs).contains("postgres").doesNotContain(MARK).doesNotContain(REP_MARK);
      ProcessResult readable =
          pg.execWithStdin(
              PgContainer.utf8(MARK + "\n" + REP_MARK + "\n"),
              "bash",
              "-c",
              "IFS= read -r m1; IFS= read -r m2;"
                  + " find /var/lib/postgresql /tmp /run /var/run /etc /root -xdev -type f"
                  + " -perm -o+r -print0 2>/dev/null"
                  + " | xargs -0 -r grep -lF -e \"$m1\" -e \"$m2\" 2>/dev/null; true");
      assertThat(readable.stdout()).isBlank();
      assertThat(pg.exec("bash", "-c", "ls /tmp").stdout()).doesNotContain("aza-pg-");
    }
  }

  @Test
  void hostileDataDirectory_rootNeverReadsOrWritesThroughPlantedLinks() throws Exception {
    try (PgContainer pg = new PgContainer().env("POSTGRES_PASSWORD", "pw-hostile")) {
      System.err.println(
          "ContainerRulesIT: as postgres, plant links to /etc/shadow, /etc/passwd and /root");
      ProcessResult plant =
          pg.user("postgres")
              .runToEnd(
                  "bash",
                  "-c",
                  "set -e; d=/var/lib/postgresql/18/docker; mkdir -p \"$d\"; cd \"$d\";"
                      + " echo 18 > PG_VERSION; ln -s /etc/shadow postgresql.conf;"
                      + " ln -s /etc/shadow aza-pg.healthcheck; ln -s /etc/passwd evil-file;"
                      + " ln -s /root evil-dir; ln -s /etc /var/lib/postgresql/x;"
                      + " ln -s /root /var/lib/postgresql/y; echo planted");
      assertThat(plant.stdout()).as(plant.stderr()).contains("planted");

      System.err.println(
          "ContainerRulesIT: as root, start on it three ways and run the healthcheck");
      ProcessResult r =
          pg.user(null)
              .runToEnd(
                  "bash",
                  "-c",
                  "docker-entrypoint.sh postgres; echo \"existing=$?\";"
                      + " PGDATA=/var/lib/postgresql/x/docker docker-entrypoint.sh postgres;"
                      + " echo \"component=$?\";"
                      + " PGDATA=/var/lib/postgresql/y docker-entrypoint.sh postgres;"
                      + " echo \"final=$?\";"
                      + " aza-pg-healthcheck; echo \"health=$?\";"
                      + " stat -c '%U %a %n' /etc/shadow /etc/passwd /root /etc;"
                      + " ls -d /etc/docker /root/* 2>&1 | sed 's/^/ls: /'");
      String out = r.stdout() + r.stderr();
      System.err.println(out);
      assertThat(out)
          .contains("existing=3")
          .contains("cannot read /var/lib/postgresql/18/docker/postgresql.conf as the server user")
          .contains("component=3")
          .contains("/var/lib/postgresql/x is a symbolic link (to /etc)")
          .contains("final=3")
          .contains("/var/lib/postgresql/y is a symbolic link (to /root)")
          .contains("health=1")
          .contains("root 640 /etc/shadow")
          .contains("root 644 /etc/passwd")
          .contains("root 700 /root")
          .contains("root 755 /etc")
          .contains("cannot access '/etc/docker'")
          // /etc/shadow's lines start "name:*:" or "name:!"; /etc/passwd's "name:x:"
          .doesNotContainPattern("(?m)^(root|daemon|postgres):[*!]");
    }
  }

  private static void writeInit(Path dir, String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** psql over TCP with the password on stdin (NUL-terminated), never on an argv. */
  private static ProcessResult psql(
      PgContainer pg, String host, String user, String password, String db, String sql) {
    return pg.execWithStdin(
        (password + "\0").getBytes(StandardCharsets.UTF_8),
        "bash",
        "-c",
        "IFS= read -r -d '' PGPASSWORD; export PGPASSWORD;"
            + " exec psql -X -At -w -v ON_ERROR_STOP=1"
            + " \"host=$1 user=$2 dbname=postgres $3\" -c \"$4\"",
        "psql",
        host,
        user,
        db.equals("postgres") ? "" : db,
        sql);
  }

  private static ProcessResult asPostgres(PgContainer pg, String script) {
    ExecSpec base = ExecSpec.of(pg.current(), "bash", "-c", script);
    return ImageUnderTest.engine()
        .exec(
            new ExecSpec(
                base.container(),
                base.command(),
                Optional.empty(),
                Optional.of("postgres"),
                base.workdir(),
                base.env(),
                Duration.ofMinutes(1)));
  }
}
