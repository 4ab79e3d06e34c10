package io.azapg.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.azapg.process.ProcessResult;
import org.junit.jupiter.api.Test;

/**
 * TimescaleDB built from git with its TSL features: compression with a compressed chunk queried, a
 * continuous aggregate refreshed by its policy and a retention policy that drops chunks (each
 * policy's job run with CALL run_job, as the scheduler would); compressing a plain table fails.
 */
class TimescaleTslIT {
  @Test
  void compressionContinuousAggregatesAndRetention_work() {
    try (PgContainer pg = new PgContainer().env("POSTGRES_PASSWORD", "pw")) {
      pg.startHealthy();
      assertThat(sql(pg, "SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'"))
          .isEqualTo("2.29.2");
      assertThat(sql(pg, "SHOW timescaledb.license")).isEqualTo("timescale");

      sql(pg, "CREATE TABLE metrics(t timestamptz NOT NULL, device int, v double precision)");
      sql(pg, "SELECT create_hypertable('metrics', by_range('t', INTERVAL '1 day'))");
      sql(
          pg,
          "INSERT INTO metrics SELECT g, d, d FROM generate_series(now() - INTERVAL '30 days', now(),"
              + " INTERVAL '1 hour') g, generate_series(1, 3) d");
      String total = sql(pg, "SELECT sum(v) FROM metrics WHERE t < now() - INTERVAL '10 days'");

      sql(
          pg,
          "ALTER TABLE metrics SET (timescaledb.compress, timescaledb.compress_segmentby = 'device')");
      int compressed =
          Integer.parseInt(
              sql(
                  pg,
                  "SELECT count(compress_chunk(c)) FROM show_chunks('metrics', older_than => INTERVAL '10 days') c"));
      assertThat(compressed).isGreaterThan(15);
      assertThat(
              sql(
                  pg,
                  "SELECT count(*) FROM timescaledb_information.chunks WHERE hypertable_name = 'metrics' AND is_compressed"))
          .isEqualTo(Integer.toString(compressed));
      assertThat(sql(pg, "SELECT sum(v) FROM metrics WHERE t < now() - INTERVAL '10 days'"))
          .as("the compressed chunks answer the same query")
          .isEqualTo(total);

      sql(
          pg,
          "CREATE MATERIALIZED VIEW metrics_daily WITH (timescaledb.continuous) AS"
              + " SELECT time_bucket(INTERVAL '1 day', t) AS day, device, avg(v) AS v FROM metrics"
              + " GROUP BY 1, 2 WITH NO DATA");
      String refreshJob =
          sql(
              pg,
              "SELECT add_continuous_aggregate_policy('metrics_daily', start_offset => INTERVAL '40 days',"
                  + " end_offset => INTERVAL '1 day', schedule_interval => INTERVAL '1 hour')");
      assertThat(
              sql(pg, "SELECT count(*) FROM metrics_daily WHERE day < now() - INTERVAL '2 days'"))
          .isEqualTo("0");
      sql(pg, "CALL run_job(" + refreshJob + ")");
      assertThat(
              Integer.parseInt(
                  sql(
                      pg,
                      "SELECT count(*) FROM metrics_daily WHERE day < now() - INTERVAL '2 days'")))
          .isGreaterThanOrEqualTo(27 * 3);

      String chunksBefore = sql(pg, "SELECT count(*) FROM show_chunks('metrics')");
      String retentionJob =
          sql(pg, "SELECT add_retention_policy('metrics', drop_after => INTERVAL '20 days')");
      sql(pg, "CALL run_job(" + retentionJob + ")");
      assertThat(Integer.parseInt(sql(pg, "SELECT count(*) FROM show_chunks('metrics')")))
          .isLessThan(Integer.parseInt(chunksBefore) - 8);
      assertThat(sql(pg, "SELECT min(t) > now() - INTERVAL '21 days' FROM metrics")).isEqualTo("t");

      sql(pg, "CREATE TABLE plain(t timestamptz NOT NULL, v int)");
      ProcessResult notHypertable =
          pg.exec("psql", "-X", "-U", "postgres", "-c", "SELECT compress_chunk('plain'::regclass)");
      assertThat(notHypertable.exitCode()).isNotZero();
      assertThat(notHypertable.stderr())
          .containsIgnoringCase("plain")
          .containsIgnoringCase("chunk");
    }
  }

  private static String sql(PgContainer pg, String query) {
    return pg.sql("postgres", "postgres", query);
  }
}
