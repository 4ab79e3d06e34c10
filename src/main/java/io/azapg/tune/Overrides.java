package io.azapg.tune;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** A request's explicit overrides, checked against PostgreSQL's syntax and typed. */
final class Overrides {
  private final Map<TunedSetting, String> values;
  private final Map<TunedSetting, String> sources;
  private final List<String> skipped;

  private Overrides(
      Map<TunedSetting, String> values, Map<TunedSetting, String> sources, List<String> skipped) {
    this.values = values;
    this.sources = sources;
    this.skipped = List.copyOf(skipped);
  }

  /**
   * A request's overrides: {@code --set} values are checked strictly; user values (at boot) that
   * the tuner cannot read are skipped, each with a warning ({@link #skipped()}).
   */
  static Overrides of(TuneRequest request) {
    if (!request.userValues()) {
      return parse(request.overrides());
    }
    Map<TunedSetting, String> values = new EnumMap<>(TunedSetting.class);
    Map<TunedSetting, String> sources = new EnumMap<>(TunedSetting.class);
    List<String> skipped = new java.util.ArrayList<>();
    for (Map.Entry<String, String> e : request.sortedOverrides().entrySet()) {
      Optional<TunedSetting> setting = TunedSetting.byName(e.getKey());
      if (setting.isEmpty()) {
        continue;
      }
      String source = request.overrideSource(e.getKey());
      try {
        values.put(setting.get(), setting.get().check(e.getValue()));
        sources.put(setting.get(), source);
      } catch (AzaPgException bad) {
        skipped.add(
            e.getKey()
                + "='"
                + e.getValue()
                + "' ("
                + source
                + ") is not a value the tuner can read, so the worst case does not count it;"
                + " PostgreSQL will read it itself");
      }
    }
    return new Overrides(values, sources, skipped);
  }

  /**
   * Checks every override; the first unknown name or invalid value is refused.
   *
   * @throws AzaPgException with {@link ExitCode#INVALID_INPUT} naming the override
   */
  static Overrides parse(Map<String, String> raw) {
    Map<TunedSetting, String> values = new EnumMap<>(TunedSetting.class);
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(raw).entrySet()) {
      TunedSetting setting =
          TunedSetting.byName(e.getKey())
              .orElseThrow(
                  () ->
                      new AzaPgException(
                          ExitCode.INVALID_INPUT,
                          "override '" + e.getKey() + "' is not a setting the tuner writes",
                          List.of(
                              "tuned settings: " + String.join(", ", TunedSetting.names()),
                              "put any other setting in postgresql.conf or ALTER SYSTEM")));
      values.put(setting, setting.check(e.getValue()));
    }
    return new Overrides(values, Map.of(), List.of());
  }

  /** Where a given value came from; {@code --set} unless recorded. */
  String source(TunedSetting setting) {
    return sources.getOrDefault(setting, "--set");
  }

  /** Warnings for user values that could not be read. */
  List<String> skipped() {
    return skipped;
  }

  /** The given values, for warnings: name → value. */
  Map<TunedSetting, String> values() {
    return java.util.Collections.unmodifiableMap(values);
  }

  boolean has(TunedSetting setting) {
    return values.containsKey(setting);
  }

  Optional<String> text(TunedSetting setting) {
    return Optional.ofNullable(values.get(setting));
  }

  OptionalLong bytes(TunedSetting setting) {
    String v = values.get(setting);
    return v == null ? OptionalLong.empty() : OptionalLong.of(setting.bytes(v));
  }

  OptionalInt integer(TunedSetting setting) {
    String v = values.get(setting);
    return v == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(v));
  }

  OptionalDouble real(TunedSetting setting) {
    String v = values.get(setting);
    return v == null ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(v));
  }

  /** "max_connections=500, work_mem=64MB": the overrides that take memory, for refusals. */
  String describeMemoryOverrides() {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<TunedSetting, String> e : values.entrySet()) {
      if (e.getKey().takesMemory()) {
        sb.append(sb.length() == 0 ? "" : ", ").append(e.getKey().pgName()).append('=');
        sb.append(e.getValue());
        if (sources.containsKey(e.getKey())) {
          sb.append(" (").append(sources.get(e.getKey())).append(')');
        }
      }
    }
    return sb.toString();
  }
}
