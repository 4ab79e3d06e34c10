package io.azapg.tune;

import static io.azapg.tune.Requests.bytes;
import static io.azapg.tune.Requests.integer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of the tuner over the whole input range: 512 MiB to 1 TiB, 1 to 128 CPUs, every
 * workload, storage and pooling. Inputs come from a seeded {@link Random} (the seed is in each
 * test's name, so a failure can be replayed) plus the boundaries.
 */
public class TunerPropertyTest {
  static final long SEED = 20261124L;
  public static final int RANDOM_CASES = 3000;
  static final long MIB = ByteSize.MIB;
  static final long MIN = 512 * MIB;
  static final long MAX = ByteSize.TIB;

  /** One input point. */
  record Case(long memory, int cpus, Workload workload, Storage storage, boolean pooled, int bgw) {
    TuneRequest request(long bytes) {
      return TuneRequest.of(
              Resources.given(Sourced.of(new ByteSize(bytes), "test"), Sourced.of(cpus, "test")))
          .withWorkload(workload, "test")
          .withStorage(storage, "test")
          .withPooled(pooled, "test")
          .withBackgroundWorkers(bgw, "test");
    }

    @Override
    public String toString() {
      return String.format(
          java.util.Locale.ROOT,
          "%d bytes (%s), %d CPUs, %s, %s, %s, %d bgw",
          memory,
          new ByteSize(memory),
          cpus,
          workload.label(),
          storage.label(),
          pooled ? "pooled" : "direct",
          bgw);
    }
  }

  static Stream<Case> randomCases() {
    Random random = new Random(SEED);
    List<Case> cases = new ArrayList<>();
    for (int i = 0; i < RANDOM_CASES; i++) {
      cases.add(randomCase(random, logUniform(random, MIN, MAX)));
    }
    return cases.stream();
  }

  /** How many boundary inputs {@link #boundaryCases} yields (the README reports it). */
  public static long boundaryCaseCount() {
    return boundaryCases().count();
  }

  static Stream<Case> boundaryCases() {
    Random random = new Random(SEED);
    List<Long> memories = new ArrayList<>(List.of(MIN, MIN + MIB, MAX, MAX - MIB));
    for (long size = ByteSize.GIB; size < MAX; size *= 2) {
      memories.addAll(List.of(size - MIB, size, size + MIB));
    }
    List<Case> cases = new ArrayList<>();
    for (long memory : memories) {
      for (int cpus : List.of(1, 2, 4, 127, 128)) {
        for (Workload workload : Workload.values()) {
          for (boolean pooled : List.of(false, true)) {
            Storage storage = Storage.values()[random.nextInt(Storage.values().length)];
            cases.add(new Case(memory, cpus, workload, storage, pooled, random.nextInt(17)));
          }
        }
      }
    }
    return cases.stream();
  }

  private static Case randomCase(Random random, long memory) {
    int cpus = random.nextBoolean() ? 1 + random.nextInt(128) : (int) logUniform(random, 1, 128);
    return new Case(
        memory,
        cpus,
        Workload.values()[random.nextInt(Workload.values().length)],
        Storage.values()[random.nextInt(Storage.values().length)],
        random.nextBoolean(),
        random.nextInt(17));
  }

  static long logUniform(Random random, long min, long max) {
    double value = Math.exp(Math.log(min) + random.nextDouble() * (Math.log(max) - Math.log(min)));
    return Math.max(min, Math.min(max, Math.round(value)));
  }

  @ParameterizedTest(name = "seed " + SEED + " #{index}: {0}")
  @MethodSource({"randomCases", "boundaryCases"})
  void worstCase_fitsTheLimit(Case c) {
    Tuning t = Tuner.tune(c.request(c.memory()));
    assertThat(t.worstCase().fits()).as("worst case %s", t.worstCase().total()).isTrue();
    assertThat(t.worstCase()).isEqualTo(WorstCase.of(planOf(t), new ByteSize(c.memory())));
    assertThat(t.settings()).allSatisfy(s -> assertThat(s.rule()).isNotBlank());
  }

  @ParameterizedTest(name = "seed " + SEED + " #{index}: {0}")
  @MethodSource({"randomCases", "boundaryCases"})
  void settings_stayWithinTheirCaps(Case c) {
    Tuning t = Tuner.tune(c.request(c.memory()));
    long sb = bytes(t, "shared_buffers");
    assertThat(sb).isLessThanOrEqualTo(c.memory() / 4).isLessThanOrEqualTo(32 * ByteSize.GIB);
    assertThat(bytes(t, "work_mem")).isBetween(64 * ByteSize.KIB, c.workload().workMemCap());
    int target =
        c.pooled()
            ? BudgetRules.pooledTarget(c.workload(), c.cpus())
            : c.workload().directConnections();
    assertThat(integer(t, "max_connections")).isBetween(20, target);
    assertThat(bytes(t, "maintenance_work_mem")).isLessThanOrEqualTo(4 * ByteSize.GIB);
    assertThat(bytes(t, "autovacuum_work_mem")).isBetween(8 * MIB, ByteSize.GIB);
    assertThat(bytes(t, "wal_buffers")).isLessThanOrEqualTo(16 * MIB);
    assertThat(bytes(t, "effective_cache_size")).isLessThan(c.memory());
    int parallel = integer(t, "max_parallel_workers");
    assertThat(parallel).isLessThanOrEqualTo(c.cpus() < 2 ? 0 : c.cpus());
    assertThat(integer(t, "max_parallel_workers_per_gather")).isLessThanOrEqualTo(parallel);
    assertThat(integer(t, "max_parallel_maintenance_workers")).isLessThanOrEqualTo(parallel);
    assertThat(integer(t, "max_worker_processes")).isEqualTo(parallel + c.bgw() + 2);
    assertThat(integer(t, "io_workers")).isBetween(3, 16);
  }

  @ParameterizedTest(name = "seed " + SEED + " #{index}: {0}")
  @MethodSource({"randomCases", "boundaryCases"})
  void moreMemory_neverLowersSharedBuffersOrWorkMem(Case c) {
    Random random = new Random(SEED ^ c.memory());
    long more = Math.min(MAX, c.memory() + 1 + (long) (random.nextDouble() * c.memory()));
    for (long larger : List.of(Math.min(MAX, c.memory() + MIB), more)) {
      Tuning small = Tuner.tune(c.request(c.memory()));
      Tuning large = Tuner.tune(c.request(larger));
      assertThat(bytes(large, "shared_buffers"))
          .isGreaterThanOrEqualTo(bytes(small, "shared_buffers"));
      assertThat(bytes(large, "work_mem")).isGreaterThanOrEqualTo(bytes(small, "work_mem"));
    }
  }

  static Stream<Long> tooSmall() {
    Random random = new Random(SEED);
    return Stream.concat(
        Stream.of(0L, 1L, MIN - 1, MIN - MIB, 256 * MIB),
        Stream.generate(() -> (long) (random.nextDouble() * MIN)).limit(20));
  }

  @ParameterizedTest(name = "seed " + SEED + " #{index}: {0} bytes")
  @MethodSource("tooSmall")
  void belowTheMinimum_isAlwaysRefused(long memory) {
    Case c = new Case(memory, 2, Workload.MIXED, Storage.SSD, false, 4);
    assertThatThrownBy(() -> Tuner.tune(c.request(memory)))
        .hasMessageContaining("is below the 512 MiB minimum");
  }

  /** The memory plan written in a tuning's settings, rebuilt independently of the tuner. */
  static MemoryPlan planOf(Tuning t) {
    return new MemoryPlan(
        bytes(t, "shared_buffers"),
        bytes(t, "wal_buffers"),
        integer(t, "max_connections"),
        bytes(t, "work_mem"),
        Double.parseDouble(t.value("hash_mem_multiplier")),
        integer(t, "max_parallel_workers"),
        integer(t, "max_worker_processes"),
        integer(t, "autovacuum_max_workers"),
        bytes(t, "autovacuum_work_mem"),
        bytes(t, "maintenance_work_mem"),
        t.value("io_method").equals("worker") ? integer(t, "io_workers") : 0,
        bytes(t, "temp_buffers"),
        integer(t, "max_wal_senders"),
        integer(t, "max_replication_slots"),
        bytes(t, "logical_decoding_work_mem"),
        t.value("jit").equals("on"));
  }
}
