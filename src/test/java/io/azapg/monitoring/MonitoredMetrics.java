package io.azapg.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names monitoring/ uses: every {@code expr} of the alert rules and every target of the
 * Grafana dashboard, read as PromQL far enough to tell metric names from functions, aggregations,
 * keywords, label names and durations.
 */
public final class MonitoredMetrics {
  public static final Path RULES = Path.of("monitoring/prometheus/alerts.yml");
  public static final Path DASHBOARD = Path.of("monitoring/grafana/aza-pg.json");

  private static final Pattern STRINGS =
      Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
  private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*\\}");
  private static final Pattern RANGES = Pattern.compile("\\[[^\\]]*\\]");
  private static final Pattern LABEL_LISTS =
      Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  private static final Pattern IDENT =
      Pattern.compile("(?<![A-Za-z0-9_:.])([A-Za-z_:][A-Za-z0-9_:]*)(\\s*\\()?");
  private static final Set<String> KEYWORDS =
      Set.of(
          "and",
          "or",
          "unless",
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "bool",
          "offset",
          "inf",
          "nan",
          "Inf",
          "NaN");

  private MonitoredMetrics() {}

  /** The metric names of one PromQL expression. */
  public static Set<String> of(String expr) {
    String s = STRINGS.matcher(expr).replaceAll(" ");
    s = MATCHERS.matcher(s).replaceAll(" ");
    s = RANGES.matcher(s).replaceAll(" ");
    s = LABEL_LISTS.matcher(s).replaceAll(" ");
    Set<String> names = new TreeSet<>();
    Matcher m = IDENT.matcher(s);
    while (m.find()) {
      if (m.group(2) == null && !KEYWORDS.contains(m.group(1))) {
        names.add(m.group(1));
      }
    }
    return names;
  }

  /** Every expression of the alert rules. */
  public static List<String> ruleExpressions() {
    List<String> exprs = new ArrayList<>();
    for (JsonNode group : read(RULES, new ObjectMapper(new YAMLFactory())).path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        exprs.add(rule.path("expr").asText());
      }
    }
    return exprs;
  }

  /** Every target expression of the dashboard's panels. */
  public static List<String> dashboardExpressions() {
    List<String> exprs = new ArrayList<>();
    for (JsonNode panel : read(DASHBOARD, new ObjectMapper()).path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        exprs.add(target.path("expr").asText());
      }
    }
    return exprs;
  }

  /** Every metric name monitoring/ uses. */
  public static Set<String> all() {
    Set<String> names = new TreeSet<>();
    ruleExpressions().forEach(e -> names.addAll(of(e)));
    dashboardExpressions().forEach(e -> names.addAll(of(e)));
    return names;
  }

  private static JsonNode read(Path file, ObjectMapper mapper) {
    try {
      return mapper.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
