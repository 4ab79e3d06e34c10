package io.azapg.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads {@code name = value} lines as PostgreSQL's configuration parser does: {@code =} optional,
 * names case-insensitive, values bare or single-quoted (a doubled quote is one quote), {@code #}
 * starts a comment outside quotes. Include directives are left out; unreadable lines are skipped
 * (the server reports those itself).
 */
final class ConfLines {
  /** One setting line: the lower-cased name and the value without quotes. */
  record Line(String name, String value) {}

  private ConfLines() {}

  static List<Line> parse(String text) {
    List<Line> lines = new ArrayList<>();
    for (String raw : text.split("\n", -1)) {
      parseLine(raw.strip()).ifPresent(lines::add);
    }
    return lines;
  }

  private static java.util.Optional<Line> parseLine(String s) {
    int i = 0;
    while (i < s.length()
        && (Character.isLetterOrDigit(s.charAt(i)) || "_.".indexOf(s.charAt(i)) >= 0)) {
      i++;
    }
    if (i == 0 || !Character.isLetter(s.charAt(0)) && s.charAt(0) != '_') {
      return java.util.Optional.empty();
    }
    String name = s.substring(0, i).toLowerCase(Locale.ROOT);
    String rest = s.substring(i).stripLeading();
    if (rest.startsWith("=")) {
      rest = rest.substring(1).stripLeading();
    }
    if (name.startsWith("include") || rest.isEmpty() || rest.startsWith("#")) {
      return java.util.Optional.empty();
    }
    StringBuilder value = new StringBuilder();
    if (rest.startsWith("'")) {
      int j = 1;
      while (j < rest.length()) {
        char c = rest.charAt(j);
        if (c == '\'' && j + 1 < rest.length() && rest.charAt(j + 1) == '\'') {
          value.append('\'');
          j += 2;
        } else if (c == '\'') {
          return java.util.Optional.of(new Line(name, value.toString()));
        } else {
          value.append(c);
          j++;
        }
      }
      return java.util.Optional.empty();
    }
    int end = rest.indexOf('#');
    String bare = (end < 0 ? rest : rest.substring(0, end)).strip();
    return bare.isEmpty() || bare.contains(" ")
        ? java.util.Optional.empty()
        : java.util.Optional.of(new Line(name, bare));
  }
}
