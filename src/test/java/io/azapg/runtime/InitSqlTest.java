package io.azapg.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azapg.generate.GoldenFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InitSqlTest {
  private static final Path GOLDEN = Path.of("src/test/resources/runtime/init-sql");

  @Test
  void extensions_matchesGolden() {
    GoldenFiles.assertMatches(
        GOLDEN.resolve("extensions.sql"),
        InitSql.extensions(
            "1.2.3",
            List.of(
                ext("pg_stat_statements"),
                ext("uuid-ossp"),
                new InitSql.Extension("postgis", Optional.of("gis"))),
            Map.of("pg_cron", "its library pg_cron is not preloaded")));
  }

  @Test
  void extensions_inTheGivenOrder_eachInItsOwnCatchingBlock() {
    String sql = InitSql.extensions("v", List.of(ext("b_first"), ext("a_second")), Map.of());
    assertThat(sql.indexOf("CREATE EXTENSION IF NOT EXISTS \"b_first\""))
        .isPositive()
        .isLessThan(sql.indexOf("CREATE EXTENSION IF NOT EXISTS \"a_second\""));
    assertThat(sql.split("EXCEPTION WHEN OTHERS THEN", -1)).hasSize(3);
    assertThat(sql).contains("errors = errors || jsonb_build_object('b_first', SQLERRM)");
    assertThat(sql)
        .contains(
            "expected_extensions, status, notes)\nVALUES ('v', ARRAY['b_first', 'a_second']::text[], 'in_progress', NULL)");
  }

  @Test
  void extensions_statusIsCommittedBeforeTheFinalRaise() {
    String sql = InitSql.extensions("v", List.of(ext("x")), Map.of());
    int failed = sql.indexOf("SET status = 'failed'");
    int raise = sql.indexOf("RAISE EXCEPTION 'aza-pg: extensions failed to create: %'");
    assertThat(failed).isPositive().isLessThan(raise);
  }

  @Test
  void extensions_noExtensions_stillRecordsStatus() {
    assertThat(InitSql.extensions("v", List.of(), Map.of()))
        .contains("ARRAY[]::text[]")
        .doesNotContain("CREATE EXTENSION");
  }

  @Test
  void extensions_targetSchema_createdFirstAndNamed() {
    assertThat(
            InitSql.extensions(
                "v", List.of(new InitSql.Extension("postgis", Optional.of("gis"))), Map.of()))
        .contains(
            "  CREATE SCHEMA IF NOT EXISTS \"gis\";\n  CREATE EXTENSION IF NOT EXISTS \"postgis\" SCHEMA \"gis\";\n")
        .contains("ARRAY['postgis']::text[]");
  }

  private static InitSql.Extension ext(String name) {
    return new InitSql.Extension(name, Optional.empty());
  }

  @Test
  void createDatabase_quotesTheName() {
    assertThat(InitSql.createDatabase("my \"db\" it's"))
        .isEqualTo(
            "SELECT format('CREATE DATABASE %I', 'my \"db\" it''s')\n"
                + "WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'my \"db\" it''s')\\gexec\n");
  }

  @Test
  void roles_withoutReplication_onlyTheHealthRole() {
    String sql = InitSql.roles("SCRAM-SHA-256$4096:abc", Optional.empty(), "replica_slot_1");
    assertThat(sql)
        .startsWith("SET log_statement = 'none';\nSET log_min_error_statement = 'panic';\n")
        .contains("CREATE ROLE \"aza_pg_healthcheck\" LOGIN NOSUPERUSER")
        .contains("PASSWORD 'SCRAM-SHA-256$4096:abc'")
        .contains("GRANT pg_monitor TO \"aza_pg_healthcheck\"")
        .doesNotContain("replicator")
        .doesNotContain("replication_slot");
  }

  @Test
  void roles_withReplication_roleAndSlot() {
    String sql = InitSql.roles("h", Optional.of("SCRAM-SHA-256$r"), "replica_2");
    assertThat(sql)
        .contains(
            "CREATE ROLE \"replicator\" LOGIN REPLICATION NOSUPERUSER NOCREATEDB NOCREATEROLE"
                + " NOINHERIT NOBYPASSRLS CONNECTION LIMIT 5 PASSWORD 'SCRAM-SHA-256$r';")
        .doesNotContain("TO \"replicator\"")
        .contains("SELECT pg_create_physical_replication_slot('replica_2');");
  }

  @Test
  void roles_invalidSlotName_refused() {
    assertThatThrownBy(() -> InitSql.roles("h", Optional.of("r"), "x'); DROP TABLE t; --"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void failed_quotesTheNote() {
    assertThat(InitSql.failed("init file it's.sql failed"))
        .contains("'init file it''s.sql failed'")
        .contains("status = 'failed'");
  }

  @Test
  void completed_onlyFromInProgress() {
    assertThat(InitSql.completed())
        .contains("SET status = 'completed'")
        .contains("status = 'in_progress'");
  }

  @Test
  void hbaLines_remoteMethod_andReplicationWhenAsked() {
    StartupConfig plain = StartupConfigParser.parse(new Env(Map.of()));
    assertThat(Initializer.hbaLines(plain))
        .endsWith("host all all all scram-sha-256\n")
        .doesNotContain("replication");
    String lines = Initializer.hbaLines(plain);
    assertThat(lines.indexOf("include_if_exists aza-pg-tls-hba.conf\n"))
        .as("the TLS rules come before the remote method")
        .isPositive()
        .isLessThan(lines.indexOf("host all all all"));
    StartupConfig rep =
        StartupConfigParser.parse(
            new Env(Map.of("PG_REPLICATION_PASSWORD", "x", "POSTGRES_HOST_AUTH_METHOD", "md5")));
    assertThat(Initializer.hbaLines(rep))
        .contains("host replication replicator all md5\n")
        .endsWith("host all all all md5\n");
  }

  @Test
  void hbaFirst_healthcheckFrom127Only_replicatorReplicationOnly() {
    StartupConfig rep = StartupConfigParser.parse(new Env(Map.of("PG_REPLICATION_PASSWORD", "x")));
    assertThat(Initializer.hbaFirst(rep))
        .contains(
            "host all aza_pg_healthcheck 127.0.0.1/32 scram-sha-256\n"
                + "host all aza_pg_healthcheck all reject\n"
                + "local all aza_pg_healthcheck reject\n")
        .contains("host all replicator all reject\nlocal all replicator reject\n")
        .doesNotContain("trust");
    assertThat(Initializer.hbaFirst(StartupConfigParser.parse(new Env(Map.of()))))
        .doesNotContain("replicator");
  }

  /**
   * Every combination of the user's auth options, read the way initdb reads its argv (getopt: the
   * last value wins; -A/--auth sets both): trust only where the user wrote trust.
   */
  @Test
  void initdbAuth_noCombinationOfTheUsersOptionsLeavesATrustTheyDidNotAskFor() {
    List<List<String>> userArgs =
        List.of(
            List.of(),
            List.of("--auth-local=peer"),
            List.of("--auth-local", "scram-sha-256"),
            List.of("--auth-host=md5"),
            List.of("--auth-host", "scram-sha-256"),
            List.of("-A", "md5"),
            List.of("-Amd5"),
            List.of("--auth=scram-sha-256"),
            List.of("--auth", "peer"),
            List.of("--auth-local=peer", "--auth-host=md5"),
            List.of("--data-checksums", "--auth-local=md5", "-E", "UTF8"));
    for (String method : List.of("scram-sha-256", "md5")) {
      StartupConfig cfg =
          StartupConfigParser.parse(new Env(Map.of("POSTGRES_HOST_AUTH_METHOD", method)));
      for (List<String> user : userArgs) {
        List<String> argv = new ArrayList<>(Initializer.authDefaults(cfg));
        argv.addAll(user);
        String[] effective = initdbAuth(argv);
        assertThat(effective[1]).as("host method for %s", user).isNotEqualTo("trust");
        boolean userSetLocal =
            user.stream()
                .anyMatch(
                    a ->
                        a.startsWith("--auth-local")
                            || a.startsWith("-A")
                            || a.startsWith("--auth="));
        if (userSetLocal) {
          assertThat(effective[0]).as("local method for %s", user).isNotEqualTo("trust");
        }
      }
    }
    StartupConfig asked =
        StartupConfigParser.parse(new Env(Map.of("POSTGRES_HOST_AUTH_METHOD", "trust")));
    assertThat(initdbAuth(Initializer.authDefaults(asked))[1]).isEqualTo("trust");
  }

  /** initdb's reading of its auth options: {local, host}, "trust" where none is given. */
  private static String[] initdbAuth(List<String> argv) {
    String local = "trust";
    String host = "trust";
    for (int i = 0; i < argv.size(); i++) {
      String a = argv.get(i);
      if (a.equals("-A") || a.equals("--auth")) {
        local = host = argv.get(++i);
      } else if (a.startsWith("--auth=")) {
        local = host = a.substring("--auth=".length());
      } else if (a.startsWith("-A")) {
        local = host = a.substring(2);
      } else if (a.equals("--auth-local")) {
        local = argv.get(++i);
      } else if (a.startsWith("--auth-local=")) {
        local = a.substring("--auth-local=".length());
      } else if (a.equals("--auth-host")) {
        host = argv.get(++i);
      } else if (a.startsWith("--auth-host=")) {
        host = a.substring("--auth-host=".length());
      }
    }
    return new String[] {local, host};
  }
}
