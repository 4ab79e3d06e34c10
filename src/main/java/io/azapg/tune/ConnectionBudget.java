package io.azapg.tune;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Splits the memory left after the fixed costs between connections, worker processes and work_mem:
 * work_mem first up to the workload's floor, then connections up to the target, then work_mem again
 * up to its cap. More memory therefore never lowers work_mem.
 */
final class ConnectionBudget {
  /** The smallest max_connections the tuner picks by itself (3 are reserved for superusers). */
  static final int MINIMUM_CONNECTIONS = 20;

  /** How the connection count and work_mem were reached, for the rule texts. */
  enum Regime {
    /** The target connections fit with work_mem above the floor. */
    TARGET,
    /** As TARGET, and work_mem reached the workload's cap. */
    CAPPED,
    /** Fewer connections than the target, so that each gets the floor. */
    LOWERED,
    /** The minimum connections, with work_mem below the floor. */
    MINIMUM,
    /** An override fixed max_connections, work_mem or both. */
    GIVEN
  }

  /**
   * What the budget works with.
   *
   * @param available bytes left for connections, worker processes and WAL senders
   * @param processCost what a session costs before work memory (process, temp_buffers, JIT)
   * @param hashMemory work_mem's multiplier per statement: 1 + hash_mem_multiplier
   * @param senders WAL senders, each a process with its own statement memory
   */
  record Input(
      double available,
      double processCost,
      double hashMemory,
      int target,
      long floor,
      long cap,
      int cpus,
      int otherWorkers,
      int senders,
      OptionalInt connections,
      OptionalLong workMem,
      OptionalInt parallelWorkers,
      OptionalInt workerProcesses) {}

  /** The split: connections, work_mem, parallel workers and all worker slots. */
  record Result(
      int connections, long workMem, int parallelWorkers, int workerProcesses, Regime regime) {}

  private final Input in;

  private ConnectionBudget(Input in) {
    this.in = in;
  }

  static Result solve(Input in) {
    return new ConnectionBudget(in).solve();
  }

  private Result solve() {
    if (in.connections().isPresent()) {
      int mc = in.connections().getAsInt();
      long wm = in.workMem().orElse(Math.min(in.cap(), share(mc)));
      return result(mc, wm, Regime.GIVEN);
    }
    if (in.workMem().isPresent()) {
      long wm = in.workMem().getAsLong();
      return result(Math.max(fit(wm), 10), wm, Regime.GIVEN);
    }
    int fit = fit(in.floor());
    if (fit >= in.target()) {
      long share = share(in.target());
      return result(
          in.target(), Math.min(in.cap(), share), share > in.cap() ? Regime.CAPPED : Regime.TARGET);
    }
    if (fit >= MINIMUM_CONNECTIONS) {
      return result(fit, in.floor(), Regime.LOWERED);
    }
    return result(MINIMUM_CONNECTIONS, share(MINIMUM_CONNECTIONS), Regime.MINIMUM);
  }

  private Result result(int connections, long workMem, Regime regime) {
    return new Result(
        connections, workMem, parallel(connections), workerProcesses(connections), regime);
  }

  private int parallel(int connections) {
    return in.parallelWorkers()
        .orElse(ParallelRules.parallelWorkers(in.cpus(), connections, in.otherWorkers()));
  }

  private int workerProcesses(int connections) {
    return in.workerProcesses().orElse(parallel(connections) + in.otherWorkers());
  }

  private int backends(int connections) {
    return connections + workerProcesses(connections) + in.senders();
  }

  /** The most connections up to the target whose backends all fit at this work_mem; -1 if none. */
  private int fit(long workMem) {
    double unit = in.processCost() + workMem * in.hashMemory();
    for (int mc = in.target(); mc >= 0; mc--) {
      if (backends(mc) * unit <= in.available()) {
        return mc;
      }
    }
    return -1;
  }

  /** work_mem when the available memory is shared equally by these connections' backends. */
  private long share(int connections) {
    double perBackend = in.available() / backends(connections) - in.processCost();
    return grid(Math.max(0, perBackend / in.hashMemory()));
  }

  /**
   * Rounds work_mem down to a step that reads well and never breaks monotonicity: 1 MB from 8 MB,
   * 256 kB from 1 MB, 64 kB below.
   */
  static long grid(double bytes) {
    long step =
        bytes >= 8 * ByteSize.MIB
            ? ByteSize.MIB
            : bytes >= ByteSize.MIB ? 256 * ByteSize.KIB : 64 * ByteSize.KIB;
    return (long) Math.floor(bytes / step) * step;
  }
}
