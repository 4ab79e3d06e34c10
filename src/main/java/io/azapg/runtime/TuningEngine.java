package io.azapg.runtime;

import java.util.List;
import java.util.Map;

/**
 * The runtime's view of the tuning engine: container facts and the environment in, settings out.
 */
public interface TuningEngine {

  /**
   * Detects the container's memory and CPUs and tunes for them.
   *
   * @param inputs the raw {@code POSTGRES_MEMORY|CPUS|WORKLOAD_TYPE|STORAGE_TYPE} values
   * @param backgroundWorkers worker slots the preloaded libraries take (max_worker_processes must
   *     leave room for them)
   * @throws io.azapg.common.AzaPgException naming the variable and value when an input is invalid,
   *     or when the memory is below the minimum
   */
  Tuned tune(StartupConfig.TuneInputs inputs, int backgroundWorkers);

  /**
   * The tuning result.
   *
   * @param settings the settings with their reasons, in file order
   * @param summary the one log line: memory and its source, CPUs and source, workload, key values
   * @param report the full report (inputs, rule, value), serialised into aza-pg.tuning.json
   */
  record Tuned(List<Setting> settings, String summary, Map<String, Object> report) {
    public Tuned {
      settings = List.copyOf(settings);
    }
  }
}
