package io.azapg.tune;

/**
 * The stated numbers behind the worst-case memory: what one process costs, how many memory-bound
 * plan nodes a statement runs at once, and the reserve kept for the page cache and the kernel.
 * {@link WorstCase} and the tuner's budget both use these, so they cannot disagree.
 */
final class MemoryModel {
  /**
   * Private memory of a backend before any work_mem: catalog and plan caches, preloaded libraries.
   * Exp. 2 read 2 to 3 MB per backend with four preloaded libraries; page tables and the shared
   * slot are counted on top.
   */
  static final long BACKEND_BASE = 3 * ByteSize.MIB;

  /**
   * Anonymous memory a backend holds once it has JIT-compiled: LLVM's context, the generated code
   * and the relocated parts of libLLVM. Measured in this image: 4.2 MB without JIT, 24.7 MB after
   * two JIT-compiled statements (smaps_rollup Anonymous); counted per backend when jit is on.
   */
  static final long JIT_PER_BACKEND = 24 * ByteSize.MIB;

  /**
   * Processes that exist besides connections, workers and WAL senders: postmaster, checkpointer,
   * background writer, WAL writer, autovacuum launcher, archiver, and a replica's startup process
   * and WAL receiver.
   */
  static final int FIXED_PROCESSES = 8;

  /** Shared memory that is not buffers: lock table, process array, SLRU caches, statistics. */
  static final long SHARED_FIXED = 16 * ByteSize.MIB;

  /** Shared memory per process slot (locks, PGPROC, snapshots), generously rounded up. */
  static final long SHARED_PER_SLOT = 64 * ByteSize.KIB;

  /** The page cache and kernel reserve never goes below this. */
  static final long RESERVE_FLOOR = 64 * ByteSize.MIB;

  private MemoryModel() {}

  /**
   * Page tables one process needs to map all of shared_buffers and the WAL buffers with 4 kB pages
   * (8 bytes per page). Counted even when huge pages may be used, because {@code try} can fall back
   * to normal pages.
   */
  static double pageTables(double sharedBuffers, double walBuffers) {
    return (sharedBuffers + walBuffers) / 512.0;
  }

  /** What any process costs before its work memory: base, page tables and its shared slot. */
  static double processCost(double sharedBuffers, double walBuffers) {
    return BACKEND_BASE + pageTables(sharedBuffers, walBuffers) + SHARED_PER_SLOT;
  }

  /**
   * The work memory one statement may hold at once: a sort at work_mem feeding a hash at work_mem ×
   * hash_mem_multiplier. The measured adversarial statement peaks exactly there (a function scan's
   * tuplestore plus a sort, then a tuplestore plus a hash aggregate).
   */
  static double statementMemory(double workMem, double hashMemMultiplier) {
    return workMem * (1 + hashMemMultiplier);
  }

  /** The per-statement multiplier of work_mem: 1 + hash_mem_multiplier. */
  static double statementFactor(double hashMemMultiplier) {
    return 1 + hashMemMultiplier;
  }

  /** Shared memory besides shared_buffers and WAL buffers, without the per-slot part. */
  static double sharedOverhead(double sharedBuffers) {
    return SHARED_FIXED + sharedBuffers / 64.0;
  }

  /**
   * Memory left to the page cache and the kernel: an eighth of the limit, at least 64 MB. Inside a
   * cgroup the page cache is charged to the same limit, and dirty pages under writeback cannot be
   * reclaimed at once (exp. 2 saw up to 274 MB of them at 512 MB).
   */
  static double reserve(double limit) {
    return Math.max(RESERVE_FLOOR, limit / 8.0);
  }
}
