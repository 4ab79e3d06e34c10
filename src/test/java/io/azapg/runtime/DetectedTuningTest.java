package io.azapg.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azapg.common.AzaPgException;
import io.azapg.common.Reporter;
import io.azapg.tune.ByteSize;
import io.azapg.tune.Resources;
import io.azapg.tune.Sourced;
import java.util.HashMap;
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
        Optional.empty());
  }

  @Test
  void tune_givesSettingsWithRules_summaryAndReport() {
    TuningEngine.Tuned t = tuning(1024, 2).tune(inputs("1g", null, null), 3, Map.of());
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
    TuningEngine.Tuned dw = tuning(4096, 4).tune(inputs(null, "dw", "hdd"), 0, Map.of());
    TuningEngine.Tuned web = tuning(4096, 4).tune(inputs(null, "web", "ssd"), 0, Map.of());
    assertThat(value(dw, "random_page_cost")).isNotEqualTo(value(web, "random_page_cost"));
  }

  @Test
  void tune_invalidWorkload_namesTheVariableAndValue() {
    assertThatThrownBy(() -> tuning(1024, 1).tune(inputs(null, "batch", null), 0, Map.of()))
        .isInstanceOf(AzaPgException.class)
        .hasMessageContaining("POSTGRES_WORKLOAD_TYPE")
        .hasMessageContaining("batch");
  }

  @Test
  void tune_pooled_givesFewerConnectionsThanDirect() {
    TuningEngine.Tuned direct = tuning(2048, 2).tune(inputs(null, null, null), 0, Map.of());
    TuningEngine.Tuned pooled =
        tuning(2048, 2)
            .tune(
                new StartupConfig.TuneInputs(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of("true")),
                0,
                Map.of());
    assertThat(Integer.parseInt(value(pooled, "max_connections")))
        .isLessThan(Integer.parseInt(value(direct, "max_connections")));
    assertThat(pooled.summary()).isNotEqualTo(direct.summary());
  }

  @Test
  void tune_pooledNotABoolean_namesTheVariable() {
    assertThatThrownBy(
            () ->
                tuning(1024, 1)
                    .tune(
                        new StartupConfig.TuneInputs(
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.of("maybe")),
                        0,
                        Map.of()))
        .isInstanceOf(AzaPgException.class)
        .hasMessageContaining("POSTGRES_POOLED=\"maybe\"");
  }

  @Test
  void tune_overrides_areKeptAndTheRestFitsAround() {
    TuningEngine.Tuned t =
        tuning(1024, 1).tune(inputs(null, null, null), 0, Map.of("max_connections", "77"));
    assertThat(value(t, "max_connections")).isEqualTo("77");
  }

  @Test
  void tune_below512MiB_refuses() {
    assertThatThrownBy(() -> tuning(256, 1).tune(inputs(null, null, null), 0, Map.of()))
        .isInstanceOf(AzaPgException.class)
        .hasMessageContaining("512");
  }

  private static String value(TuningEngine.Tuned t, String name) {
    return t.settings().stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .map(Setting::value)
        .orElse("");
  }
}
