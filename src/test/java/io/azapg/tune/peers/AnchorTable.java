package io.azapg.tune.peers;

import io.azapg.tune.Tuning;
import io.azapg.tune.WorstCase;

/**
 * One measured size: our settings next to PostgreSQL's defaults, pgtune and the original aza-pg, as
 * they ran in tuning-anchors §1.
 */
final class AnchorTable {
  private AnchorTable() {}

  static String of(Row row) {
    Tuning ours = row.tune();
    PeerSettings stock = PeerSettings.stock();
    PeerSettings pgtune = Pgtune.mixed(row.mb(), row.cpus());
    PeerSettings original = OriginalAzaPg.mixed(row.mb(), row.cpus());
    StringBuilder t =
        TuningTables.header(
            "setting", "PostgreSQL defaults", "pgtune", "original aza-pg", "**aza-pg tune**");
    TuningTables.line(
        t,
        "max_connections",
        Integer.toString(stock.maxConnections()),
        Integer.toString(pgtune.maxConnections()),
        Integer.toString(original.maxConnections()),
        ours.value("max_connections"));
    memory(
        t,
        "shared_buffers",
        stock.sharedBuffers(),
        pgtune.sharedBuffers(),
        original.sharedBuffers(),
        ours);
    memory(
        t,
        "effective_cache_size",
        stock.effectiveCacheSize(),
        pgtune.effectiveCacheSize(),
        original.effectiveCacheSize(),
        ours);
    memory(t, "work_mem", stock.workMem(), pgtune.workMem(), original.workMem(), ours);
    memory(
        t,
        "maintenance_work_mem",
        stock.maintenanceWorkMem(),
        pgtune.maintenanceWorkMem(),
        original.maintenanceWorkMem(),
        ours);
    memory(t, "wal_buffers", stock.walBuffers(), pgtune.walBuffers(), original.walBuffers(), ours);
    TuningTables.line(t, "max_wal_size", "1GB", "4GB", "4096MB", ours.value("max_wal_size"));
    TuningTables.line(t, "wal_compression", "off", "lz4", "off", ours.value("wal_compression"));
    TuningTables.line(
        t,
        "parallel workers / per gather",
        parallel(stock),
        parallel(pgtune),
        parallel(original),
        ours.value("max_parallel_workers") + " / " + ours.value("max_parallel_workers_per_gather"));
    TuningTables.line(
        t,
        "io_method / io_workers",
        "worker / 3",
        "io_uring (does not start under Podman's seccomp)",
        "worker / " + original.ioWorkers(),
        ours.value("io_method") + " / " + ours.value("io_workers"));
    TuningTables.line(
        t,
        "worst case (ours)",
        Row.worst(WorstCase.of(stock.plan(), row.limit())),
        Row.worst(WorstCase.of(pgtune.plan(), row.limit())),
        Row.worst(WorstCase.of(original.plan(), row.limit())),
        Row.worst(ours.worstCase()));
    return t.toString();
  }

  private static void memory(
      StringBuilder t, String name, long stock, long pgtune, long original, Tuning ours) {
    TuningTables.line(t, name, Row.pg(stock), Row.pg(pgtune), Row.pg(original), ours.value(name));
  }

  private static String parallel(PeerSettings s) {
    return s.maxParallelWorkers() + " / " + s.perGather();
  }
}
