package io.azapg.tune.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azapg.common.AzaPgException;
import io.azapg.tune.ByteSize;
import io.azapg.tune.Resources;
import io.azapg.tune.Sourced;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DetectorTest {
  private static final Path HOSTS = Path.of("src/test/resources/tune/hosts");

  static Resources detect(String host, Map<String, String> env) {
    return new Detector(
            HostPaths.under(HOSTS.resolve(host)),
            env,
            path -> OptionalLong.of(64 * ByteSize.MIB),
            () -> 6)
        .detect();
  }

  static Resources detect(String host) {
    return detect(host, Map.of());
  }

  @ParameterizedTest(name = "{0}: {1} MiB from {2}")
  @CsvSource({
    "v2-limited,        2048,  cgroup v2 memory.max",
    "v2-high-lower,     3072,  cgroup v2 memory.high",
    "v2-nested,         1024,  cgroup v2 memory.max",
    "v2-fractional,      768,  cgroup v2 memory.max",
    "v2-unlimited,      8192,  /proc/meminfo",
    "v1-limited,        1024,  cgroup v1 memory.limit_in_bytes",
    "v1-unlimited,     24576,  /proc/meminfo",
    "v1-ulong-max,      4096,  /proc/meminfo",
    "v1-above-machine,  8192,  /proc/meminfo",
    "v1-container-path,  512,  cgroup v1 memory.limit_in_bytes",
    "v1-hierarchical,    768,  cgroup v1 memory.stat hierarchical_memory_limit",
    "v1-host-path,      2048,  cgroup v1 memory.limit_in_bytes",
    "missing,           4096,  /proc/meminfo"
  })
  void memory_fromEachSource(String host, long mib, String source) {
    assertThat(detect(host).memory()).isEqualTo(Sourced.of(ByteSize.ofMiB(mib), source));
  }

  @ParameterizedTest(name = "{0}: {1} CPUs from {2}")
  @CsvSource({
    "v2-limited,        2, cgroup v2 cpu.max",
    "v2-nested,         2, cgroup v2 cpu.max",
    "v2-fractional,     1, cgroup v2 cpu.max",
    "v2-cpuset-only,    3, cgroup v2 cpuset.cpus.effective",
    "v2-unlimited,      4, /proc/stat",
    "v1-limited,        2, cgroup v1 cpu.cfs_quota_us",
    "v1-unlimited,      2, cgroup v1 cpuset.effective_cpus",
    "v1-container-path, 2, cgroup v1 cpu.cfs_quota_us",
    "v1-host-path,      2, cgroup v1 cpuset.effective_cpus",
    "missing,           6, the JVM's processor count"
  })
  void cpus_smallestOfQuotaCpusetAndProcessors(String host, int cpus, String source) {
    assertThat(detect(host).cpus()).isEqualTo(Sourced.of(cpus, source));
  }

  @Test
  void meminfoFallback_warnsThatItMayBeTheHostsMemory() {
    assertThat(detect("v2-unlimited").warnings())
        .singleElement()
        .asString()
        .contains("/proc/meminfo")
        .contains("host's")
        .contains("POSTGRES_MEMORY");
  }

  @Test
  void limitAboveTheMachine_isIgnoredWithAWarning() {
    assertThat(detect("v1-above-machine").warnings())
        .anySatisfy(w -> assertThat(w).contains("ignored the cgroup limit 64 GiB"));
  }

  @Test
  void cgroupLimit_givesNoWarning() {
    assertThat(detect("v2-limited").warnings()).isEmpty();
  }

  @Test
  void environment_winsOverTheCgroup() {
    Resources r = detect("v2-limited", Map.of("POSTGRES_MEMORY", "1.5GiB", "POSTGRES_CPUS", "1.5"));
    assertThat(r.memory()).isEqualTo(Sourced.of(ByteSize.ofMiB(1536), "POSTGRES_MEMORY"));
    assertThat(r.cpus()).isEqualTo(Sourced.of(2, "POSTGRES_CPUS"));
    assertThat(r.warnings()).isEmpty();
  }

  @Test
  void environmentAboveTheLimit_warns() {
    Resources r = detect("v2-limited", Map.of("POSTGRES_MEMORY", "4GB", "POSTGRES_CPUS", "8"));
    assertThat(r.memory().value()).isEqualTo(ByteSize.ofGiB(4));
    assertThat(r.warnings())
        .anySatisfy(w -> assertThat(w).contains("POSTGRES_MEMORY 4 GiB is above"))
        .anySatisfy(w -> assertThat(w).contains("POSTGRES_CPUS 8 is above"));
  }

  @Test
  void malformedEnvironment_namesTheValue() {
    assertThatThrownBy(() -> detect("v2-limited", Map.of("POSTGRES_MEMORY", "2gigs")))
        .isInstanceOf(AzaPgException.class)
        .hasMessage("POSTGRES_MEMORY '2gigs' is not a memory size");
    assertThatThrownBy(() -> detect("v2-limited", Map.of("POSTGRES_CPUS", "lots")))
        .hasMessage("POSTGRES_CPUS 'lots' is not a CPU count");
  }

  @Test
  void noMemoryAnywhere_isRefusedWithAHint() {
    assertThatThrownBy(() -> detect("empty"))
        .isInstanceOf(AzaPgException.class)
        .hasMessageContaining("could not detect the memory")
        .satisfies(
            e ->
                assertThat(((AzaPgException) e).hints())
                    .anyMatch(h -> h.contains("POSTGRES_MEMORY=2GB")));
  }

  @ParameterizedTest(name = "{0}: io_uring {1}")
  @CsvSource({
    "v2-limited,     false, a seccomp filter is active",
    "v2-unlimited,   true,  no seccomp filter",
    "v2-nested,      false, io_uring_disabled is 2",
    "v2-cpuset-only, false, io_uring_disabled is 1",
    "missing,        false, kernel before 6.6",
    "v1-ulong-max,   false, kernel before 6.6"
  })
  void ioUring_onlyWithoutSeccompAndWhenTheKernelAllowsIt(String host, boolean ok, String why) {
    Sourced<Boolean> uring = detect(host).ioUring();
    assertThat(uring.value()).isEqualTo(ok);
    assertThat(uring.source()).contains(why);
  }

  @Test
  void hugePages_cappedByTheHugetlbLimit() {
    assertThat(detect("v2-nested").hugePagesFree())
        .isEqualTo(Sourced.of(new ByteSize(0), "cgroup v2 hugetlb.2MB.max"));
    assertThat(detect("v2-fractional").hugePagesFree())
        .isEqualTo(Sourced.of(ByteSize.ofGiB(2), "/proc/meminfo HugePages_Free"));
  }

  @Test
  void shm_isMeasuredAtDevShm() {
    assertThat(detect("v2-limited").shm())
        .hasValueSatisfying(s -> assertThat(s.value()).isEqualTo(ByteSize.ofMiB(64)));
  }
}
