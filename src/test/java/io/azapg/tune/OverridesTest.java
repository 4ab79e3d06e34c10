package io.azapg.tune;

import static io.azapg.tune.Requests.bytes;
import static io.azapg.tune.Requests.integer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OverridesTest {
  private static final long MIB = ByteSize.MIB;

  private static Tuning tune(long mib, int cpus, Map<String, String> overrides) {
    return Tuner.tune(Requests.of(mib, cpus).withOverrides(overrides));
  }

  @Test
  void moreConnections_lowerWorkMemAndStillFit() {
    Tuning plain = tune(4096, 4, Map.of());
    Tuning many = tune(4096, 4, Map.of("max_connections", "200"));
    assertThat(many.value("max_connections")).isEqualTo("200");
    assertThat(many.setting("max_connections").orElseThrow().rule()).startsWith("set explicitly");
    assertThat(bytes(many, "work_mem")).isLessThan(bytes(plain, "work_mem"));
    assertThat(many.setting("work_mem").orElseThrow().rule()).contains("max_connections override");
    assertThat(many.worstCase().fits()).isTrue();
  }

  @Test
  void largerWorkMem_lowersConnections() {
    Tuning t = tune(2048, 2, Map.of("work_mem", "16MB"));
    assertThat(t.value("work_mem")).isEqualTo("16MB");
    assertThat(integer(t, "max_connections")).isBetween(10, 30);
    assertThat(t.worstCase().fits()).isTrue();
  }

  @Test
  void largerSharedBuffers_leaveLessForTheRest() {
    Tuning t = tune(4096, 4, Map.of("shared_buffers", "1GB"));
    assertThat(bytes(t, "shared_buffers")).isEqualTo(1024 * MIB);
    assertThat(t.value("wal_buffers")).isEqualTo("16MB");
    assertThat(t.worstCase().fits()).isTrue();
  }

  @Test
  void contradictoryOverrides_areRefusedNamingThem() {
    assertThatThrownBy(() -> tune(2048, 2, Map.of("max_connections", "500", "work_mem", "64MB")))
        .isInstanceOfSatisfying(
            AzaPgException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
              assertThat(e.getMessage())
                  .startsWith("the overrides work_mem=64MB, max_connections=500 need ")
                  .endsWith("in the worst case, above the memory limit 2 GiB (--memory)");
            });
  }

  @Test
  void sharedBuffersAtTheLimit_isRefused() {
    assertThatThrownBy(() -> tune(2048, 2, Map.of("shared_buffers", "2GB")))
        .hasMessage("override shared_buffers=2GB is not below the limit 2 GiB (--memory)");
    assertThatThrownBy(() -> tune(2048, 2, Map.of("shared_buffers", "1800MB")))
        .hasMessageStartingWith("the overrides shared_buffers=1800MB need");
  }

  @ParameterizedTest(name = "{0}=''{1}'' is refused")
  @CsvSource({
    "work_mem, lots",
    "work_mem, 16 megabytes",
    "work_mem, 32kB",
    "work_mem, -1",
    "shared_buffers, 1.5 GiB",
    "autovacuum_work_mem, -2",
    "max_connections, 0",
    "max_connections, many",
    "random_page_cost, -1",
    "checkpoint_completion_target, 1.5",
    "io_method, posix",
    "jit, maybe",
    "hash_mem_multiplier, 0.5"
  })
  void invalidValues_areRefusedNamingThem(String name, String value) {
    assertThatThrownBy(() -> tune(2048, 2, Map.of(name, value)))
        .isInstanceOf(AzaPgException.class)
        .hasMessage("override " + name + "='" + value + "' is not a valid value");
  }

  @Test
  void unknownSettings_areRefusedWithTheList() {
    assertThatThrownBy(() -> tune(2048, 2, Map.of("listen_addresses", "*")))
        .isInstanceOfSatisfying(
            AzaPgException.class,
            e -> {
              assertThat(e.getMessage())
                  .isEqualTo("override 'listen_addresses' is not a setting the tuner writes");
              assertThat(e.hints().get(0)).contains("shared_buffers").contains("work_mem");
            });
  }

  @Test
  void validValues_areWrittenAsGiven() {
    Tuning t =
        tune(
            4096,
            4,
            Map.of(
                "random_page_cost", "2",
                "jit", "ON",
                "autovacuum_work_mem", "-1",
                "wal_buffers", "-1",
                "shared_buffers", "65536"));
    assertThat(t.value("random_page_cost")).isEqualTo("2");
    assertThat(t.value("jit")).isEqualTo("on");
    assertThat(t.value("autovacuum_work_mem")).isEqualTo("-1");
    assertThat(t.value("wal_buffers")).isEqualTo("-1");
    assertThat(bytes(t, "shared_buffers")).isEqualTo(512 * MIB);
    assertThat(t.worstCase().terms().get(8).formula()).contains("256MB autovacuum memory");
    assertThat(t.worstCase().terms().get(3).formula()).contains("24 MiB JIT");
  }

  @Test
  void ioOverrides_needPostgres18() {
    assertThatThrownBy(
            () ->
                Tuner.tune(
                    Requests.of(2048, 2)
                        .withPgMajor(17, "--pg-major")
                        .withOverrides(Map.of("io_method", "worker"))))
        .hasMessage(
            "override io_method=worker cannot work here: it needs PostgreSQL 18, not 17"
                + " (--pg-major)");
  }

  @Test
  void tooFewWorkerSlots_warn() {
    Tuning t = tune(4096, 4, Map.of("max_worker_processes", "4"));
    assertThat(t.value("max_worker_processes")).isEqualTo("4");
    assertThat(t.warnings())
        .anySatisfy(w -> assertThat(w).startsWith("max_worker_processes=4 leaves no room"));
    assertThat(t.worstCase().fits()).isTrue();
  }
}
