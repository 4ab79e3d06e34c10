package io.azapg.tune;

import io.azapg.tune.ConnectionBudget.Regime;
import io.azapg.tune.ConnectionBudget.Result;
import java.util.Optional;

/** The sentences that explain max_connections and work_mem, one per way the budget reached them. */
final class BudgetRules {
  private final Result result;
  private final Workload workload;
  private final boolean pooled;
  private final int target;
  private final String limit;
  private final long floor;

  BudgetRules(Result result, Workload workload, boolean pooled, int target, ByteSize limit) {
    this.result = result;
    this.workload = workload;
    this.pooled = pooled;
    this.target = target;
    this.limit = limit.toString();
    this.floor = workload.workMemFloor(limit.bytes());
  }

  /** max_connections when clients come through PgBouncer: its pool, not the clients, sets it. */
  static int pooledTarget(Workload workload, int cpus) {
    return Math.min(workload.directConnections(), ParallelRules.clamp(4 * cpus, 20, 100));
  }

  String connections() {
    return switch (result.regime()) {
      case TARGET, CAPPED ->
          pooled
              ? target
                  + ": 4 per CPU, between 20 and 100, behind PgBouncer, which queues clients; few"
                  + " server connections leave room for more work_mem"
              : target
                  + ", the "
                  + workload.label()
                  + " target for direct connections, fits "
                  + limit
                  + " with work_mem above its floor";
      case LOWERED ->
          result.connections()
              + ": the most connections that fit "
              + limit
              + " with work_mem at the "
              + workload.label()
              + " floor of "
              + floor()
              + " (the target is "
              + target
              + "); PgBouncer in front (--pooled) serves more clients with fewer connections";
      case MINIMUM ->
          ConnectionBudget.MINIMUM_CONNECTIONS
              + ", the minimum: "
              + limit
              + " cannot give more connections the "
              + workload.label()
              + " work_mem floor of "
              + floor();
      case GIVEN ->
          "the most connections, up to "
              + target
              + ", that fit "
              + limit
              + " with the work_mem override";
    };
  }

  String workMem() {
    String counted =
        " each counted at work_mem × (1 + hash_mem_multiplier): a sort feeding a hash, plus"
            + " temp_buffers";
    return switch (result.regime()) {
      case TARGET ->
          "the memory left after shared memory, autovacuum, maintenance and the reserve,"
              + " shared by "
              + result.connections()
              + " connections and "
              + result.workerProcesses()
              + " worker processes,"
              + counted;
      case CAPPED ->
          "the "
              + workload.label()
              + " cap of "
              + new ByteSize(workload.workMemCap()).pg()
              + ": the budget would allow more";
      case LOWERED ->
          "the "
              + workload.label()
              + " floor of "
              + floor()
              + ": connections were lowered so that each of them keeps it,"
              + counted;
      case MINIMUM ->
          "what is left for the minimum of "
              + ConnectionBudget.MINIMUM_CONNECTIONS
              + " connections and "
              + result.workerProcesses()
              + " worker processes, below the "
              + workload.label()
              + " floor of "
              + floor()
              + ";"
              + counted;
      case GIVEN ->
          "the memory left, shared by the "
              + result.connections()
              + " connections of the max_connections override and "
              + result.workerProcesses()
              + " worker processes,"
              + counted;
    };
  }

  /** A warning when work_mem fell below the floor (fewer connections is in the rule). */
  Optional<String> warning() {
    if (result.regime() == Regime.MINIMUM) {
      return Optional.of(
          "work_mem is only "
              + new ByteSize(result.workMem()).pg()
              + ", below the "
              + workload.label()
              + " floor of "
              + floor()
              + ": "
              + limit
              + " is tight for "
              + result.connections()
              + " connections and "
              + result.workerProcesses()
              + " worker processes; give the container more memory");
    }
    return Optional.empty();
  }

  /** "4MB", or "2MB (1/512 of the memory)" when the memory scaled the floor down. */
  private String floor() {
    return new ByteSize(floor).pg()
        + (floor < workload.workMemFloor() ? " (1/512 of the memory)" : "");
  }
}
