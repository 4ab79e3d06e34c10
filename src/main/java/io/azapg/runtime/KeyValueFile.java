package io.azapg.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The small {@code key=value} files the runtime keeps in the data directory. One entry per line;
 * the value runs to the end of the line (so names with spaces need no quoting) and may not contain
 * a line break. Read by the healthcheck with a plain {@code read} loop, never sourced.
 */
final class KeyValueFile {
  private KeyValueFile() {}

  static String render(String header, Map<String, String> entries) {
    StringBuilder sb = new StringBuilder();
    for (String line : header.split("\n")) {
      sb.append("# ").append(line).append('\n');
    }
    entries.forEach(
        (k, v) -> {
          if (v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("line break in value of " + k);
          }
          sb.append(k).append('=').append(v).append('\n');
        });
    return sb.toString();
  }

  static Map<String, String> parse(String text) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq > 0) {
        m.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return m;
  }
}
