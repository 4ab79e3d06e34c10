package io.azapg.tune;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The settings being written, in output order, where an override always wins over its rule; plus
 * the warnings the rules raise.
 */
final class Sheet {
  static final String OVERRIDE_RULE =
      "set explicitly (override); the other settings were fitted around it";

  /** The rule text of a given value, naming its source. */
  String givenRule(TunedSetting setting) {
    String source = overrides.source(setting);
    return source.equals("--set")
        ? OVERRIDE_RULE
        : "set by you (" + source + "); the other settings were fitted around it";
  }

  private final Overrides overrides;
  private final Map<TunedSetting, Setting> settings = new EnumMap<>(TunedSetting.class);
  private final List<String> warnings = new ArrayList<>();

  Sheet(Overrides overrides) {
    this.overrides = overrides;
  }

  Overrides overrides() {
    return overrides;
  }

  /**
   * Writes a memory setting rounded down to {@code step}, or its override, and returns the bytes
   * the budget must use: the rule's exact value, or the override's (-1 stays -1).
   */
  double memory(TunedSetting setting, Choice rule, long step) {
    OptionalLong given = overrides.bytes(setting);
    if (given.isPresent()) {
      given(setting);
      return given.getAsLong();
    }
    long rounded = (long) (rule.value() / step) * step;
    put(setting, new ByteSize(rounded).pg(), rule.rule());
    return rule.value();
  }

  /** Writes an integer setting, or its override, and returns the value. */
  int count(TunedSetting setting, Choice rule) {
    OptionalInt given = overrides.integer(setting);
    if (given.isPresent()) {
      given(setting);
      return given.getAsInt();
    }
    put(setting, Integer.toString((int) rule.value()), rule.rule());
    return (int) rule.value();
  }

  /** Writes a decimal setting, or its override, and returns the value. */
  double real(TunedSetting setting, Choice rule) {
    if (overrides.has(setting)) {
      given(setting);
      return overrides.real(setting).orElseThrow();
    }
    put(setting, decimal(rule.value()), rule.rule());
    return rule.value();
  }

  /** Writes a word-valued setting, or its override, and returns the value written. */
  String word(TunedSetting setting, String value, String rule) {
    if (overrides.has(setting)) {
      given(setting);
      return overrides.text(setting).orElseThrow();
    }
    put(setting, value, rule);
    return value;
  }

  void put(TunedSetting setting, String value, String rule) {
    settings.put(setting, new Setting(setting.pgName(), value, rule));
  }

  /** Writes a given value with its source. */
  void given(TunedSetting setting) {
    settings.put(
        setting,
        new Setting(
            setting.pgName(),
            overrides.text(setting).orElseThrow(),
            givenRule(setting),
            overrides.source(setting)));
  }

  void warn(String warning) {
    warnings.add(warning);
  }

  String value(TunedSetting setting) {
    Setting written = settings.get(setting);
    if (written == null) {
      throw new IllegalStateException(setting + " is read before it is written");
    }
    return written.value();
  }

  /** A written memory setting in bytes; -1 stays -1. */
  long bytes(TunedSetting setting) {
    return setting.bytes(value(setting));
  }

  int integer(TunedSetting setting) {
    return Integer.parseInt(value(setting));
  }

  List<Setting> settings() {
    return List.copyOf(settings.values());
  }

  List<String> warnings() {
    return List.copyOf(warnings);
  }

  /** "1.1", "2.0", "0.9": one decimal unless more are needed. */
  static String decimal(double value) {
    String s = String.format(Locale.ROOT, "%.3f", value).replaceAll("0+$", "");
    return s.endsWith(".") ? s + "0" : s;
  }
}
