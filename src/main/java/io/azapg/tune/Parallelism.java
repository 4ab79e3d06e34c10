package io.azapg.tune;

import static io.azapg.tune.TunedSetting.MAX_PARALLEL_MAINTENANCE_WORKERS;
import static io.azapg.tune.TunedSetting.MAX_PARALLEL_WORKERS;
import static io.azapg.tune.TunedSetting.MAX_PARALLEL_WORKERS_PER_GATHER;
import static io.azapg.tune.TunedSetting.MAX_WORKER_PROCESSES;
import static io.azapg.tune.TunedSetting.WORK_MEM;

import java.util.Optional;

/**
 * Writes the parallel-query and worker settings from the budget, lowering parallelism when the
 * parallel hash tables it allows would not fit {@code /dev/shm}.
 */
final class Parallelism {
  /** Worker slots for logical replication: its launcher and one apply worker. */
  static final int REPLICATION_WORKERS = 2;

  private Parallelism() {}

  static void apply(Sheet sheet, TuneRequest request, ConnectionBudget.Result budget, double hmm) {
    int cpus = request.resources().cpus().value();
    Workload workload = request.workload().value();
    double workMem = sheet.bytes(WORK_MEM);
    int workers = budget.parallelWorkers();
    int perGather = (int) ParallelRules.perGather(workload, cpus, workers).value();
    Optional<Sourced<ByteSize>> shm = request.resources().shm();
    boolean given = sheet.overrides().has(MAX_PARALLEL_WORKERS);
    String lowered = "";
    if (shm.isPresent() && !given) {
      double size = shm.get().value().bytes();
      int before = workers;
      while (workers > 0
          && ParallelRules.dsmNeed(workers, Math.min(perGather, workers), workMem, hmm) > size) {
        workers--;
      }
      if (workers < before) {
        lowered = "; lowered from " + before + " so that parallel hash tables fit /dev/shm";
        sheet.warn(
            "/dev/shm is "
                + shm.get()
                + ": parallel hash tables could need "
                + need(before, perGather, workMem, hmm)
                + ", so max_parallel_workers is "
                + workers
                + " instead of "
                + before
                + (workers == 0 ? " (parallel query is off)" : "")
                + "; give the container more: docker run --shm-size 1g, or compose shm_size: 1g");
      }
    }
    Choice gather = ParallelRules.perGather(workload, cpus, workers);
    perGather = sheet.count(MAX_PARALLEL_WORKERS_PER_GATHER, gather);
    sheet.count(MAX_PARALLEL_MAINTENANCE_WORKERS, ParallelRules.maintenanceWorkers(cpus, workers));
    String rule =
        cpus < 2
            ? "0: on one CPU a parallel worker only competes with its leader"
            : "one per CPU, at most a third of the connections and other workers so that parallel"
                + " workers stay within a quarter of the backends"
                + lowered
                + (workers == 0
                    ? ""
                    : "; their hash tables may need "
                        + need(workers, perGather, workMem, hmm)
                        + " of /dev/shm");
    workers = sheet.count(MAX_PARALLEL_WORKERS, Choice.of(workers, rule));
    int background = request.backgroundWorkers().value();
    int slots =
        sheet.count(
            MAX_WORKER_PROCESSES,
            Choice.of(
                workers + background + REPLICATION_WORKERS,
                workers
                    + " parallel workers + "
                    + background
                    + " background workers of preloaded extensions ("
                    + request.backgroundWorkers().source()
                    + ") + "
                    + REPLICATION_WORKERS
                    + " for logical replication"));
    if (slots < background + REPLICATION_WORKERS) {
      sheet.warn(
          "max_worker_processes="
              + slots
              + " leaves no room for the "
              + background
              + " background workers preloaded extensions keep ("
              + request.backgroundWorkers().source()
              + ") and logical replication; they will fail to start");
    }
  }

  private static String need(int workers, int perGather, double workMem, double hmm) {
    return new ByteSize((long) ParallelRules.dsmNeed(workers, perGather, workMem, hmm)).toString();
  }
}
