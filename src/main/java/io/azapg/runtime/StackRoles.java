package io.azapg.runtime;

import io.azapg.db.PasswordVerifier;
import io.azapg.db.Sql;
import java.util.Optional;

/**
 * The login roles a primary behind PgBouncer with exporters needs, created at init when their
 * passwords are given (each as a SCRAM verifier: no plain text reaches the server):
 *
 * <ul>
 *   <li>{@code PGBOUNCER_AUTH_PASSWORD[_FILE]}: role {@value #POOLER_ROLE}, which may do one thing,
 *       call {@code pgbouncer.get_auth(text)}, a {@code SECURITY DEFINER} lookup with a pinned
 *       search_path that returns a role's SCRAM verifier for PgBouncer's {@code auth_query}. It
 *       answers for ordinary login roles only: never a superuser or a replication role (those
 *       connect to PostgreSQL directly), never an expired one.
 *   <li>{@code POSTGRES_EXPORTER_PASSWORD[_FILE]}: role {@value #EXPORTER_ROLE} with {@code
 *       pg_monitor} (statistics, settings, the WAL directory, the tuning report), nothing else.
 * </ul>
 *
 * @param poolerPassword the auth role's password, if PgBouncer fronts this server
 * @param exporterPassword the exporter role's password, if the exporter scrapes this server
 */
public record StackRoles(Optional<Secret> poolerPassword, Optional<Secret> exporterPassword) {
  /** PgBouncer's {@code auth_user}. */
  public static final String POOLER_ROLE = "pgbouncer_auth";

  /** The postgres exporter's login role. */
  public static final String EXPORTER_ROLE = "aza_pg_exporter";

  /** The lookup PgBouncer's {@code auth_query} calls. */
  public static final String LOOKUP_FUNCTION = "pgbouncer.get_auth";

  /** Reads the two password variables (either may be absent). */
  public static StackRoles parse(Env env) {
    return new StackRoles(
        env.fileOrValue("PGBOUNCER_AUTH_PASSWORD").map(Secret::new),
        env.fileOrValue("POSTGRES_EXPORTER_PASSWORD").map(Secret::new));
  }

  /** Whether there is anything to create. */
  boolean any() {
    return poolerPassword.isPresent() || exporterPassword.isPresent();
  }

  /** The SQL, run by the init superuser in the database created at init; statements not logged. */
  String sql() {
    StringBuilder sql =
        new StringBuilder("SET log_statement = 'none';\nSET log_min_error_statement = 'panic';\n");
    poolerPassword.ifPresent(p -> sql.append(pooler(PasswordVerifier.scramSha256(p.reveal()))));
    exporterPassword.ifPresent(
        p ->
            sql.append("CREATE ROLE ")
                .append(EXPORTER_ROLE)
                .append(
                    " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION CONNECTION LIMIT 5"
                        + " PASSWORD ")
                .append(Sql.literal(PasswordVerifier.scramSha256(p.reveal())))
                .append(";\nGRANT pg_monitor TO ")
                .append(EXPORTER_ROLE)
                .append(";\n"));
    return sql.toString();
  }

  private static String pooler(String verifier) {
    return "CREATE ROLE "
        + POOLER_ROLE
        + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOINHERIT CONNECTION LIMIT 10"
        + " PASSWORD "
        + Sql.literal(verifier)
        + ";\n"
        + "CREATE SCHEMA pgbouncer;\n"
        + "REVOKE ALL ON SCHEMA pgbouncer FROM PUBLIC;\n"
        + "GRANT USAGE ON SCHEMA pgbouncer TO "
        + POOLER_ROLE
        + ";\n"
        + "CREATE FUNCTION "
        + LOOKUP_FUNCTION
        + "(p_username text)\n"
        + "  RETURNS TABLE (username text, password text)\n"
        + "  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp\n"
        + "AS $fn$\n"
        + "  SELECT a.rolname::text, a.rolpassword::text\n"
        + "  FROM pg_catalog.pg_authid AS a\n"
        + "  WHERE a.rolname = p_username AND a.rolcanlogin\n"
        + "    AND NOT a.rolsuper AND NOT a.rolreplication AND NOT a.rolbypassrls\n"
        + "    AND (a.rolvaliduntil IS NULL OR a.rolvaliduntil > pg_catalog.now())\n"
        + "$fn$;\n"
        + "COMMENT ON FUNCTION "
        + LOOKUP_FUNCTION
        + "(text) IS 'aza-pg: PgBouncer auth_query lookup (ordinary login roles only)';\n"
        + "REVOKE ALL ON FUNCTION "
        + LOOKUP_FUNCTION
        + "(text) FROM PUBLIC;\n"
        + "GRANT EXECUTE ON FUNCTION "
        + LOOKUP_FUNCTION
        + "(text) TO "
        + POOLER_ROLE
        + ";\n";
  }

  @Override
  public String toString() {
    return "StackRoles[pooler="
        + poolerPassword.isPresent()
        + ", exporter="
        + exporterPassword.isPresent()
        + "]";
  }
}
