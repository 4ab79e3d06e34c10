package io.azapg.tune;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WorstCaseTest {
  private static final long MIB = ByteSize.MIB;

  @Test
  void total_isTheSumOfItsTerms() {
    WorstCase worst = WorstCase.of(MemoryPlan.postgresDefaults(), ByteSize.ofGiB(8));
    long sum = worst.terms().stream().mapToLong(t -> t.size().bytes()).sum();
    assertThat(worst.total().bytes()).isEqualTo(sum);
    assertThat(worst.terms())
        .extracting(WorstCase.Term::name)
        .containsExactly(
            "shared_buffers",
            "wal_buffers",
            "other shared memory",
            "connections",
            "parallel workers",
            "background workers",
            "WAL senders",
            "logical decoding",
            "autovacuum",
            "maintenance",
            "auxiliary processes",
            "page cache and kernel reserve");
  }

  @Test
  void postgresDefaults_doNotFitSmallContainers() {
    // STOCK was OOM-killed at 512 MB in 3 of 3 runs (tuning-anchors §3).
    assertThat(WorstCase.of(MemoryPlan.postgresDefaults(), ByteSize.ofMiB(512)).fits()).isFalse();
    assertThat(WorstCase.of(MemoryPlan.postgresDefaults(), ByteSize.ofGiB(2)).fits()).isFalse();
    // With jit on (PostgreSQL's default, and the image has LLVM) and 10 logical decodings at 64 MB,
    // the defaults need more than 4 GiB; 8 GiB holds them.
    assertThat(WorstCase.of(MemoryPlan.postgresDefaults(), ByteSize.ofGiB(4)).fits()).isFalse();
    assertThat(WorstCase.of(MemoryPlan.postgresDefaults(), ByteSize.ofGiB(8)).fits()).isTrue();
  }

  @Test
  void connectionCost_boundsWhatExperimentTwoMeasuredPerSession() {
    // Exp. 2 read ~4.7 MB per session at work_mem 1 MB and above 8.3 MB at 4 MB (sort + hash).
    assertThat(perConnection(MIB)).isGreaterThan(4.7 * MIB);
    assertThat(perConnection(4 * MIB)).isGreaterThan(8.3 * MIB);
  }

  private static double perConnection(long workMem) {
    MemoryPlan plan =
        new MemoryPlan(
            128 * MIB, 4 * MIB, 57, workMem, 2.0, 0, 0, 0, -1, 0, 0, MIB, 0, 0, 0, false);
    WorstCase worst = WorstCase.of(plan, ByteSize.ofMiB(512));
    return worst.terms().get(3).size().bytes() / 57.0;
  }

  @Test
  void formulas_showTheNumbersTheyUse() {
    WorstCase worst = WorstCase.of(MemoryPlan.postgresDefaults(), ByteSize.ofGiB(8));
    List<String> formulas = worst.terms().stream().map(WorstCase.Term::formula).toList();
    assertThat(formulas.get(3))
        .isEqualTo(
            "100 max_connections × (3 MiB base + 264 kB page tables + 64 kB slot + 4MB work_mem"
                + " × (1 + 2.0 hash_mem_multiplier) + 8MB temp_buffers + 24 MiB JIT)");
    assertThat(formulas.get(6)).startsWith("10 max_wal_senders × (3 MiB base");
    assertThat(formulas.get(7))
        .startsWith("10 decodings (max_replication_slots, each run by a WAL sender or a session)");
    assertThat(worst.terms().get(7).size()).isEqualTo(ByteSize.ofMiB(640));
    assertThat(formulas.get(8)).startsWith("3 autovacuum_max_workers × (64MB autovacuum memory");
    assertThat(worst.terms().get(11).size()).isEqualTo(ByteSize.ofGiB(1));
  }

  @Test
  void autovacuum_usesMaintenanceWorkMemWhenItsOwnIsMinusOne() {
    MemoryPlan plan = MemoryPlan.postgresDefaults();
    assertThat(plan.autovacuumMemory()).isEqualTo(plan.maintenanceWorkMem());
  }

  @Test
  void workerSlots_splitIntoParallelAndBackground() {
    MemoryPlan plan =
        new MemoryPlan(
            128 * MIB, 4 * MIB, 10, MIB, 2.0, 16, 8, 3, -1, 64 * MIB, 3, MIB, 0, 0, 0, false);
    assertThat(plan.parallelWorkers()).isEqualTo(8);
    assertThat(plan.backgroundWorkerSlots()).isZero();
  }

  @Test
  void headroom_isZeroWhenItDoesNotFit() {
    WorstCase worst = WorstCase.of(MemoryPlan.postgresDefaults(), ByteSize.ofMiB(512));
    assertThat(worst.headroom().bytes()).isZero();
    assertThat(WorstCase.of(MemoryPlan.postgresDefaults(), ByteSize.ofGiB(64)).headroom().bytes())
        .isPositive();
  }
}
