package io.azapg.generate.compose;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a value appears in a rendered compose.yaml. The committed copies under {@code stacks/} read
 * the values people change without re-rendering (image, ports, bind address, names, secret
 * directory) from the environment with the default written in: {@code ${POSTGRES_PORT:-5432}};
 * {@code .env.example} lists them. A stack {@code aza-pg up} runs is rendered with every value
 * written in, so nothing in the caller's environment can change what runs.
 */
final class StackValues {
  /**
   * One variable a committed file reads.
   *
   * @param fallback the default written into the file
   * @param description what it sets
   */
  record Variable(String fallback, String description) {}

  private final StackOptions options;
  private final boolean fromEnvironment;
  private final Map<String, Variable> used = new LinkedHashMap<>();

  /**
   * @param fromEnvironment true for the committed copies ({@code ${VAR:-default}}), false for a
   *     stack being run (values written in)
   */
  StackValues(StackOptions options, boolean fromEnvironment) {
    this.options = options;
    this.fromEnvironment = fromEnvironment;
  }

  StackOptions options() {
    return options;
  }

  /** An option's value as the file writes it. */
  String of(StackOption option) {
    String value = literal(options.get(option));
    return option.variable().map(v -> variable(v, value, option.description())).orElse(value);
  }

  /** A value that is not an option (a network name, the secrets directory). */
  String variable(String name, String value, String description) {
    if (!fromEnvironment) {
      return value;
    }
    used.putIfAbsent(name, new Variable(value, description));
    return "${" + name + ":-" + value + "}";
  }

  /** A value Compose must not interpolate: {@code $} written as {@code $$}. */
  static String literal(String value) {
    return value.replace("$", "$$");
  }

  /** The variables used so far, in order of first use. */
  Map<String, Variable> used() {
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(used));
  }

  boolean fromEnvironment() {
    return fromEnvironment;
  }
}
