package io.azapg.runtime;

import io.azapg.db.Sql;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SQL of the init steps, generated from the catalog and the environment. Each script goes to
 * psql on stdin with ON_ERROR_STOP against the temporary server. Every extension is created in its
 * own transaction that catches its error, so one failure is recorded (name and error text) and the
 * others still run; the last statement fails the script when anything failed, after the status row
 * has been committed as {@code failed}.
 */
public final class InitSql {
  /** The schema that holds the status table, the installation marker and the tuning report. */
  public static final String SCHEMA = "aza_pg";

  /** The tuning report's file name, relative to the data directory. */
  public static final String REPORT_FILE = "aza-pg.tuning.json";

  private static final String LATEST = "id = (SELECT max(id) FROM aza_pg.init_status)";

  private InitSql() {}

  /** Creates the database (run in database postgres); no-op when it exists (e.g. postgres). */
  public static String createDatabase(String database) {
    return "SELECT format('CREATE DATABASE %I', "
        + Sql.literal(database)
        + ")\nWHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = "
        + Sql.literal(database)
        + ")\\gexec\n";
  }

  /**
   * The schema, the status table with its {@code in_progress} row, the installation marker and the
   * tuning report view, then every extension in order, then the verdict.
   *
   * @param version the aza-pg version that initialised the cluster
   * @param extensions the extensions to create, dependencies first
   * @param skipped extensions left out on purpose, with the reason (recorded in the notes)
   */
  public static String extensions(
      String version, List<Extension> extensions, Map<String, String> skipped) {
    StringBuilder sql = new StringBuilder();
    sql.append("-- aza-pg init steps, generated from the catalog\n")
        .append("SET client_min_messages = warning;\n")
        .append("CREATE SCHEMA aza_pg;\n")
        .append(
            "COMMENT ON SCHEMA aza_pg IS 'aza-pg: init status, installation marker, tuning report';\n")
        .append(
            "CREATE TABLE aza_pg.init_status (\n"
                + "  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
                + "  started_at timestamptz NOT NULL DEFAULT now(),\n"
                + "  finished_at timestamptz,\n"
                + "  aza_pg_version text NOT NULL,\n"
                + "  postgres_version text NOT NULL DEFAULT current_setting('server_version'),\n"
                + "  expected_extensions text[] NOT NULL,\n"
                + "  created_extensions text[] NOT NULL DEFAULT '{}',\n"
                + "  failed_extensions text[] NOT NULL DEFAULT '{}',\n"
                + "  errors jsonb NOT NULL DEFAULT '{}',\n"
                + "  status text NOT NULL CHECK (status IN ('in_progress', 'completed', 'failed')),\n"
                + "  notes text\n"
                + ");\n")
        .append(
            "COMMENT ON TABLE aza_pg.init_status IS 'aza-pg: one row per initialisation; read by the healthcheck';\n")
        .append(
            "INSERT INTO aza_pg.init_status (aza_pg_version, expected_extensions, status, notes)\n")
        .append("VALUES (")
        .append(Sql.literal(version))
        .append(", ")
        .append(Sql.textArray(extensions.stream().map(Extension::name).toList()))
        .append(", 'in_progress', ")
        .append(skipped.isEmpty() ? "NULL" : Sql.literal(skippedNote(skipped)))
        .append(");\n")
        .append(
            "CREATE VIEW aza_pg.installed AS\n"
                + "  SELECT aza_pg_version, postgres_version, started_at AS installed_at, status\n"
                + "  FROM aza_pg.init_status ORDER BY id LIMIT 1;\n")
        .append(
            "COMMENT ON VIEW aza_pg.installed IS 'aza-pg installation marker: which version initialised this cluster';\n")
        .append(tuningReport());
    for (Extension ext : extensions) {
      sql.append(createExtension(ext));
    }
    sql.append("UPDATE aza_pg.init_status SET status = 'failed', finished_at = now()\n")
        .append("  WHERE ")
        .append(LATEST)
        .append(" AND cardinality(failed_extensions) > 0;\n")
        .append(
            "DO $aza$\n"
                + "DECLARE failed text;\n"
                + "BEGIN\n"
                + "  SELECT string_agg(e.key || ': ' || e.value, '; ' ORDER BY e.key) INTO failed\n"
                + "    FROM aza_pg.init_status s, jsonb_each_text(s.errors) e WHERE s.")
        .append(LATEST)
        .append(
            ";\n"
                + "  IF failed IS NOT NULL THEN\n"
                + "    RAISE EXCEPTION 'aza-pg: extensions failed to create: %', failed;\n"
                + "  END IF;\n"
                + "END\n"
                + "$aza$;\n");
    return sql.toString();
  }

  /**
   * An extension to create.
   *
   * @param name the extension's name
   * @param schema the schema the catalog puts it in (created first), empty for the default
   */
  public record Extension(String name, Optional<String> schema) {}

  /** One extension in its own transaction: success or failure is recorded in the status row. */
  static String createExtension(Extension ext) {
    String name = ext.name();
    String lit = Sql.literal(name);
    String schema =
        ext.schema()
            .map(
                x ->
                    "  CREATE SCHEMA IF NOT EXISTS "
                        + Sql.ident(x)
                        + ";\n  CREATE EXTENSION IF NOT EXISTS "
                        + Sql.ident(name)
                        + " SCHEMA "
                        + Sql.ident(x)
                        + ";\n")
            .orElse("  CREATE EXTENSION IF NOT EXISTS " + Sql.ident(name) + ";\n");
    return "DO $aza$\n"
        + "BEGIN\n"
        + schema
        + "  UPDATE aza_pg.init_status SET created_extensions = array_append(created_extensions, "
        + lit
        + ")\n    WHERE "
        + LATEST
        + ";\n"
        + "EXCEPTION WHEN OTHERS THEN\n"
        + "  UPDATE aza_pg.init_status\n"
        + "    SET failed_extensions = array_append(failed_extensions, "
        + lit
        + "),\n        errors = errors || jsonb_build_object("
        + lit
        + ", SQLERRM)\n    WHERE "
        + LATEST
        + ";\n"
        + "END\n"
        + "$aza$;\n";
  }

  /** The tuning report: a SECURITY DEFINER reader of the JSON file and a view over it. */
  static String tuningReport() {
    return "CREATE FUNCTION aza_pg.tuning_report() RETURNS jsonb\n"
        + "  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog\n"
        + "  AS $fn$ SELECT pg_read_file("
        + Sql.literal(REPORT_FILE)
        + ")::jsonb $fn$;\n"
        + "REVOKE ALL ON FUNCTION aza_pg.tuning_report() FROM PUBLIC;\n"
        + "GRANT USAGE ON SCHEMA aza_pg TO pg_monitor;\n"
        + "GRANT EXECUTE ON FUNCTION aza_pg.tuning_report() TO pg_monitor;\n"
        + "CREATE VIEW aza_pg.tuning AS\n"
        + "  SELECT s->>'name' AS name, s->>'value' AS value, s->>'origin' AS origin,\n"
        + "         s->>'reason' AS reason, p.setting AS live_setting, p.unit AS live_unit,\n"
        + "         p.source AS live_source\n"
        + "  FROM jsonb_array_elements(aza_pg.tuning_report()->'settings') AS s\n"
        + "  LEFT JOIN pg_catalog.pg_settings p ON p.name = s->>'name';\n"
        + "COMMENT ON VIEW aza_pg.tuning IS 'aza-pg: the settings written at the last start, why, and what is live';\n"
        + "GRANT SELECT ON aza_pg.tuning TO pg_monitor;\n"
        + "GRANT SELECT ON aza_pg.init_status, aza_pg.installed TO pg_monitor;\n";
  }

  /**
   * The healthcheck's login role (monitoring rights only) and, when asked, the replication role and
   * its physical slot. Passwords arrive as SCRAM verifiers; the session does not log statements, so
   * not even the verifiers reach the server log.
   */
  public static String roles(
      String healthVerifier, Optional<String> replicationVerifier, String slot) {
    StringBuilder sql = new StringBuilder();
    sql.append("SET log_statement = 'none';\n")
        .append("SET log_min_error_statement = 'panic';\n")
        .append("CREATE ROLE ")
        .append(Sql.ident(StartupConfig.HEALTHCHECK_ROLE))
        .append(
            " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION CONNECTION LIMIT 3 PASSWORD ")
        .append(Sql.literal(healthVerifier))
        .append(";\n")
        .append("GRANT pg_monitor TO ")
        .append(Sql.ident(StartupConfig.HEALTHCHECK_ROLE))
        .append(";\n");
    replicationVerifier.ifPresent(
        verifier -> {
          if (!StartupConfigParser.SLOT_NAME.matcher(slot).matches()) {
            throw new IllegalArgumentException("invalid slot name " + slot);
          }
          sql.append("CREATE ROLE ")
              .append(Sql.ident(StartupConfig.REPLICATION_ROLE))
              .append(
                  " LOGIN REPLICATION NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOBYPASSRLS CONNECTION LIMIT 5"
                      + " PASSWORD ")
              .append(Sql.literal(verifier))
              .append(";\n")
              .append("SELECT pg_create_physical_replication_slot(")
              .append(Sql.literal(slot))
              .append(");\n");
        });
    return sql.toString();
  }

  /** Marks the init as completed (after the user's init files ran). */
  public static String completed() {
    return "UPDATE aza_pg.init_status SET status = 'completed', finished_at = now() WHERE "
        + LATEST
        + " AND status = 'in_progress';\n";
  }

  /** Marks the init as failed with a note (e.g. which init file failed). */
  public static String failed(String note) {
    return "UPDATE aza_pg.init_status SET status = 'failed', finished_at = now(), notes = concat_ws('; ', notes, "
        + Sql.literal(note)
        + ") WHERE "
        + LATEST
        + ";\n";
  }

  private static String skippedNote(Map<String, String> skipped) {
    StringBuilder note = new StringBuilder("not created: ");
    boolean first = true;
    for (Map.Entry<String, String> e : skipped.entrySet()) {
      if (!first) {
        note.append("; ");
      }
      note.append(e.getKey()).append(" (").append(e.getValue()).append(')');
      first = false;
    }
    return note.toString();
  }
}
