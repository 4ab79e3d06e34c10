package io.azapg.tune;

import java.util.List;
import java.util.Optional;

/**
 * The tuner's result: the request it answered, every setting with its rule, the worst-case memory
 * of those settings, and warnings for the log (detection's first, then the tuner's).
 */
public record Tuning(
    TuneRequest request, List<Setting> settings, WorstCase worstCase, List<String> warnings) {
  public Tuning {
    settings = List.copyOf(settings);
    warnings = List.copyOf(warnings);
  }

  /** The setting with this name, if the tuner wrote it. */
  public Optional<Setting> setting(String name) {
    return settings.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /**
   * The value of a setting the tuner wrote.
   *
   * @throws IllegalArgumentException when it wrote no such setting
   */
  public String value(String name) {
    return setting(name)
        .map(Setting::value)
        .orElseThrow(() -> new IllegalArgumentException("no tuned setting " + name));
  }
}
