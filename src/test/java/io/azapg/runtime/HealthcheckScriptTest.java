package io.azapg.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs image/files/aza-pg-healthcheck with a fake psql and pg_isready first on PATH. */
class HealthcheckScriptTest {
  private static final Path SCRIPT = Path.of("image/files/aza-pg-healthcheck");

  @TempDir Path tmp;
  private Path pgdata;
  private Path bin;
  private final Map<String, String> env = new HashMap<>();

  record Run(int code, String out, String psqlCall) {}

  @BeforeEach
  void setUp() throws Exception {
    pgdata = Files.createDirectories(tmp.resolve("data"));
    bin = Files.createDirectories(tmp.resolve("bin"));
    script("id", "#!/bin/sh\necho \"${FAKE_UID:-999}\"\n");
    // logs its options and the user it switches to, then runs what follows "--" as that user
    script(
        "setpriv",
        "#!/bin/bash\nopts=()\nwhile [ \"$1\" != '--' ]; do opts+=(\"$1\"); shift; done\nshift\n"
            + "echo \"setpriv ${opts[*]}\" >> \"$FAKE_DIR/setpriv.calls\"\n"
            + "FAKE_UID=999 exec \"$@\"\n");
    script(
        "pg_isready",
        "#!/bin/sh\necho \"$*\" > \"$FAKE_DIR/isready.args\"\nexit \"${FAKE_ISREADY_RC:-0}\"\n");
    script(
        "psql",
        "#!/bin/sh\n"
            + "{ echo \"argv=$*\"; echo \"PGUSER=$PGUSER\"; echo \"PGDATABASE=$PGDATABASE\";"
            + " echo \"PGPASSFILE=${PGPASSFILE:-}\"; echo \"PGCONNECT_TIMEOUT=$PGCONNECT_TIMEOUT\";"
            + " echo \"PGOPTIONS=$PGOPTIONS\"; echo \"PGSSLMODE=$PGSSLMODE\";"
            + " echo \"PGGSSENCMODE=$PGGSSENCMODE\"; } > \"$FAKE_DIR/psql.call\"\n"
            + "printf '%s\\n' \"$FAKE_ROW\"\nexit \"${FAKE_PSQL_RC:-0}\"\n");
    facts(
        "init=aza-pg",
        "check_role=aza_pg_healthcheck",
        "required_preload=pg_cron pg_stat_statements");
    env.put("FAKE_ROW", "1|f|pg_cron, pg_stat_statements, auto_explain|completed|");
  }

  private void script(String name, String text) throws Exception {
    Path p = bin.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private void facts(String... extra) throws Exception {
    StringBuilder sb =
        new StringBuilder("# header\nuser=app user\ndatabase=my db\nport=5433\nrole=primary\n");
    for (String line : extra) {
      sb.append(line).append('\n');
    }
    Files.writeString(pgdata.resolve("aza-pg.healthcheck"), sb.toString(), StandardCharsets.UTF_8);
  }

  private Run run() throws Exception {
    ProcessBuilder pb = new ProcessBuilder("bash", SCRIPT.toString());
    pb.environment().putAll(env);
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    pb.environment().put("PGDATA", pgdata.toString());
    pb.environment().put("FAKE_DIR", tmp.toString());
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    Path call = tmp.resolve("psql.call");
    String psql = Files.exists(call) ? Files.readString(call) : "";
    return new Run(p.exitValue(), out, psql);
  }

  @Test
  void asRoot_runsAgainAsPostgresWithNoNewPrivs_beforeReadingPgdata() throws Exception {
    env.put("FAKE_UID", "0");
    Run r = run();
    assertThat(r.code()).as(r.out()).isZero();
    assertThat(Files.readString(tmp.resolve("setpriv.calls")).strip())
        .isEqualTo("setpriv --reuid postgres --regid postgres --init-groups --no-new-privs");
  }

  @Test
  void asAnyOtherUser_runsAsItIs_andTheImageStartsTheScriptItself() throws Exception {
    env.put("FAKE_UID", "1234");
    Run r = run();
    assertThat(r.code()).as(r.out()).isZero();
    assertThat(tmp.resolve("setpriv.calls")).doesNotExist();
    // The HEALTHCHECK is the script alone: the engine runs it as the container's user, which is
    // any uid under --user, and setpriv first would fail for every user but root.
    String dockerfile = Files.readString(Path.of("image/Dockerfile"), StandardCharsets.UTF_8);
    assertThat(dockerfile.replaceAll("\\\\\n\\s*", ""))
        .contains("CMD [\"/usr/local/bin/aza-pg-healthcheck\"]");
  }

  @Test
  void healthy_oneQueryOverTcpAsTheCheckRoleWithThePassfile_noOtherClient() throws Exception {
    Run r = run();
    assertThat(r.out())
        .isEqualTo("healthy: database \"my db\" answers on 127.0.0.1:5433, init completed");
    assertThat(r.code()).isZero();
    // psql's own connection proves TCP on 127.0.0.1: no pg_isready before it
    assertThat(tmp.resolve("isready.args")).doesNotExist();
    assertThat(r.psqlCall())
        .contains("-h 127.0.0.1")
        .contains("-X")
        .contains("PGUSER=aza_pg_healthcheck")
        .contains("PGDATABASE=my db")
        .contains("PGPASSFILE=" + pgdata.resolve("aza-pg.healthcheck.pgpass"))
        .contains("PGSSLMODE=disable")
        .contains("PGGSSENCMODE=disable")
        .contains("FROM aza_pg.init_status");
  }

  @Test
  void initInProgress_unhealthyWithoutAsking() throws Exception {
    Files.writeString(pgdata.resolve("aza-pg.init-in-progress"), "");
    Run r = run();
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).startsWith("unhealthy: initialisation in progress");
    assertThat(r.psqlCall()).isEmpty();
  }

  @Test
  void noFacts_unhealthy() throws Exception {
    Files.delete(pgdata.resolve("aza-pg.healthcheck"));
    assertThat(run().out()).contains("aza-pg.healthcheck is missing");
  }

  @Test
  void notAcceptingTcp_unhealthyWithPsqlsReason() throws Exception {
    env.put("FAKE_PSQL_RC", "2");
    env.put(
        "FAKE_ROW",
        "psql: error: connection to server at \"127.0.0.1\", port 5433 failed: Connection refused");
    Run r = run();
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out())
        .isEqualTo(
            "unhealthy: query in database \"my db\" over 127.0.0.1:5433 failed: psql: error:"
                + " connection to server at \"127.0.0.1\", port 5433 failed: Connection refused");
  }

  @Test
  void queryFails_unhealthyWithTheError() throws Exception {
    env.put("FAKE_PSQL_RC", "2");
    env.put("FAKE_ROW", "psql: error: password authentication failed");
    Run r = run();
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out())
        .contains("query in database \"my db\" over 127.0.0.1:5433 failed: psql: error: password");
  }

  @Test
  void initNotCompleted_unhealthy() throws Exception {
    env.put("FAKE_ROW", "1|f|pg_cron,pg_stat_statements|failed|");
    assertThat(run().out()).startsWith("unhealthy: init status is failed");
    env.put("FAKE_ROW", "1|f|pg_cron,pg_stat_statements|missing|");
    assertThat(run().out()).startsWith("unhealthy: init status is missing");
  }

  @Test
  void missingExtensions_unhealthyNamingThem() throws Exception {
    env.put("FAKE_ROW", "1|f|pg_cron,pg_stat_statements|completed|pg_cron vector");
    assertThat(run().out())
        .isEqualTo("unhealthy: extensions missing from database \"my db\": pg_cron vector");
  }

  @Test
  void requiredPreloadMissing_unhealthy_unlessNothingIsRequired() throws Exception {
    env.put("FAKE_ROW", "1|f|pg_stat_statements_x, pg_cron|completed|");
    assertThat(run().out()).contains("lacks pg_stat_statements, which the catalog requires");
    facts("init=aza-pg", "check_role=aza_pg_healthcheck", "required_preload=");
    assertThat(run().code()).isZero();
  }

  @Test
  void inRecovery_unhealthyForPrimary_healthyForReplica() throws Exception {
    env.put("FAKE_ROW", "1|t|pg_cron,pg_stat_statements|completed|");
    assertThat(run().out())
        .startsWith("unhealthy: the server is in recovery but POSTGRES_ROLE is primary");
    Files.writeString(
        pgdata.resolve("aza-pg.healthcheck"),
        Files.readString(pgdata.resolve("aza-pg.healthcheck"))
            .replace("role=primary", "role=replica"));
    assertThat(run().code()).isZero();
  }

  @Test
  void foreignDataDirectory_provesTcpWithPgIsready_thenAsksOverTheSocketAsTheUser()
      throws Exception {
    facts("init=foreign", "check_role=", "required_preload=");
    env.put("FAKE_ROW", "1|f||completed|");
    Run r = run();
    assertThat(r.code()).isZero();
    assertThat(Files.readString(tmp.resolve("isready.args")).strip())
        .isEqualTo("-q -h 127.0.0.1 -p 5433 -t 2");
    assertThat(r.psqlCall())
        .doesNotContain("-h 127.0.0.1")
        .contains("PGUSER=app user")
        .contains("PGPASSFILE=\n");

    env.put("FAKE_ISREADY_RC", "2");
    Run refused = run();
    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.out())
        .isEqualTo("unhealthy: not accepting TCP connections on 127.0.0.1:5433");
  }

  @Test
  void script_isShellcheckClean() throws Exception {
    List<String> shellcheck =
        List.of("shellcheck", SCRIPT.toString(), "image/files/docker-entrypoint.sh");
    Process p;
    try {
      p = new ProcessBuilder(shellcheck).redirectErrorStream(true).start();
    } catch (java.io.IOException e) {
      throw new AssertionError(
          "shellcheck is needed to check the image's shell scripts: apt-get install shellcheck"
              + " (.ci/run installs it)",
          e);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
  }

  @Test
  void ownTimeLimits_fitInsideTheImagesHealthcheckTimeout() throws Exception {
    Run r = run();
    assertThat(r.code()).isZero();
    int connect =
        Integer.parseInt(r.psqlCall().replaceAll("(?s).*PGCONNECT_TIMEOUT=(\\d+).*", "$1"));
    int statement =
        Integer.parseInt(r.psqlCall().replaceAll("(?s).*statement_timeout=(\\d+)s.*", "$1"));
    facts("init=foreign", "check_role=", "required_preload=");
    env.put("FAKE_ROW", "1|f||completed|");
    assertThat(run().code()).isZero();
    int isready =
        Integer.parseInt(
            Files.readString(tmp.resolve("isready.args")).strip().replaceAll(".*-t (\\d+)$", "$1"));
    String dockerfile = Files.readString(Path.of("image/Dockerfile"), StandardCharsets.UTF_8);
    int timeout =
        Integer.parseInt(
            dockerfile.replaceAll("(?s).*HEALTHCHECK [^\\n]*--timeout=(\\d+)s.*", "$1"));
    // libpq treats connect timeouts below 2 s as 2 s; leave 2 s for starting the processes. The
    // longest path is a foreign data directory's: pg_isready, then the query.
    assertThat(Math.max(2, isready) + Math.max(2, connect) + statement + 2)
        .as("pg_isready -t, PGCONNECT_TIMEOUT and statement_timeout against HEALTHCHECK --timeout")
        .isLessThanOrEqualTo(timeout);
  }
}
