package io.azapg.bench;

import java.util.List;
import java.util.Locale;

/**
 * The goals for aza-pg's settings, checked against the same run: at least 1.05× the best
 * peer on read-write, at least 1.0× on select-only and analytics, WAL at most pgtune's, the only
 * configuration with no OOM kill at the memory test, and max_connections at least 80 % of the
 * measured safe session count.
 */
final class Goals {
  private Goals() {}

  static String lines(TuningBench.Results r, String size) {
    double ourRw = Report.stats(r, size, Contender.AZA_PG, Workloads.READ_WRITE).median();
    double ourRo = Report.stats(r, size, Contender.AZA_PG, Workloads.SELECT_ONLY).median();
    double ourAn = Report.stats(r, size, Contender.AZA_PG, Workloads.ANALYTIC).median();
    double bestRw = 0;
    double bestRo = 0;
    double bestAn = Double.MAX_VALUE;
    for (Contender c : List.of(Contender.DEFAULTS, Contender.PGTUNE, Contender.ORIGINAL)) {
      bestRw = Math.max(bestRw, Report.stats(r, size, c, Workloads.READ_WRITE).median());
      bestRo = Math.max(bestRo, Report.stats(r, size, c, Workloads.SELECT_ONLY).median());
      bestAn = Math.min(bestAn, Report.stats(r, size, c, Workloads.ANALYTIC).median());
    }
    double walOurs = Report.wal(r, size, Contender.AZA_PG).median();
    double walPgtune = Report.wal(r, size, Contender.PGTUNE).median();
    return String.format(
        Locale.ROOT,
        "Goals at %s: read-write %.3f× the best peer (goal ≥ 1.05: %s); select-only %.3f× (goal ≥"
            + " 1.0: %s); analytics %.3f× (time of the best peer / ours, goal ≥ 1.0: %s); WAL %.0f"
            + " MB against pgtune's %.0f MB (goal ≤: %s).%n",
        size,
        ourRw / bestRw,
        met(ourRw / bestRw >= 1.05),
        ourRo / bestRo,
        met(ourRo / bestRo >= 1.0),
        bestAn / ourAn,
        met(bestAn / ourAn >= 1.0),
        walOurs,
        walPgtune,
        met(walOurs <= walPgtune));
  }

  static String safeCount(TuningBench.Results r) {
    int tuned =
        r.memory().stream()
            .filter(m -> m.contender() == Contender.AZA_PG)
            .findFirst()
            .map(MemoryTest.Result::maxConnections)
            .orElse(0);
    int safe =
        r.safeCount().stream()
            .filter(MemoryTest.Result::passed)
            .mapToInt(MemoryTest.Result::sessions)
            .max()
            .orElse(0);
    safe = Math.max(safe, tunedSessions(r));
    int failed =
        r.safeCount().stream()
            .filter(m -> !m.passed())
            .mapToInt(MemoryTest.Result::sessions)
            .min()
            .orElse(0);
    return String.format(
        Locale.ROOT,
        "Measured safe session count: %d (first failure at %s); aza-pg's max_connections: %d ="
            + " %.0f %% of it (goal ≥ 80 %%: %s).",
        safe,
        failed > 0 ? failed + " sessions" : "none up to the largest step",
        tuned,
        100.0 * tuned / Math.max(1, safe),
        met(tuned >= 0.8 * safe));
  }

  private static int tunedSessions(TuningBench.Results r) {
    return r.memory().stream()
        .filter(m -> m.contender() == Contender.AZA_PG && m.passed())
        .mapToInt(MemoryTest.Result::sessions)
        .max()
        .orElse(0);
  }

  private static String met(boolean yes) {
    return yes ? "met" : "not met";
  }
}
