package io.azapg.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * monitoring/: the alert rules pass their promtool unit tests, the example Prometheus config is
 * valid, and the names the rules and the dashboard use are read correctly (the integration test
 * then checks each one against the running exporters).
 */
class MonitoringTest {
  private static String promtool(String... args) throws Exception {
    List<String> argv = new java.util.ArrayList<>(List.of("promtool"));
    argv.addAll(List.of(args));
    Process p;
    try {
      p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    } catch (java.io.IOException e) {
      throw new AssertionError(
          "promtool is needed to test the alert rules: it is in Debian's prometheus package"
              + " (.ci/run installs /usr/local/bin/promtool from it)",
          e);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  @Test
  void alertRules_passTheirPromtoolUnitTests() throws Exception {
    assertThat(promtool("check", "rules", "monitoring/prometheus/alerts.yml"))
        .contains("SUCCESS: 13 rules found");
    assertThat(promtool("test", "rules", "monitoring/prometheus/alerts.test.yml"))
        .contains("SUCCESS");
    promtool("check", "config", "monitoring/prometheus/prometheus.yml");
  }

  @Test
  void everyRuleHasATest() throws Exception {
    String tests =
        java.nio.file.Files.readString(
            java.nio.file.Path.of("monitoring/prometheus/alerts.test.yml"));
    String rules = java.nio.file.Files.readString(MonitoredMetrics.RULES);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("- alert: (\\w+)").matcher(rules);
    int count = 0;
    while (m.find()) {
      count++;
      assertThat(tests)
          .as(m.group(1))
          .contains("alertname: " + m.group(1) + "\n        exp_alerts:\n          - exp_labels");
    }
    assertThat(count).isEqualTo(13);
  }

  @Test
  void metricNames_areReadFromPromQl() {
    assertThat(
            MonitoredMetrics.of(
                "sum by (server, backend_type) (rate(pg_stat_io_reads{object=\"wal\"}[5m]))"
                    + " / on(server) group_left() max_over_time(x_total[1h:5m]) > 1e9 and"
                    + " topk(10, pg_stat_user_tables_n_dead_tup offset 5m) unless bool y"))
        .containsExactlyInAnyOrder(
            "pg_stat_io_reads", "x_total", "pg_stat_user_tables_n_dead_tup", "y");
    assertThat(MonitoredMetrics.of("count by (server) (aza_pg_tuning_setting_applied == 0)"))
        .containsExactly("aza_pg_tuning_setting_applied");
  }

  @Test
  void everyNameWithACustomQuerysPrefix_isAColumnThatQueryServes() throws Exception {
    java.util.Set<String> served = CustomQueries.served();
    assertThat(served)
        .contains("pg_replication_lag_lag_seconds", "aza_pg_tuning_memory_limit_bytes");
    int custom = 0;
    for (String name : MonitoredMetrics.all()) {
      if (CustomQueries.keys().stream().anyMatch(k -> name.startsWith(k + "_"))) {
        custom++;
        assertThat(served).as(name).contains(name);
      }
    }
    assertThat(custom).isGreaterThan(10);
  }
}
