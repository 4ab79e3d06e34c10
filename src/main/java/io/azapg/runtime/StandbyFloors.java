package io.azapg.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A hot standby refuses to start recovery when max_connections, max_worker_processes,
 * max_wal_senders, max_prepared_transactions or max_locks_per_transaction is below the primary's
 * (pg_controldata records the primary's). A replica given less memory or fewer CPUs than its
 * primary would be tuned below them, so the tuner is asked again with the primary's values as
 * overrides (it then fits work_mem and the rest around them); settings the tuner does not write get
 * a line of their own when the primary's value is above PostgreSQL's default.
 */
final class StandbyFloors {
  /** Where a floor comes from, as the tuning report names it. */
  static final String SOURCE =
      "the primary's value in pg_controldata: a standby may not run with less";

  private static final Map<String, Integer> POSTGRES_DEFAULTS =
      Map.of(
          "max_connections", 100,
          "max_worker_processes", 8,
          "max_wal_senders", 10,
          "max_prepared_transactions", 0,
          "max_locks_per_transaction", 64);

  private StandbyFloors() {}

  /** The tuned settings below the primary's values: name to the primary's value. */
  static Map<String, String> raise(List<Setting> tuned, Map<String, Integer> primary) {
    Map<String, String> raise = new TreeMap<>();
    for (Setting s : tuned) {
      Integer floor = primary.get(s.name());
      if (floor != null && intValue(s.value()) < floor) {
        raise.put(s.name(), Integer.toString(floor));
      }
    }
    return raise;
  }

  /** Lines for the floors no earlier setting covers, where PostgreSQL's default is too low. */
  static List<Setting> missing(Set<String> covered, Map<String, Integer> primary) {
    List<Setting> lines = new ArrayList<>();
    for (Map.Entry<String, Integer> e : new TreeMap<>(primary).entrySet()) {
      Integer fallback = POSTGRES_DEFAULTS.get(e.getKey());
      if (!covered.contains(e.getKey()) && fallback != null && e.getValue() > fallback) {
        lines.add(
            new Setting(
                e.getKey(),
                Integer.toString(e.getValue()),
                "runtime",
                "the primary's value (pg_controldata): a standby may not run with less"));
      }
    }
    return lines;
  }

  private static int intValue(String value) {
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      return Integer.MAX_VALUE;
    }
  }
}
