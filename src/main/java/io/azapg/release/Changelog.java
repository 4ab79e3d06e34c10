package io.azapg.release;

import java.util.List;

/** Reads CHANGELOG.md (Keep a Changelog layout): the body of its {@code [Unreleased]} section. */
final class Changelog {
  private Changelog() {}

  /** The lines between {@code ## [Unreleased]} and the next {@code ## } heading, trimmed. */
  static String unreleased(String changelog) {
    List<String> lines = changelog.lines().toList();
    StringBuilder body = new StringBuilder();
    boolean in = false;
    for (String line : lines) {
      if (line.startsWith("## ")) {
        if (in) {
          break;
        }
        in = line.toLowerCase(java.util.Locale.ROOT).startsWith("## [unreleased]");
        continue;
      }
      if (in) {
        body.append(line).append('\n');
      }
    }
    return body.toString().strip();
  }
}
