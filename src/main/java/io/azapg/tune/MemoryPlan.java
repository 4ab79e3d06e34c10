package io.azapg.tune;

/**
 * The settings that decide how much memory PostgreSQL may use, as numbers: the input of {@link
 * WorstCase}. Sizes are bytes; {@code autovacuumWorkMem} is -1 when autovacuum uses
 * maintenance_work_mem; {@code ioWorkers} is 0 when io_method is not {@code worker}.
 *
 * @param tempBuffers each session's buffers for temporary tables
 * @param maxWalSenders WAL sender processes (replicas, base backups, logical subscribers)
 * @param maxReplicationSlots slots; each one being decoded holds logical_decoding_work_mem
 * @param logicalDecodingWorkMem what one logical decoding may hold before it spills
 * @param jit whether backends may JIT-compile (each that does maps LLVM and its code)
 */
public record MemoryPlan(
    long sharedBuffers,
    long walBuffers,
    int maxConnections,
    long workMem,
    double hashMemMultiplier,
    int maxParallelWorkers,
    int maxWorkerProcesses,
    int autovacuumMaxWorkers,
    long autovacuumWorkMem,
    long maintenanceWorkMem,
    int ioWorkers,
    long tempBuffers,
    int maxWalSenders,
    int maxReplicationSlots,
    long logicalDecodingWorkMem,
    boolean jit) {
  public MemoryPlan {
    if (sharedBuffers < 0
        || walBuffers < 0
        || workMem < 0
        || maintenanceWorkMem < 0
        || tempBuffers < 0
        || logicalDecodingWorkMem < 0) {
      throw new IllegalArgumentException("sizes cannot be negative");
    }
    if (maxConnections < 0
        || maxParallelWorkers < 0
        || maxWorkerProcesses < 0
        || maxWalSenders < 0
        || maxReplicationSlots < 0) {
      throw new IllegalArgumentException("process counts cannot be negative");
    }
  }

  /**
   * PostgreSQL 18's own defaults (wal_buffers -1 resolved: 1/32 of 128 MB = 4 MB), with jit on, as
   * PostgreSQL ships it (the image has the LLVM provider).
   */
  public static MemoryPlan postgresDefaults() {
    return new MemoryPlan(
        128 * ByteSize.MIB,
        4 * ByteSize.MIB,
        100,
        4 * ByteSize.MIB,
        2.0,
        8,
        8,
        3,
        -1,
        64 * ByteSize.MIB,
        3,
        8 * ByteSize.MIB,
        10,
        10,
        64 * ByteSize.MIB,
        true);
  }

  /** The memory one autovacuum worker may use for dead tuples. */
  public long autovacuumMemory() {
    return autovacuumWorkMem < 0 ? maintenanceWorkMem : autovacuumWorkMem;
  }

  /** Parallel workers that can run at once: max_worker_processes bounds them too. */
  public int parallelWorkers() {
    return Math.min(maxParallelWorkers, maxWorkerProcesses);
  }

  /** Worker slots not taken by parallel query: extensions' workers and logical replication. */
  public int backgroundWorkerSlots() {
    return maxWorkerProcesses - parallelWorkers();
  }

  /**
   * Logical decodings that can run at once: each needs a slot, and a process (a WAL sender, or a
   * session calling pg_logical_slot_get_changes) to run it.
   */
  public int logicalDecodings() {
    return (int) Math.min(maxReplicationSlots, (long) maxWalSenders + maxConnections);
  }
}
