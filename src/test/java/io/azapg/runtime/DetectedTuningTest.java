package io.azapg.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azapg.common.AzaPgException;
import io.azapg.common.Reporter;
import io.azapg.tune.ByteSize;
import io.azapg.tune.Resources;
import io.azapg.tune.Sourced;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DetectedTuningTest {
  private final Map<String, String> seen = new HashMap<>();

  private DetectedTuning tuning(long mib, int cpus) {
    return new DetectedTuning(
        env -> {
          seen.putAll(env);
          return Resources.given(
              Sourced.of(ByteSize.ofMiB(mib), "cgroup v2 memory.max"),
              Sourced.of(cpus, "cgroup v2 cpu.max"));
        },
        Reporter.silent());
  }

  private static StartupConfig.TuneInputs inputs(String memory, String workload, String storage) {
    return new StartupConfig.TuneInputs(
        Optional.ofNullable(memory),
        Optional.empty(),
        Optional.ofNullable(workload),
        Optional.ofNullable(storage),
        false,
        java.util.Map.of());
  }

  @Test
  void tune_givesSettingsWithRules_summaryAndReport() {
    TuningEngine.Tuned t = tuning(1024, 2).tune(inputs("1g", null, null), 3);
    assertThat(seen).containsEntry("POSTGRES_MEMORY", "1g").doesNotContainKey("POSTGRES_CPUS");
    assertThat(t.settings())
        .extracting(Setting::name)
        .contains("shared_buffers", "max_connections", "work_mem", "max_worker_processes");
    assertThat(t.settings()).allSatisfy(s -> assertThat(s.origin()).isEqualTo("tuning"));
    assertThat(t.settings()).allSatisfy(s -> assertThat(s.reason()).isNotBlank());
    assertThat(t.summary()).doesNotContain("\n").contains("cgroup v2");
    assertThat(t.report()).isNotEmpty();
    int workers =
        Integer.parseInt(
            t.settings().stream()
                .filter(s -> s.name().equals("max_worker_processes"))
                .findFirst()
                .orElseThrow()
                .value());
    assertThat(workers).isGreaterThanOrEqualTo(3);
  }

  @Test
  void tune_workloadAndStorage_areApplied() {
    TuningEngine.Tuned dw = tuning(4096, 4).tune(inputs(null, "dw", "hdd"), 0);
    TuningEngine.Tuned web = tuning(4096, 4).tune(inputs(null, "web", "ssd"), 0);
    assertThat(value(dw, "random_page_cost")).isNotEqualTo(value(web, "random_page_cost"));
  }

  @Test
  void tune_invalidWorkload_namesTheVariableAndValue() {
    assertThatThrownBy(() -> tuning(1024, 1).tune(inputs(null, "batch", null), 0))
        .isInstanceOf(AzaPgException.class)
        .hasMessageContaining("POSTGRES_WORKLOAD_TYPE")
        .hasMessageContaining("batch");
  }

  @Test
  void tune_below512MiB_refuses() {
    assertThatThrownBy(() -> tuning(256, 1).tune(inputs(null, null, null), 0))
        .isInstanceOf(AzaPgException.class)
        .hasMessageContaining("512");
  }

  @Test
  void userValues_areKeptAsTheUsers_andTheRestIsFitted() {
    io.azapg.engine.RecordingReporter log = new io.azapg.engine.RecordingReporter();
    DetectedTuning tuning =
        new DetectedTuning(
            env ->
                Resources.given(
                    Sourced.of(ByteSize.ofMiB(2048), "cgroup v2 memory.max"),
                    Sourced.of(2, "cgroup v2 cpu.max")),
            log);
    TuningEngine.Tuned plain = tuning.tune(inputs(null, null, null), 6);
    TuningEngine.Tuned t =
        tuning.tune(
            inputs(null, null, null)
                .withUserValues(Map.of("max_connections", Sourced.of("200", "conf.d/app.conf"))),
            6);
    Setting mc = setting(t, "max_connections");
    assertThat(mc.value()).isEqualTo("200");
    assertThat(mc.origin()).isEqualTo("user");
    assertThat(mc.reason()).startsWith("set by you (conf.d/app.conf)");
    assertThat(setting(t, "work_mem").origin()).isEqualTo("tuning");
    assertThat(io.azapg.tune.ByteSize.parse(value(t, "work_mem").replace("kB", "KiB"), "t").bytes())
        .isLessThan(io.azapg.tune.ByteSize.parse(value(plain, "work_mem"), "t").bytes());
    assertThat(log.messages()).noneMatch(m -> m.startsWith("warn:"));
  }

  @Test
  void userValuesOverTheLimit_startAnywayWithOneWarningWithNumbersAndTheFix() {
    io.azapg.engine.RecordingReporter log = new io.azapg.engine.RecordingReporter();
    DetectedTuning tuning =
        new DetectedTuning(
            env ->
                Resources.given(
                    Sourced.of(ByteSize.ofMiB(1024), "cgroup v2 memory.max"),
                    Sourced.of(1, "cgroup v2 cpu.max")),
            log);
    TuningEngine.Tuned t =
        tuning.tune(
            inputs(null, null, null)
                .withUserValues(
                    Map.of(
                        "max_connections", Sourced.of("300", "-c"),
                        "work_mem", Sourced.of("64MB", "POSTGRES_WORK_MEM"))),
            6);
    assertThat(value(t, "max_connections")).isEqualTo("300");
    assertThat(value(t, "work_mem")).isEqualTo("64MB");
    List<String> warnings = log.messages().stream().filter(m -> m.startsWith("warn:")).toList();
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0))
        .contains("max_connections=300 (-c)")
        .contains("work_mem=64MB (POSTGRES_WORK_MEM)")
        .containsPattern("up to [0-9.]+ GiB in the worst case, above the memory limit 1 GiB")
        .containsPattern("aza-pg alone would set work_mem=[0-9]+(kB|MB), max_connections=[0-9]+")
        .contains("or give the container more than");
  }

  @Test
  void pooled_lowersConnectionsAndRaisesWorkMem() {
    StartupConfig.TuneInputs direct = inputs(null, null, null);
    StartupConfig.TuneInputs pooled =
        new StartupConfig.TuneInputs(
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), true, Map.of());
    TuningEngine.Tuned d = tuning(2048, 2).tune(direct, 6);
    TuningEngine.Tuned p = tuning(2048, 2).tune(pooled, 6);
    assertThat(Integer.parseInt(value(p, "max_connections")))
        .isLessThan(Integer.parseInt(value(d, "max_connections")));
    assertThat(p.summary()).contains("behind PgBouncer (POSTGRES_POOLED)");
  }

  private static Setting setting(TuningEngine.Tuned t, String name) {
    return t.settings().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  private static String value(TuningEngine.Tuned t, String name) {
    return t.settings().stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .map(Setting::value)
        .orElse("");
  }
}
