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

  private Overrides(Map<TunedSetting, String> values) {
    this.values = values;
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
    return new Overrides(values);
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
      }
    }
    return sb.toString();
  }
}
