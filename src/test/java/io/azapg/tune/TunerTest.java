package io.azapg.tune;

import static io.azapg.tune.Requests.bytes;
import static io.azapg.tune.Requests.integer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.util.List;
import org.junit.jupiter.api.Test;

class TunerTest {
  private static final long MIB = ByteSize.MIB;

  @Test
  void belowMinimum_isRefusedWithOneLineThatSaysHowToFixIt() {
    assertThatThrownBy(() -> Tuner.tune(Requests.of(511, 2)))
        .isInstanceOfSatisfying(
            AzaPgException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "memory 511 MiB (--memory) is below the 512 MiB minimum; give the container"
                          + " at least 512 MiB: docker run -m 1g, or compose mem_limit: 1g");
              assertThat(e.hints()).isEmpty();
            });
  }

  @Test
  void belowMinimumDetected_hintsAtTheEnvironmentOverride() {
    TuneRequest request =
        TuneRequest.of(
            Resources.given(
                Sourced.of(ByteSize.ofMiB(256), "cgroup v2 memory.max"), Sourced.of(1, "x")));
    assertThatThrownBy(() -> Tuner.tune(request))
        .hasMessageStartingWith("memory 256 MiB (cgroup v2 memory.max) is below")
        .isInstanceOfSatisfying(
            AzaPgException.class,
            e -> assertThat(e.hints()).anyMatch(h -> h.contains("POSTGRES_MEMORY")));
  }

  @Test
  void everySettingTheIssueNames_isWrittenWithARule() {
    Tuning tuning = Tuner.tune(Requests.of(2048, 2));
    assertThat(tuning.settings())
        .extracting(Setting::name)
        .contains(
            "shared_buffers",
            "effective_cache_size",
            "work_mem",
            "hash_mem_multiplier",
            "maintenance_work_mem",
            "autovacuum_work_mem",
            "autovacuum_max_workers",
            "max_connections",
            "wal_buffers",
            "min_wal_size",
            "max_wal_size",
            "checkpoint_completion_target",
            "random_page_cost",
            "effective_io_concurrency",
            "maintenance_io_concurrency",
            "default_statistics_target",
            "max_worker_processes",
            "max_parallel_workers",
            "max_parallel_workers_per_gather",
            "max_parallel_maintenance_workers",
            "io_method",
            "io_workers",
            "huge_pages",
            "jit",
            "wal_compression");
    assertThat(tuning.settings()).allSatisfy(s -> assertThat(s.rule()).hasSizeGreaterThan(10));
    assertThat(tuning.worstCase().fits()).isTrue();
  }

  @Test
  void twoGigabytes_keepsTheBufferPoolSmallAndGivesPostgresHundredConnections() {
    Tuning t = Tuner.tune(Requests.of(2048, 2));
    assertThat(bytes(t, "shared_buffers")).isEqualTo(128 * MIB);
    assertThat(integer(t, "max_connections")).isEqualTo(100);
    // The measured line: 2 MB kept the analytic set's plans; 1 MB lost a parallel hash join.
    assertThat(bytes(t, "work_mem")).isGreaterThanOrEqualTo(2 * MIB);
    assertThat(integer(t, "max_parallel_workers_per_gather")).isEqualTo(2);
    assertThat(bytes(t, "max_wal_size")).isEqualTo(4096 * MIB);
    assertThat(t.value("wal_compression")).isEqualTo("lz4");
    assertThat(t.value("io_method")).isEqualTo("worker");
  }

  @Test
  void pooled_lowersConnectionsAndRaisesWorkMem() {
    Tuning direct = Tuner.tune(Requests.of(2048, 2));
    Tuning pooled = Tuner.tune(Requests.of(2048, 2, Workload.MIXED, Storage.SSD, true));
    assertThat(integer(pooled, "max_connections")).isLessThan(integer(direct, "max_connections"));
    assertThat(bytes(pooled, "work_mem")).isGreaterThan(2 * bytes(direct, "work_mem"));
    assertThat(pooled.setting("max_connections").orElseThrow().rule()).contains("PgBouncer");
  }

  @Test
  void smallContainer_lowersConnectionsBeforeWorkMem() {
    Tuning t = Tuner.tune(Requests.of(1024, 1));
    assertThat(bytes(t, "work_mem")).isEqualTo(2 * MIB);
    assertThat(integer(t, "max_connections")).isBetween(20, 99);
    assertThat(t.setting("max_connections").orElseThrow().rule())
        .contains("the most connections that fit 1 GiB")
        .contains("--pooled");
  }

  @Test
  void workloads_differWhereTheyShould() {
    Tuning dw = Tuner.tune(Requests.of(65536, 16, Workload.DW, Storage.SSD, false));
    assertThat(dw.value("default_statistics_target")).isEqualTo("500");
    assertThat(dw.value("jit")).isEqualTo("off");
    assertThat(dw.value("max_wal_size")).isEqualTo("16GB");
    assertThat(integer(dw, "max_connections")).isEqualTo(40);
    Tuning web = Tuner.tune(Requests.of(65536, 16, Workload.WEB, Storage.SSD, false));
    assertThat(integer(web, "max_connections")).isEqualTo(200);
    assertThat(web.value("jit")).isEqualTo("off");
    Tuning oltp = Tuner.tune(Requests.of(65536, 16, Workload.OLTP, Storage.SSD, false));
    assertThat(integer(oltp, "max_connections")).isEqualTo(300);
    assertThat(oltp.value("min_wal_size")).isEqualTo("2GB");
    assertThat(bytes(dw, "work_mem")).isGreaterThan(bytes(web, "work_mem"));
  }

  @Test
  void storage_setsTheIoCosts() {
    Tuning hdd = Tuner.tune(Requests.of(4096, 4, Workload.MIXED, Storage.HDD, false));
    assertThat(hdd.value("random_page_cost")).isEqualTo("4.0");
    assertThat(hdd.value("effective_io_concurrency")).isEqualTo("2");
    assertThat(hdd.value("maintenance_io_concurrency")).isEqualTo("2");
    Tuning nvme = Tuner.tune(Requests.of(4096, 4, Workload.MIXED, Storage.NVME, false));
    assertThat(nvme.value("random_page_cost")).isEqualTo("1.1");
    assertThat(nvme.value("effective_io_concurrency")).isEqualTo("1000");
  }

  @Test
  void oneCpu_hasNoParallelQuery() {
    Tuning t = Tuner.tune(Requests.of(4096, 1));
    assertThat(t.value("max_parallel_workers")).isEqualTo("0");
    assertThat(t.value("max_parallel_workers_per_gather")).isEqualTo("0");
    assertThat(t.value("max_parallel_maintenance_workers")).isEqualTo("0");
  }

  @Test
  void workerProcesses_leaveRoomForBackgroundWorkers() {
    Tuning t = Tuner.tune(Requests.of(8192, 4).withBackgroundWorkers(10, "--background-workers"));
    assertThat(integer(t, "max_worker_processes"))
        .isEqualTo(integer(t, "max_parallel_workers") + 10 + 2);
    assertThat(t.setting("max_worker_processes").orElseThrow().rule())
        .contains("10 background workers of preloaded extensions (--background-workers)");
  }

  @Test
  void tooManyBackgroundWorkers_areRefused() {
    assertThatThrownBy(() -> Tuner.tune(Requests.of(2048, 2).withBackgroundWorkers(257, "x")))
        .hasMessageContaining("must be between 0 and 256");
    assertThatThrownBy(() -> Tuner.tune(Requests.of(512, 2).withBackgroundWorkers(256, "x")))
        .hasMessageStartingWith("memory 512 MiB (--memory) cannot hold 256 background workers");
  }

  @Test
  void postgresVersions_changeWhatIsWritten() {
    Tuning pg17 = Tuner.tune(Requests.of(2048, 2).withPgMajor(17, "--pg-major"));
    assertThat(pg17.setting("io_method")).isEmpty();
    assertThat(pg17.setting("io_workers")).isEmpty();
    Tuning pg14 = Tuner.tune(Requests.of(2048, 2).withPgMajor(14, "--pg-major"));
    assertThat(pg14.value("wal_compression")).isEqualTo("on");
    for (int major : List.of(12, 19)) {
      assertThatThrownBy(() -> Tuner.tune(Requests.of(2048, 2).withPgMajor(major, "--pg-major")))
          .hasMessage(
              "PostgreSQL " + major + " (--pg-major) is not supported: the tuner knows 13 to 18");
    }
  }
}
