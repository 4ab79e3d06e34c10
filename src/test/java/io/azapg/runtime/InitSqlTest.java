package io.azapg.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azapg.generate.GoldenFiles;
import java.nio.file.Path;
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
            "CREATE ROLE \"replicator\" LOGIN REPLICATION NOSUPERUSER NOCREATEDB NOCREATEROLE CONNECTION LIMIT 5 PASSWORD 'SCRAM-SHA-256$r';")
        .contains("GRANT pg_monitor TO \"replicator\";")
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
    StartupConfig rep =
        StartupConfigParser.parse(
            new Env(Map.of("PG_REPLICATION_PASSWORD", "x", "POSTGRES_HOST_AUTH_METHOD", "md5")));
    assertThat(Initializer.hbaLines(rep))
        .contains("host replication replicator all md5\n")
        .endsWith("host all all all md5\n");
  }

  @Test
  void isAuthFlag_recognisesInitdbAuthOptions() {
    assertThat(Initializer.isAuthFlag("--auth-host=md5")).isTrue();
    assertThat(Initializer.isAuthFlag("--auth=trust")).isTrue();
    assertThat(Initializer.isAuthFlag("-Atrust")).isTrue();
    assertThat(Initializer.isAuthFlag("--data-checksums")).isFalse();
  }
}
