package io.azapg.tune.peers;

import io.azapg.tune.ByteSize;
import io.azapg.tune.MemoryPlan;

/**
 * What another tuner (or PostgreSQL's defaults) would set, reduced to the memory-relevant settings
 * our worst-case function reads. Sizes are bytes; {@code autovacuumWorkMem} -1 means "use
 * maintenance_work_mem"; {@code ioWorkers} is 0 under io_uring. Settings none of them writes
 * (temp_buffers, WAL senders, replication slots, logical_decoding_work_mem) keep PostgreSQL's
 * defaults; {@code jit} is on where a tool leaves PostgreSQL's default.
 */
public record PeerSettings(
    int maxConnections,
    long sharedBuffers,
    long effectiveCacheSize,
    long workMem,
    long maintenanceWorkMem,
    long autovacuumWorkMem,
    int autovacuumMaxWorkers,
    long walBuffers,
    int maxWorkerProcesses,
    int maxParallelWorkers,
    int perGather,
    int maintenanceWorkers,
    int ioWorkers,
    boolean jit) {
  static final long KB = ByteSize.KIB;
  static final long MB = ByteSize.MIB;

  /** PostgreSQL 18's defaults ("STOCK" in the measurements). */
  public static PeerSettings stock() {
    return new PeerSettings(
        100, 128 * MB, 4096 * MB, 4 * MB, 64 * MB, -1, 3, 4 * MB, 8, 8, 2, 2, 3, true);
  }

  /** The input of our worst-case function. */
  public MemoryPlan plan() {
    return new MemoryPlan(
        sharedBuffers,
        walBuffers,
        maxConnections,
        workMem,
        2.0,
        maxParallelWorkers,
        maxWorkerProcesses,
        autovacuumMaxWorkers,
        autovacuumWorkMem,
        maintenanceWorkMem,
        ioWorkers,
        8 * MB,
        10,
        10,
        64 * MB,
        jit);
  }
}
