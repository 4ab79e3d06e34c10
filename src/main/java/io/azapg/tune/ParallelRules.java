package io.azapg.tune;

/**
 * The rules that follow the CPU count: parallel query, I/O workers and autovacuum workers, and the
 * dynamic shared memory parallel query needs from {@code /dev/shm}.
 */
final class ParallelRules {
  /** Dynamic shared memory besides parallel hash tables: tuple queues, statistics, slack. */
  static final double DSM_FIXED = 16.0 * ByteSize.MIB;

  private ParallelRules() {}

  /** Parallel workers the CPUs could use: one per CPU, none on one CPU. */
  static int cpuParallelWorkers(int cpus) {
    return cpus < 2 ? 0 : cpus;
  }

  /**
   * Parallel workers allowed for a number of connections and other workers: at most a third of
   * them, so parallel workers stay within a quarter of all backends in the budget.
   */
  static int parallelWorkers(int cpus, int connections, int otherWorkers) {
    return Math.min(cpuParallelWorkers(cpus), (connections + otherWorkers) / 3);
  }

  static Choice perGather(Workload workload, int cpus, int parallelWorkers) {
    if (cpus < 2 || parallelWorkers == 0) {
      return Choice.of(0, "0: no parallel workers on " + cpus + " CPU");
    }
    return switch (workload) {
      case WEB, OLTP ->
          Choice.of(
              Math.min(parallelWorkers, 2),
              "2, PostgreSQL's default: short statements gain little from more");
      case MIXED ->
          Choice.of(
              Math.min(parallelWorkers, clamp(cpus / 4, 2, 8)),
              "a quarter of the CPUs, between 2 and 8: at 2 CPUs, 2 workers kept the parallel hash"
                  + " join that 1 worker lost (measured)");
      case DW ->
          Choice.of(
              Math.min(parallelWorkers, clamp(cpus / 2, 2, 16)),
              "half the CPUs, between 2 and 16: few large queries use the machine");
    };
  }

  static Choice maintenanceWorkers(int cpus, int parallelWorkers) {
    if (cpus < 2 || parallelWorkers == 0) {
      return Choice.of(0, "0: no parallel workers on " + cpus + " CPU");
    }
    return Choice.of(
        Math.min(parallelWorkers, clamp(cpus / 2, 1, 8)),
        "half the CPUs, between 1 and 8, for CREATE INDEX and VACUUM; they share"
            + " maintenance_work_mem, so memory does not grow with them");
  }

  /**
   * A number of processes and the memory the budget sets aside for them. The share is continuous in
   * the memory, so that more memory never shrinks what is left for work_mem; the count is what the
   * share holds, at most what the CPUs ask for.
   */
  record Processes(int count, double memory, String rule) {
    static Processes fitted(int wanted, double unit, double share, String rule) {
      double memory = Math.min(wanted * unit, Math.max(share, unit));
      int count = (int) Math.max(1, Math.min(wanted, Math.floor(memory / unit + 1e-9)));
      return new Processes(count, memory, rule);
    }

    static Processes given(int count, double unit) {
      return new Processes(count, count * unit, Sheet.OVERRIDE_RULE);
    }
  }

  /** I/O workers: a quarter of the CPUs between 3 and 16, within a 32nd of the memory. */
  static Processes ioWorkers(int cpus, double limit, double processCost) {
    return Processes.fitted(
        clamp((cpus + 3) / 4, 3, 16),
        processCost,
        limit / 32,
        "a quarter of the CPUs, between 3 (PostgreSQL's default) and 16, and no more than a 32nd"
            + " of the memory holds: each is a process in the worst case");
  }

  /** Autovacuum workers: 3, one more at 16, 32 and 64 CPUs, within a 12th of the memory. */
  static Processes autovacuumWorkers(int cpus, double limit, double workerCost) {
    int wanted = 3 + (cpus >= 16 ? 1 : 0) + (cpus >= 32 ? 1 : 0) + (cpus >= 64 ? 1 : 0);
    return Processes.fitted(
        wanted,
        workerCost,
        limit / 12,
        "3, PostgreSQL's default, plus one each at 16, 32 and 64 CPUs to vacuum more tables at"
            + " once, and no more than a 12th of the memory holds");
  }

  /**
   * The {@code /dev/shm} parallel query may need: for each gather (a leader and up to per-gather
   * workers) one parallel hash table, each participant's share at work_mem × hash_mem_multiplier,
   * plus a fixed 16 MB.
   */
  static double dsmNeed(int parallelWorkers, int perGather, double workMem, double hashMultiplier) {
    if (parallelWorkers == 0) {
      return 0;
    }
    int leaders = (parallelWorkers + Math.max(perGather, 1) - 1) / Math.max(perGather, 1);
    return (parallelWorkers + leaders) * workMem * hashMultiplier + DSM_FIXED;
  }

  static int clamp(int value, int min, int max) {
    return Math.max(min, Math.min(max, value));
  }
}
