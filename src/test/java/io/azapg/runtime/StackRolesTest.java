package io.azapg.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pooler's lookup and the exporter's role, as the init creates them. */
class StackRolesTest {
  @Test
  void poolerLookup_isASecurityDefinerWithPinnedSearchPath_executableByTheAuthRoleOnly() {
    StackRoles roles =
        StackRoles.parse(
            new Env(
                Map.of("PGBOUNCER_AUTH_PASSWORD", "pw-1", "POSTGRES_EXPORTER_PASSWORD", "pw-2")));
    String sql = roles.sql();
    assertThat(sql)
        .startsWith("SET log_statement = 'none';")
        .contains("CREATE ROLE pgbouncer_auth LOGIN NOSUPERUSER")
        .contains("NOINHERIT")
        .contains("PASSWORD 'SCRAM-SHA-256$4096:")
        .contains("SECURITY DEFINER SET search_path = pg_catalog, pg_temp")
        .contains("NOT a.rolsuper AND NOT a.rolreplication")
        .contains("REVOKE ALL ON FUNCTION pgbouncer.get_auth(text) FROM PUBLIC;")
        .contains("GRANT EXECUTE ON FUNCTION pgbouncer.get_auth(text) TO pgbouncer_auth;")
        .contains("REVOKE ALL ON SCHEMA pgbouncer FROM PUBLIC;")
        .contains("GRANT pg_monitor TO aza_pg_exporter;")
        .doesNotContain("pw-1")
        .doesNotContain("pw-2");
    assertThat(roles.toString()).doesNotContain("pw-");
  }

  @Test
  void nothingGiven_nothingCreated() {
    assertThat(StackRoles.parse(new Env(Map.of())).any()).isFalse();
  }
}
