-- aza-pg init steps, generated from the catalog
SET client_min_messages = warning;
CREATE SCHEMA aza_pg;
COMMENT ON SCHEMA aza_pg IS 'aza-pg: init status, installation marker, tuning report';
CREATE TABLE aza_pg.init_status (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  aza_pg_version text NOT NULL,
  postgres_version text NOT NULL DEFAULT current_setting('server_version'),
  expected_extensions text[] NOT NULL,
  created_extensions text[] NOT NULL DEFAULT '{}',
  failed_extensions text[] NOT NULL DEFAULT '{}',
  errors jsonb NOT NULL DEFAULT '{}',
  status text NOT NULL CHECK (status IN ('in_progress', 'completed', 'failed')),
  notes text
);
COMMENT ON TABLE aza_pg.init_status IS 'aza-pg: one row per initialisation; read by the healthcheck';
INSERT INTO aza_pg.init_status (aza_pg_version, expected_extensions, status, notes)
VALUES ('1.2.3', ARRAY['pg_stat_statements', 'uuid-ossp', 'postgis']::text[], 'in_progress', 'not created: pg_cron (its library pg_cron is not preloaded)');
CREATE VIEW aza_pg.installed AS
  SELECT aza_pg_version, postgres_version, started_at AS installed_at, status
  FROM aza_pg.init_status ORDER BY id LIMIT 1;
COMMENT ON VIEW aza_pg.installed IS 'aza-pg installation marker: which version initialised this cluster';
CREATE FUNCTION aza_pg.tuning_report() RETURNS jsonb
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog
  AS $fn$ SELECT pg_read_file('aza-pg.tuning.json')::jsonb $fn$;
REVOKE ALL ON FUNCTION aza_pg.tuning_report() FROM PUBLIC;
GRANT USAGE ON SCHEMA aza_pg TO pg_monitor;
GRANT EXECUTE ON FUNCTION aza_pg.tuning_report() TO pg_monitor;
CREATE VIEW aza_pg.tuning AS
  SELECT s->>'name' AS name, s->>'value' AS value, s->>'origin' AS origin,
         s->>'reason' AS reason, p.setting AS live_setting, p.unit AS live_unit,
         p.source AS live_source
  FROM jsonb_array_elements(aza_pg.tuning_report()->'settings') AS s
  LEFT JOIN pg_catalog.pg_settings p ON p.name = s->>'name';
COMMENT ON VIEW aza_pg.tuning IS 'aza-pg: the settings written at the last start, why, and what is live';
GRANT SELECT ON aza_pg.tuning TO pg_monitor;
GRANT SELECT ON aza_pg.init_status, aza_pg.installed TO pg_monitor;
DO $aza$
BEGIN
  CREATE EXTENSION IF NOT EXISTS "pg_stat_statements";
  UPDATE aza_pg.init_status SET created_extensions = array_append(created_extensions, 'pg_stat_statements')
    WHERE id = (SELECT max(id) FROM aza_pg.init_status);
EXCEPTION WHEN OTHERS THEN
  UPDATE aza_pg.init_status
    SET failed_extensions = array_append(failed_extensions, 'pg_stat_statements'),
        errors = errors || jsonb_build_object('pg_stat_statements', SQLERRM)
    WHERE id = (SELECT max(id) FROM aza_pg.init_status);
END
$aza$;
DO $aza$
BEGIN
  CREATE EXTENSION IF NOT EXISTS "uuid-ossp";
  UPDATE aza_pg.init_status SET created_extensions = array_append(created_extensions, 'uuid-ossp')
    WHERE id = (SELECT max(id) FROM aza_pg.init_status);
EXCEPTION WHEN OTHERS THEN
  UPDATE aza_pg.init_status
    SET failed_extensions = array_append(failed_extensions, 'uuid-ossp'),
        errors = errors || jsonb_build_object('uuid-ossp', SQLERRM)
    WHERE id = (SELECT max(id) FROM aza_pg.init_status);
END
$aza$;
DO $aza$
BEGIN
  CREATE SCHEMA IF NOT EXISTS "gis";
  CREATE EXTENSION IF NOT EXISTS "postgis" SCHEMA "gis";
  UPDATE aza_pg.init_status SET created_extensions = array_append(created_extensions, 'postgis')
    WHERE id = (SELECT max(id) FROM aza_pg.init_status);
EXCEPTION WHEN OTHERS THEN
  UPDATE aza_pg.init_status
    SET failed_extensions = array_append(failed_extensions, 'postgis'),
        errors = errors || jsonb_build_object('postgis', SQLERRM)
    WHERE id = (SELECT max(id) FROM aza_pg.init_status);
END
$aza$;
UPDATE aza_pg.init_status SET status = 'failed', finished_at = now()
  WHERE id = (SELECT max(id) FROM aza_pg.init_status) AND cardinality(failed_extensions) > 0;
DO $aza$
DECLARE failed text;
BEGIN
  SELECT string_agg(e.key || ': ' || e.value, '; ' ORDER BY e.key) INTO failed
    FROM aza_pg.init_status s, jsonb_each_text(s.errors) e WHERE s.id = (SELECT max(id) FROM aza_pg.init_status);
  IF failed IS NOT NULL THEN
    RAISE EXCEPTION 'aza-pg: extensions failed to create: %', failed;
  END IF;
END
$aza$;
