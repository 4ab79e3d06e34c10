package io.azapg.tune;

import static io.azapg.tune.Requests.integer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** How probed facts (io_uring, /dev/shm, huge pages) steer the tuner. */
class TunerProbesTest {
  @Test
  void ioUring_onlyWhenProbedAvailable() {
    TuneRequest available =
        Requests.of(4096, 4).withResources(r -> r.withIoUring(Sourced.of(true, "probe")));
    Tuning t = Tuner.tune(available);
    assertThat(t.value("io_method")).isEqualTo("io_uring");
    assertThat(t.worstCase().terms().get(10).formula()).contains("0 I/O workers");
    assertThat(Tuner.tune(Requests.of(4096, 4)).value("io_method")).isEqualTo("worker");
  }

  @Test
  void ioUringOverride_refusedWhereItWasProbedBlocked() {
    TuneRequest blocked =
        Requests.of(4096, 4)
            .withResources(r -> r.withIoUring(Sourced.of(false, "a seccomp filter is active")))
            .withOverrides(Map.of("io_method", "io_uring"));
    assertThatThrownBy(() -> Tuner.tune(blocked))
        .hasMessage(
            "override io_method=io_uring cannot work here: io_uring is not available (a seccomp"
                + " filter is active)");
  }

  @Test
  void ioUringOverride_warnsWhenNotProbed() {
    Tuning t = Tuner.tune(Requests.of(4096, 4).withOverrides(Map.of("io_method", "io_uring")));
    assertThat(t.value("io_method")).isEqualTo("io_uring");
    assertThat(t.warnings()).anySatisfy(w -> assertThat(w).contains("was not probed"));
  }

  @Test
  void smallShm_lowersParallelismAndSaysSo() {
    TuneRequest request =
        Requests.of(2048, 2, Workload.MIXED, Storage.SSD, true)
            .withResources(r -> r.withShm(Sourced.of(ByteSize.ofMiB(64), "/dev/shm size")));
    Tuning t = Tuner.tune(request);
    assertThat(integer(t, "max_parallel_workers")).isEqualTo(1);
    assertThat(integer(t, "max_parallel_workers_per_gather")).isEqualTo(1);
    assertThat(t.warnings())
        .anySatisfy(
            w ->
                assertThat(w)
                    .startsWith("/dev/shm is 64 MiB (/dev/shm size)")
                    .contains("max_parallel_workers is 1 instead of 2")
                    .contains("--shm-size"));
    assertThat(t.setting("max_parallel_workers").orElseThrow().rule()).contains("lowered from 2");
  }

  @Test
  void tinyShm_turnsParallelQueryOff() {
    TuneRequest request =
        Requests.of(8192, 8)
            .withResources(r -> r.withShm(Sourced.of(ByteSize.ofMiB(8), "/dev/shm size")));
    Tuning t = Tuner.tune(request);
    assertThat(t.value("max_parallel_workers")).isEqualTo("0");
    assertThat(t.value("max_parallel_workers_per_gather")).isEqualTo("0");
    assertThat(t.warnings()).anySatisfy(w -> assertThat(w).contains("parallel query is off"));
  }

  @Test
  void largeShm_changesNothing() {
    TuneRequest request =
        Requests.of(8192, 8)
            .withResources(r -> r.withShm(Sourced.of(ByteSize.ofGiB(4), "/dev/shm size")));
    assertThat(Tuner.tune(request).settings())
        .isEqualTo(Tuner.tune(Requests.of(8192, 8)).settings());
  }

  @Test
  void hugePages_tryOnlyWhenEnoughAreFree() {
    TuneRequest enough =
        Requests.of(8192, 4)
            .withResources(r -> r.withHugePagesFree(Sourced.of(ByteSize.ofGiB(4), "meminfo")));
    assertThat(Tuner.tune(enough).value("huge_pages")).isEqualTo("try");
    TuneRequest few =
        Requests.of(8192, 4)
            .withResources(r -> r.withHugePagesFree(Sourced.of(ByteSize.ofMiB(64), "meminfo")));
    assertThat(Tuner.tune(few).value("huge_pages")).isEqualTo("off");
    assertThatThrownBy(() -> Tuner.tune(few.withOverrides(Map.of("huge_pages", "on"))))
        .hasMessageStartingWith("override huge_pages=on cannot work here");
  }
}
