package io.azapg.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.azapg.process.ProcessResult;
import org.junit.jupiter.api.Test;

/**
 * pgmq, built from git and created on first start: messages are sent, read (hidden for the
 * visibility timeout), archived and deleted; a queue that does not exist is an error naming it.
 */
class PgmqIT {
  @Test
  void sendReadArchiveDelete_andAMissingQueueFails() {
    try (PgContainer pg = new PgContainer().env("POSTGRES_PASSWORD", "pw")) {
      pg.startHealthy();
      assertThat(
              pg.sql(
                  "postgres",
                  "postgres",
                  "SELECT extversion FROM pg_extension WHERE extname = 'pgmq'"))
          .isEqualTo("1.5.1");
      pg.sql("postgres", "postgres", "SELECT pgmq.create('orders')");
      String ids =
          pg.sql(
              "postgres",
              "postgres",
              "SELECT string_agg(id::text, ',') FROM (SELECT pgmq.send('orders', m) AS id"
                  + " FROM unnest(ARRAY['{\"n\": 1}', '{\"n\": 2}']::jsonb[]) m) s");
      assertThat(ids.split(",")).hasSize(2);

      // Read both with a 30 s visibility timeout: a second read sees nothing.
      String read =
          pg.sql(
              "postgres",
              "postgres",
              "SELECT string_agg(message ->> 'n', ',' ORDER BY msg_id) FROM pgmq.read('orders', 30, 10)");
      assertThat(read).isEqualTo("1,2");
      assertThat(pg.sql("postgres", "postgres", "SELECT count(*) FROM pgmq.read('orders', 30, 10)"))
          .isEqualTo("0");

      String first = ids.split(",")[0];
      String second = ids.split(",")[1];
      assertThat(pg.sql("postgres", "postgres", "SELECT pgmq.archive('orders', " + first + ")"))
          .isEqualTo("t");
      assertThat(pg.sql("postgres", "postgres", "SELECT pgmq.delete('orders', " + second + ")"))
          .isEqualTo("t");
      assertThat(
              pg.sql(
                  "postgres",
                  "postgres",
                  "SELECT (SELECT count(*) FROM pgmq.q_orders) || ' ' || (SELECT string_agg(message ->> 'n', ',') FROM pgmq.a_orders)"))
          .isEqualTo("0 1");

      ProcessResult missing =
          pg.exec(
              "psql",
              "-X",
              "-U",
              "postgres",
              "-c",
              "SELECT pgmq.send('no_such_queue', '{}'::jsonb)");
      assertThat(missing.exitCode()).isNotZero();
      assertThat(missing.stderr()).contains("q_no_such_queue").contains("does not exist");
    }
  }
}
