package io.azapg.engine.setup;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The four {@code containers.conf} settings podman needs on hosts without systemd, and a careful
 * line-based TOML merge that sets them while keeping every other line (and comment) of the file.
 */
public final class ContainersConf {
  /** One required setting, with the reason written next to it. */
  record Setting(String table, String key, String value, String reason) {
    String line() {
      return key + " = " + value;
    }

    String describe() {
      return table + "." + key + " = " + value;
    }
  }

  static final List<Setting> REQUIRED =
      List.of(
          new Setting(
              "containers",
              "default_ulimits",
              "[]",
              "podman's default nofile/nproc of 1048576 exceed this host's hard limits"),
          new Setting("engine", "runtime", "\"runc\"", "crun fails on cgroup v1/hybrid hosts"),
          new Setting(
              "engine", "cgroup_manager", "\"cgroupfs\"", "there is no systemd to manage cgroups"),
          new Setting("engine", "events_logger", "\"file\"", "journald needs systemd"));

  private static final Pattern TABLE = Pattern.compile("^\\s*\\[([A-Za-z0-9_.\"-]+)]\\s*(#.*)?$");
  private static final Pattern KEY = Pattern.compile("^\\s*([A-Za-z0-9_-]+)\\s*=\\s*(.*)$");

  private ContainersConf() {}

  /** The required settings the text does not have yet, as "table.key = value" (empty: all set). */
  public static List<String> missing(String text) {
    List<String> missing = new ArrayList<>();
    List<String> lines = lines(text);
    for (Setting setting : REQUIRED) {
      Optional<int[]> span = find(lines, setting.table(), setting.key());
      if (span.isEmpty()
          || !normalize(value(lines, span.get())).equals(normalize(setting.value()))) {
        missing.add(setting.describe());
      }
    }
    return missing;
  }

  /** Returns the text with every required setting set; other lines are kept as they were. */
  public static String merge(String text) {
    List<String> lines = lines(text);
    if (text.isBlank()) {
      lines.add("# Written by aza-pg engine setup: podman on a host without systemd.");
    }
    for (Setting setting : REQUIRED) {
      Optional<int[]> span = find(lines, setting.table(), setting.key());
      String comment = "# aza-pg: " + setting.reason();
      if (span.isPresent()) {
        int[] s = span.get();
        if (!normalize(value(lines, s)).equals(normalize(setting.value()))) {
          lines.subList(s[0], s[1]).clear();
          lines.addAll(s[0], List.of(comment, setting.line()));
        }
      } else {
        int header = tableHeader(lines, setting.table());
        if (header >= 0) {
          lines.addAll(tableEnd(lines, header), List.of(comment, setting.line()));
        } else {
          if (!lines.isEmpty() && !lines.get(lines.size() - 1).isBlank()) {
            lines.add("");
          }
          lines.addAll(List.of("[" + setting.table() + "]", comment, setting.line()));
        }
      }
    }
    return String.join("\n", lines) + "\n";
  }

  private static List<String> lines(String text) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }

  private static int tableHeader(List<String> lines, String table) {
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = TABLE.matcher(lines.get(i));
      if (m.matches() && m.group(1).equals(table)) {
        return i;
      }
    }
    return -1;
  }

  /** Where a new key goes: after the table's last non-blank line, before the next table. */
  private static int tableEnd(List<String> lines, int header) {
    int next = header + 1;
    while (next < lines.size()
        && !TABLE.matcher(lines.get(next)).matches()
        && !lines.get(next).trim().startsWith("[[")) {
      next++;
    }
    while (next > header + 1 && lines.get(next - 1).isBlank()) {
      next--;
    }
    return next;
  }

  /** The [start, end) line span of the key's assignment in the table, if present. */
  private static Optional<int[]> find(List<String> lines, String table, String key) {
    int header = tableHeader(lines, table);
    if (header < 0) {
      return Optional.empty();
    }
    for (int i = header + 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (TABLE.matcher(line).matches() || line.trim().startsWith("[[")) {
        return Optional.empty();
      }
      Matcher m = KEY.matcher(line);
      if (m.matches() && m.group(1).equals(key)) {
        int end = i + 1;
        int depth = depth(stripComment(m.group(2)));
        while (depth > 0 && end < lines.size()) {
          depth += depth(stripComment(lines.get(end)));
          end++;
        }
        return Optional.of(new int[] {i, end});
      }
    }
    return Optional.empty();
  }

  private static String value(List<String> lines, int[] span) {
    StringBuilder value = new StringBuilder();
    for (int i = span[0]; i < span[1]; i++) {
      String line = stripComment(lines.get(i));
      value.append(i == span[0] ? line.substring(line.indexOf('=') + 1) : line);
    }
    return value.toString();
  }

  private static int depth(String text) {
    int depth = 0;
    for (char c : text.toCharArray()) {
      depth += c == '[' ? 1 : c == ']' ? -1 : 0;
    }
    return depth;
  }

  private static String stripComment(String line) {
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '#' && !quoted) {
        return line.substring(0, i);
      }
    }
    return line;
  }

  private static String normalize(String value) {
    return value.replaceAll("\\s+", "").replace('\'', '"').replace(",]", "]");
  }
}
