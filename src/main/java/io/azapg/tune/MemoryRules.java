package io.azapg.tune;

/**
 * The memory rules that depend on the limit alone: shared_buffers, effective_cache_size,
 * maintenance_work_mem, autovacuum_work_mem and wal_buffers.
 */
final class MemoryRules {
  static final double GIB = ByteSize.GIB;
  static final double MIB = ByteSize.MIB;

  /** Without huge pages, mapping more costs every backend over 64 MB of page tables. */
  static final double SHARED_BUFFERS_CAP = 32 * GIB;

  private MemoryRules() {}

  static Choice sharedBuffers(double limit) {
    if (limit <= GIB) {
      return Choice.of(
          limit / 8,
          "an eighth of the memory up to 1 GiB: inside a cgroup the page cache is charged to the"
              + " same limit, so a small buffer pool leaves it room");
    }
    if (limit <= 2 * GIB) {
      return Choice.of(
          128 * MIB,
          "128 MB up to 2 GiB: the page cache shares the cgroup limit, and at 2 GiB 25 % (512 MB)"
              + " lost 17 % select-only tps to 128 MB (measured)");
    }
    double value = Math.min(128 * MIB + (limit - 2 * GIB) / 4, SHARED_BUFFERS_CAP);
    return Choice.of(
        value,
        value >= SHARED_BUFFERS_CAP
            ? "32 GB, the cap: beyond it each backend needs over 64 MB of page tables to map the"
                + " buffers unless huge pages are reserved (raise it with an override if they are)"
            : "128 MB plus a quarter of the memory above 2 GiB: the first 2 GiB stay with the page"
                + " cache, which shares the cgroup limit");
  }

  static Choice effectiveCacheSize(double limit) {
    return Choice.of(
        limit * 3 / 4,
        "three quarters of the memory: the planner's estimate of shared_buffers plus the page"
            + " cache, which share the cgroup limit; nothing is allocated");
  }

  static Choice maintenanceWorkMem(double limit, Workload workload) {
    if (workload == Workload.DW) {
      return Choice.of(
          Math.min(limit / 8 * Math.min(1, limit / GIB), 4 * GIB),
          "an eighth of the memory from 1 GiB (less below, down to a sixteenth at 512 MiB), at"
              + " most 4 GB, for dw's large index builds; counted once in the worst case (one"
              + " VACUUM or CREATE INDEX at a time, its parallel workers share it)");
    }
    return Choice.of(
        Math.min(limit / 16, 2 * GIB),
        "a sixteenth of the memory, at most 2 GB; counted once in the worst case (one VACUUM or"
            + " CREATE INDEX at a time, its parallel workers share it)");
  }

  static Choice autovacuumWorkMem(double limit) {
    return Choice.of(
        Math.min(Math.max(limit / 64, 8 * MIB), GIB),
        "a 64th of the memory, between 8 MB and 1 GB, per autovacuum worker: since PostgreSQL 17"
            + " dead tuples take far less memory, and autovacuum no longer takes"
            + " maintenance_work_mem once per worker");
  }

  static Choice walBuffers(double sharedBuffers) {
    return Choice.of(
        Math.min(Math.max(sharedBuffers / 32, 64 * 1024), 16 * MIB),
        "1/32 of shared_buffers, at most 16 MB (one WAL segment): what -1 would pick, written out"
            + " so the worst case can count it");
  }
}
