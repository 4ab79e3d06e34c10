package io.azapg.tune;

import java.util.List;

/** The docs table that shows how the workloads differ at one size. */
public final class WorkloadTables {
  private WorkloadTables() {}

  /** The four workloads at 8 GB / 4 CPUs, direct connections and behind PgBouncer. */
  public static String workloads() {
    StringBuilder t = new StringBuilder();
    t.append(
        "| workload | max_connections | work_mem | pooled: max_connections / work_mem |"
            + " maintenance_work_mem | min / max_wal_size | statistics | jit | worst case |\n");
    t.append("|---|---|---|---|---|---|---|---|---|\n");
    for (Workload w : List.of(Workload.WEB, Workload.OLTP, Workload.MIXED, Workload.DW)) {
      Tuning direct = Tuner.tune(Requests.of(8192, 4, w, Storage.SSD, false));
      Tuning pooled = Tuner.tune(Requests.of(8192, 4, w, Storage.SSD, true));
      t.append("| ")
          .append(
              String.join(
                  " | ",
                  w.label(),
                  direct.value("max_connections"),
                  direct.value("work_mem"),
                  pooled.value("max_connections") + " / " + pooled.value("work_mem"),
                  direct.value("maintenance_work_mem"),
                  direct.value("min_wal_size") + " / " + direct.value("max_wal_size"),
                  direct.value("default_statistics_target"),
                  direct.value("jit"),
                  direct.worstCase().total() + " of " + direct.worstCase().limit()))
          .append(" |\n");
    }
    return t.toString();
  }
}
