package io.azapg.tune;

import static io.azapg.tune.TunedSetting.AUTOVACUUM_MAX_WORKERS;
import static io.azapg.tune.TunedSetting.AUTOVACUUM_WORK_MEM;
import static io.azapg.tune.TunedSetting.HASH_MEM_MULTIPLIER;
import static io.azapg.tune.TunedSetting.JIT;
import static io.azapg.tune.TunedSetting.LOGICAL_DECODING_WORK_MEM;
import static io.azapg.tune.TunedSetting.MAINTENANCE_WORK_MEM;
import static io.azapg.tune.TunedSetting.MAX_CONNECTIONS;
import static io.azapg.tune.TunedSetting.MAX_PARALLEL_WORKERS;
import static io.azapg.tune.TunedSetting.MAX_REPLICATION_SLOTS;
import static io.azapg.tune.TunedSetting.MAX_WAL_SENDERS;
import static io.azapg.tune.TunedSetting.MAX_WORKER_PROCESSES;
import static io.azapg.tune.TunedSetting.SHARED_BUFFERS;
import static io.azapg.tune.TunedSetting.TEMP_BUFFERS;
import static io.azapg.tune.TunedSetting.WAL_BUFFERS;
import static io.azapg.tune.TunedSetting.WORK_MEM;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The tuning function: from a {@link TuneRequest} to settings whose worst-case memory ({@link
 * WorstCase}) fits the limit, each with the rule that produced it. Pure: no I/O, no clock.
 */
public final class Tuner {
  /** Below this the tuner refuses: there is no useful configuration that fits. */
  public static final ByteSize MINIMUM_MEMORY = ByteSize.ofMiB(512);

  /** The most background workers a request may reserve. */
  public static final int MAX_BACKGROUND_WORKERS = 256;

  /** The smallest work_mem PostgreSQL accepts. */
  static final long WORK_MEM_MIN = 64 * ByteSize.KIB;

  /** Kept out of the budget so that rounding can never tip the worst case over the limit. */
  private static final double SLACK = 64 * ByteSize.KIB;

  private final TuneRequest request;
  private final Sheet sheet;
  private final double limit;
  private final int cpus;
  private final Workload workload;

  private Tuner(TuneRequest request, Overrides overrides) {
    this.request = request;
    this.sheet = new Sheet(overrides);
    this.limit = request.resources().memory().value().bytes();
    this.cpus = request.resources().cpus().value();
    this.workload = request.workload().value();
  }

  /**
   * Tunes PostgreSQL for a request.
   *
   * @throws AzaPgException with {@link ExitCode#INVALID_INPUT} when the memory is below 512 MB, an
   *     input is out of range, or {@code --set} overrides contradict each other or the limit (user
   *     values at boot draw a warning instead)
   */
  public static Tuning tune(TuneRequest request) {
    Refusals.checkInputs(request);
    return new Tuner(request, Overrides.of(request)).run();
  }

  /**
   * Checks a value for a setting the tuner writes, as PostgreSQL would read it.
   *
   * @param source where the value came from, named in the error
   * @throws AzaPgException with {@link ExitCode#INVALID_INPUT} naming the source, the value and
   *     what the setting takes
   */
  public static void checkValue(String name, String value, String source) {
    TunedSetting setting =
        TunedSetting.byName(name)
            .orElseThrow(() -> new IllegalArgumentException("not a tuned setting: " + name));
    try {
      setting.check(value);
    } catch (AzaPgException e) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          source + " '" + value + "' is not a valid " + name + " value",
          e.hints());
    }
  }

  /** The names of the settings the tuner writes, in the order it writes them. */
  public static List<String> settingNames() {
    return TunedSetting.names();
  }

  private Tuning run() {
    boolean lenient = request.userValues();
    sheet.overrides().skipped().forEach(sheet::warn);
    double sb = sheet.memory(SHARED_BUFFERS, MemoryRules.sharedBuffers(limit), ByteSize.MIB);
    if (sb >= limit && !lenient) {
      throw Refusals.overLimit(
          request, "shared_buffers=" + sheet.value(SHARED_BUFFERS), "is not below the limit");
    }
    double wal = sheet.memory(WAL_BUFFERS, MemoryRules.walBuffers(sb), 8 * ByteSize.KIB);
    wal = wal < 0 ? MemoryRules.walBuffers(sb).value() : wal;
    double process = MemoryModel.processCost(sb, wal);
    double mwm =
        sheet.memory(
            MAINTENANCE_WORK_MEM, MemoryRules.maintenanceWorkMem(limit, workload), ByteSize.MIB);
    double avMem =
        sheet.memory(AUTOVACUUM_WORK_MEM, MemoryRules.autovacuumWorkMem(limit), ByteSize.MIB);
    double avUnit = process + (avMem < 0 ? mwm : avMem);
    OptionalInt avGiven = sheet.overrides().integer(AUTOVACUUM_MAX_WORKERS);
    ParallelRules.Processes av =
        avGiven.isPresent()
            ? ParallelRules.Processes.given(avGiven.getAsInt(), avUnit)
            : ParallelRules.autovacuumWorkers(cpus, limit, avUnit);
    sheet.count(AUTOVACUUM_MAX_WORKERS, Choice.of(av.count(), av.rule()));
    double hmm =
        sheet.real(
            HASH_MEM_MULTIPLIER,
            Choice.of(
                2.0,
                "2.0, PostgreSQL's default: a hash may use twice work_mem, and the worst case"
                    + " counts it"));
    SessionRules.Allowances session = SessionRules.apply(sheet, request);
    ParallelRules.Processes io = IoRules.apply(sheet, request, process);
    double fixed =
        sb
            + wal
            + MemoryModel.sharedOverhead(sb)
            + av.memory()
            + mwm
            + MemoryModel.FIXED_PROCESSES * process
            + io.memory()
            + session.decoding()
            + MemoryModel.reserve(limit);
    ConnectionBudget.Result budget =
        budget(limit - fixed - SLACK, process + session.perSession(), hmm, session.walSenders());
    Parallelism.apply(sheet, request, budget, hmm);
    WorstCase worst = WorstCase.of(plan(io.count()), request.resources().memory().value());
    if (lenient) {
      if (!worst.fits()) {
        sheet.warn(OverLimit.warning(request, sheet.overrides(), worst));
      }
    } else if (!worst.fits() || sheet.bytes(WORK_MEM) < WORK_MEM_MIN) {
      throw Refusals.doesNotFit(request, sheet.overrides(), worst);
    }
    PlainRules.apply(sheet, request);
    HugePages.apply(sheet, request);
    List<String> warnings = new ArrayList<>(request.resources().warnings());
    warnings.addAll(sheet.warnings());
    return new Tuning(request, sheet.settings(), worst, warnings);
  }

  private ConnectionBudget.Result budget(
      double available, double sessionCost, double hmm, int senders) {
    boolean pooled = request.pooled().value();
    int target = pooled ? BudgetRules.pooledTarget(workload, cpus) : workload.directConnections();
    Overrides overrides = sheet.overrides();
    ConnectionBudget.Result result =
        ConnectionBudget.solve(
            new ConnectionBudget.Input(
                available,
                sessionCost,
                MemoryModel.statementFactor(hmm),
                target,
                workload.workMemFloor(limit),
                workload.workMemCap(),
                cpus,
                request.backgroundWorkers().value() + Parallelism.REPLICATION_WORKERS,
                senders,
                overrides.integer(MAX_CONNECTIONS),
                overrides.bytes(WORK_MEM),
                overrides.integer(MAX_PARALLEL_WORKERS),
                overrides.integer(MAX_WORKER_PROCESSES)));
    BudgetRules rules =
        new BudgetRules(result, workload, pooled, target, request.resources().memory().value());
    sheet.count(MAX_CONNECTIONS, Choice.of(result.connections(), rules.connections()));
    long workMem = result.workMem();
    if (request.userValues() && !overrides.has(WORK_MEM)) {
      workMem = Math.max(WORK_MEM_MIN, workMem);
    }
    sheet.memory(WORK_MEM, Choice.of(workMem, rules.workMem()), 1);
    rules.warning().ifPresent(sheet::warn);
    return result;
  }

  /** The memory settings as written (rounded, or overridden). */
  private MemoryPlan plan(int ioWorkers) {
    long wal = sheet.bytes(WAL_BUFFERS);
    long sb = sheet.bytes(SHARED_BUFFERS);
    return new MemoryPlan(
        sb,
        wal < 0 ? (long) MemoryRules.walBuffers(sb).value() : wal,
        sheet.integer(MAX_CONNECTIONS),
        sheet.bytes(WORK_MEM),
        Double.parseDouble(sheet.value(HASH_MEM_MULTIPLIER)),
        sheet.integer(MAX_PARALLEL_WORKERS),
        sheet.integer(MAX_WORKER_PROCESSES),
        sheet.integer(AUTOVACUUM_MAX_WORKERS),
        sheet.bytes(AUTOVACUUM_WORK_MEM),
        sheet.bytes(MAINTENANCE_WORK_MEM),
        ioWorkers,
        sheet.bytes(TEMP_BUFFERS),
        sheet.integer(MAX_WAL_SENDERS),
        sheet.integer(MAX_REPLICATION_SLOTS),
        sheet.bytes(LOGICAL_DECODING_WORK_MEM),
        sheet.value(JIT).equals("on"));
  }
}
