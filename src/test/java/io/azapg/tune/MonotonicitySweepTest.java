package io.azapg.tune;

import static io.azapg.tune.Requests.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Walks the memory from 512 MiB to 1 TiB in small random steps for every workload, pooling and a
 * few CPU counts: shared_buffers and work_mem may only grow.
 */
class MonotonicitySweepTest {
  static final long SEED = TunerPropertyTest.SEED;

  static Stream<TunerPropertyTest.Case> sweeps() {
    Random random = new Random(SEED);
    List<TunerPropertyTest.Case> cases = new ArrayList<>();
    for (Workload workload : Workload.values()) {
      for (boolean pooled : List.of(false, true)) {
        for (int cpus : List.of(1, 2, 8, 128)) {
          cases.add(
              new TunerPropertyTest.Case(
                  TunerPropertyTest.MIN, cpus, workload, Storage.SSD, pooled, random.nextInt(17)));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "seed " + SEED + " #{index}: {0}")
  @MethodSource("sweeps")
  void sharedBuffersAndWorkMem_neverShrinkAsMemoryGrows(TunerPropertyTest.Case c) {
    Random random = new Random(SEED + c.hashCode());
    long memory = TunerPropertyTest.MIN;
    long sb = 0;
    long wm = 0;
    while (memory <= TunerPropertyTest.MAX) {
      Tuning t = Tuner.tune(c.request(memory));
      long nextSb = bytes(t, "shared_buffers");
      long nextWm = bytes(t, "work_mem");
      assertThat(nextSb).as("shared_buffers at %d bytes", memory).isGreaterThanOrEqualTo(sb);
      assertThat(nextWm).as("work_mem at %d bytes", memory).isGreaterThanOrEqualTo(wm);
      sb = nextSb;
      wm = nextWm;
      memory += 1 + (long) (random.nextDouble() * memory / 64);
    }
  }
}
