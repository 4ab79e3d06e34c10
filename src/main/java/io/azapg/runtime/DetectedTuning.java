package io.azapg.runtime;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.azapg.common.Reporter;
import io.azapg.tune.Resources;
import io.azapg.tune.Storage;
import io.azapg.tune.TuneRequest;
import io.azapg.tune.Tuner;
import io.azapg.tune.Tuning;
import io.azapg.tune.Workload;
import io.azapg.tune.detect.Detector;
import io.azapg.tune.render.JsonReport;
import io.azapg.tune.render.SummaryLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The tuning engine as the runtime uses it: detection of the container's memory and CPUs ({@code
 * POSTGRES_MEMORY} and {@code POSTGRES_CPUS} win over cgroups and /proc), the workload and storage
 * variables, and the preloaded libraries' background workers, into the tuner. Its warnings go to
 * the log; its refusals (below 512 MB, a malformed value) stop start-up.
 */
public final class DetectedTuning implements TuningEngine {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Function<Map<String, String>, Resources> detector;
  private final Reporter reporter;

  /** Detects on the machine or container this process runs in. */
  public DetectedTuning(Reporter reporter) {
    this(env -> Detector.system(env).detect(), reporter);
  }

  /** Detects through the given function (tests hand in fixed resources). */
  DetectedTuning(Function<Map<String, String>, Resources> detector, Reporter reporter) {
    this.detector = detector;
    this.reporter = reporter;
  }

  @Override
  public Tuned tune(StartupConfig.TuneInputs inputs, int backgroundWorkers) {
    Map<String, String> env = new TreeMap<>();
    inputs.memory().ifPresent(v -> env.put("POSTGRES_MEMORY", v));
    inputs.cpus().ifPresent(v -> env.put("POSTGRES_CPUS", v));
    TuneRequest request =
        TuneRequest.of(detector.apply(env))
            .withBackgroundWorkers(backgroundWorkers, "catalog preload list")
            .withUserValues(inputs.userValues());
    if (inputs.pooled()) {
      request = request.withPooled(true, "POSTGRES_POOLED");
    }
    if (inputs.workload().isPresent()) {
      request =
          request.withWorkload(
              Workload.parse(inputs.workload().get(), "POSTGRES_WORKLOAD_TYPE"),
              "POSTGRES_WORKLOAD_TYPE");
    }
    if (inputs.storage().isPresent()) {
      request =
          request.withStorage(
              Storage.parse(inputs.storage().get(), "POSTGRES_STORAGE_TYPE"),
              "POSTGRES_STORAGE_TYPE");
    }
    Tuning tuning = Tuner.tune(request);
    tuning.warnings().forEach(reporter::warn);
    List<Setting> settings = new ArrayList<>();
    for (io.azapg.tune.Setting s : tuning.settings()) {
      settings.add(new Setting(s.name(), s.value(), s.given() ? "user" : "tuning", s.rule()));
    }
    Map<String, Object> report =
        MAPPER.convertValue(JsonReport.tree(tuning), new TypeReference<Map<String, Object>>() {});
    return new Tuned(settings, SummaryLine.of(tuning), report);
  }
}
