package io.azapg.tune;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The most memory a configuration lets PostgreSQL use at once, term by term, next to the limit it
 * must fit into. Every connection and worker is counted at its statement-memory limit, which is
 * what an adversarial load (exp. 2) reaches within a second.
 *
 * @param terms the parts, in the order they are printed
 * @param total their sum
 * @param limit the memory limit
 */
public record WorstCase(List<Term> terms, ByteSize total, ByteSize limit) {
  /** One part of the worst case: what it is, how it is computed, and its size. */
  public record Term(String name, String formula, ByteSize size) {}

  public WorstCase {
    terms = List.copyOf(terms);
  }

  /**
   * Computes the worst case of a configuration; used for our settings and, in the docs, for the
   * settings other tuners produce.
   *
   * @param plan the memory-relevant settings
   * @param limit the memory limit the configuration runs under
   */
  public static WorstCase of(MemoryPlan plan, ByteSize limit) {
    double sb = plan.sharedBuffers();
    double wal = plan.walBuffers();
    double process = MemoryModel.processCost(sb, wal);
    double statement = MemoryModel.statementMemory(plan.workMem(), plan.hashMemMultiplier());
    double jit = plan.jit() ? MemoryModel.JIT_PER_BACKEND : 0;
    double session = process + statement + plan.tempBuffers() + jit;
    double worker = process + statement + jit;
    String base =
        String.format(
            Locale.ROOT,
            "%s base + %s page tables + 64 kB slot",
            new ByteSize(MemoryModel.BACKEND_BASE),
            kib(MemoryModel.pageTables(sb, wal)));
    String work =
        String.format(
            Locale.ROOT,
            "%s work_mem × (1 + %s hash_mem_multiplier)",
            new ByteSize(plan.workMem()).pg(),
            decimal(plan.hashMemMultiplier()));
    String jitText = plan.jit() ? " + " + new ByteSize(MemoryModel.JIT_PER_BACKEND) + " JIT" : "";
    String perSession =
        "("
            + base
            + " + "
            + work
            + " + "
            + new ByteSize(plan.tempBuffers()).pg()
            + " temp_buffers"
            + jitText
            + ")";
    List<Term> terms = new ArrayList<>();
    terms.add(term("shared_buffers", "shared_buffers", sb));
    terms.add(term("wal_buffers", "wal_buffers", wal));
    terms.add(
        term(
            "other shared memory",
            "16 MiB + shared_buffers/64 (locks, process array, SLRU caches, statistics)",
            MemoryModel.sharedOverhead(sb)));
    terms.add(
        term(
            "connections",
            plan.maxConnections() + " max_connections × " + perSession,
            plan.maxConnections() * session));
    terms.add(
        term(
            "parallel workers",
            plan.parallelWorkers()
                + " max_parallel_workers × ("
                + base
                + " + "
                + work
                + jitText
                + ")",
            plan.parallelWorkers() * worker));
    terms.add(
        term(
            "background workers",
            plan.backgroundWorkerSlots()
                + " other max_worker_processes slots (extensions, logical replication) × "
                + perSession,
            plan.backgroundWorkerSlots() * session));
    terms.add(
        term(
            "WAL senders",
            plan.maxWalSenders() + " max_wal_senders × (" + base + " + " + work + ")",
            plan.maxWalSenders() * (process + statement)));
    terms.add(
        term(
            "logical decoding",
            plan.logicalDecodings()
                + " decodings (max_replication_slots, each run by a WAL sender or a session) × "
                + new ByteSize(plan.logicalDecodingWorkMem()).pg()
                + " logical_decoding_work_mem",
            (double) plan.logicalDecodings() * plan.logicalDecodingWorkMem()));
    terms.add(
        term(
            "autovacuum",
            plan.autovacuumMaxWorkers()
                + " autovacuum_max_workers × ("
                + new ByteSize(plan.autovacuumMemory()).pg()
                + " autovacuum memory + "
                + base
                + ")",
            plan.autovacuumMaxWorkers() * (process + plan.autovacuumMemory())));
    terms.add(
        term(
            "maintenance",
            "one VACUUM or CREATE INDEX at maintenance_work_mem; its parallel workers share it",
            plan.maintenanceWorkMem()));
    int fixed = MemoryModel.FIXED_PROCESSES + plan.ioWorkers();
    terms.add(
        term(
            "auxiliary processes",
            fixed
                + " processes (postmaster, checkpointer, writers, launcher, archiver, a replica's"
                + " startup and WAL receiver, "
                + plan.ioWorkers()
                + " I/O workers) × ("
                + base
                + ")",
            fixed * process));
    terms.add(
        term(
            "page cache and kernel reserve",
            "max(64 MiB, limit/8): the cgroup charges the page cache to the same limit",
            MemoryModel.reserve(limit.bytes())));
    long sum = 0;
    for (Term t : terms) {
      sum += t.size().bytes();
    }
    return new WorstCase(terms, new ByteSize(sum), limit);
  }

  private static Term term(String name, String formula, double bytes) {
    return new Term(name, formula, new ByteSize((long) Math.ceil(bytes)));
  }

  private static String kib(double bytes) {
    return Math.round(bytes / ByteSize.KIB) + " kB";
  }

  private static String decimal(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  /** Whether the worst case stays within the limit: the invariant. */
  public boolean fits() {
    return total.bytes() <= limit.bytes();
  }

  /** The limit minus the worst case; zero when it does not fit. */
  public ByteSize headroom() {
    return new ByteSize(Math.max(0, limit.bytes() - total.bytes()));
  }
}
