package io.azapg.tune;

import java.util.Objects;

/**
 * One tuned PostgreSQL setting: its name, its value in postgresql.conf syntax, the rule (one
 * sentence for people) that produced it, and where the value came from: {@link #TUNER}, or the
 * override's source ({@code --set}, {@code -c}, a configuration file, an environment variable).
 */
public record Setting(String name, String value, String rule, String source) {
  /** The source of a value the tuner chose itself. */
  public static final String TUNER = "tuner";

  public Setting {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(source, "source");
  }

  /** A value the tuner chose by its rule. */
  public Setting(String name, String value, String rule) {
    this(name, value, rule, TUNER);
  }

  /** Whether the value was given (an override or a user value) rather than chosen by a rule. */
  public boolean given() {
    return !source.equals(TUNER);
  }
}
