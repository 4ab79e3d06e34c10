package io.azapg.generate.compose;

import io.azapg.tune.ByteSize;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One service of a compose.yaml, written in a fixed key order. Every string is double-quoted unless
 * it is a plain word, so no value can change the YAML's structure.
 */
final class ServiceYaml {
  private final String name;
  private final List<String> comments = new ArrayList<>();
  private final Map<String, List<String>> blocks = new LinkedHashMap<>();

  ServiceYaml(String name) {
    this.name = name;
  }

  ServiceYaml comment(String line) {
    comments.add(line);
    return this;
  }

  ServiceYaml scalar(String key, String value) {
    blocks.put(key, List.of(key + ": " + q(value)));
    return this;
  }

  ServiceYaml flow(String key, List<String> values) {
    List<String> quoted = values.stream().map(ServiceYaml::q).toList();
    blocks.put(key, List.of(key + ": [" + String.join(", ", quoted) + "]"));
    return this;
  }

  ServiceYaml list(String key, List<String> values) {
    List<String> lines = new ArrayList<>();
    lines.add(key + ":");
    values.forEach(v -> lines.add("  - " + q(v)));
    blocks.put(key, lines);
    return this;
  }

  ServiceYaml map(String key, Map<String, String> values) {
    List<String> lines = new ArrayList<>();
    lines.add(key + ":");
    values.forEach((k, v) -> lines.add("  " + k + ": " + q(v)));
    blocks.put(key, lines);
    return this;
  }

  ServiceYaml limits(ByteSize memory, String cpus) {
    blocks.put(
        "deploy",
        List.of(
            "deploy:",
            "  resources:",
            "    limits:",
            "      memory: " + size(memory),
            "      cpus: " + q(cpus)));
    return this;
  }

  ServiceYaml healthcheck(List<String> test, String interval, String startPeriod) {
    List<String> quoted = test.stream().map(ServiceYaml::q).toList();
    blocks.put(
        "healthcheck",
        List.of(
            "healthcheck:",
            "  test: [" + String.join(", ", quoted) + "]",
            "  interval: " + interval,
            "  timeout: 10s",
            "  retries: 3",
            "  start_period: " + startPeriod));
    return this;
  }

  ServiceYaml dependsOnHealthy(String service) {
    blocks.put(
        "depends_on",
        List.of("depends_on:", "  " + service + ":", "    condition: service_healthy"));
    return this;
  }

  /** The service's lines, indented under {@code services:}. */
  String render() {
    StringBuilder sb = new StringBuilder();
    comments.forEach(c -> sb.append("  # ").append(c).append('\n'));
    sb.append("  ").append(name).append(":\n");
    for (List<String> block : blocks.values()) {
      for (String line : block) {
        sb.append("    ").append(line).append('\n');
      }
    }
    return sb.toString();
  }

  /** Compose's size form: whole MiB as {@code 1024m}, else bytes. */
  static String size(ByteSize size) {
    return size.bytes() % ByteSize.MIB == 0
        ? (size.bytes() / ByteSize.MIB) + "m"
        : size.bytes() + "b";
  }

  /** A YAML scalar: plain when it is a simple word, else double-quoted with escapes. */
  static String q(String value) {
    if (value.matches("[A-Za-z_][A-Za-z0-9_./-]*")
        && !RESERVED.contains(value.toLowerCase(java.util.Locale.ROOT))) {
      return value;
    }
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static final List<String> RESERVED =
      List.of("true", "false", "yes", "no", "on", "off", "null", "y", "n", "~");
}
