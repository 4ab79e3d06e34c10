package io.azapg.tune;

import java.util.Objects;

/**
 * One tuned PostgreSQL setting: its name, its value in postgresql.conf syntax, and the rule (one
 * sentence for people) that produced it.
 */
public record Setting(String name, String value, String rule) {
  public Setting {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(rule, "rule");
  }
}
