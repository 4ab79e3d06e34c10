package io.azapg.engine.base;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * dpkg's {@code path-exclude}/{@code path-include} rules for the base image, written into it so
 * later package installs stay slim, and applied once to what debootstrap already unpacked. As in
 * dpkg, {@code *} also matches {@code /}, and the last matching rule wins.
 */
final class DpkgPathFilter {
  /** Documentation, manuals and translations go; copyrights and what en_US.UTF-8 needs stay. */
  static final List<String> RULES =
      List.of(
          "path-exclude=/usr/share/doc/*",
          "path-include=/usr/share/doc/*/copyright",
          "path-exclude=/usr/share/man/*",
          "path-exclude=/usr/share/info/*",
          "path-exclude=/usr/share/groff/*",
          "path-exclude=/usr/share/lintian/*",
          "path-exclude=/usr/share/linda/*",
          "path-exclude=/usr/share/locale/*",
          "path-include=/usr/share/locale/locale.alias",
          "path-include=/usr/share/locale/en_US*",
          "path-exclude=/usr/share/i18n/locales/*",
          "path-include=/usr/share/i18n/locales/C",
          "path-include=/usr/share/i18n/locales/en_US",
          "path-include=/usr/share/i18n/locales/i18n*",
          "path-include=/usr/share/i18n/locales/iso14651_t1*",
          "path-include=/usr/share/i18n/locales/translit_*");

  /** The directories the rules can remove anything from. */
  static final List<String> ROOTS =
      List.of(
          "/usr/share/doc",
          "/usr/share/man",
          "/usr/share/info",
          "/usr/share/groff",
          "/usr/share/lintian",
          "/usr/share/linda",
          "/usr/share/locale",
          "/usr/share/i18n/locales");

  private record Rule(boolean include, Pattern pattern) {}

  private final List<Rule> rules = new ArrayList<>();

  DpkgPathFilter(List<String> lines) {
    for (String line : lines) {
      String[] parts = line.split("=", 2);
      rules.add(new Rule(parts[0].equals("path-include"), glob(parts[1])));
    }
  }

  static DpkgPathFilter standard() {
    return new DpkgPathFilter(RULES);
  }

  /** The dpkg.cfg.d file that carries the rules into the image. */
  static String configFile() {
    return "# Written by aza-pg base: keep the image slim (documentation, manuals, translations).\n"
        + "# C.UTF-8 lives in /usr/lib/locale and is not affected; en_US stays buildable.\n"
        + String.join("\n", RULES)
        + "\n";
  }

  /** Whether dpkg would leave this absolute path out. */
  boolean excludes(String path) {
    boolean excluded = false;
    for (Rule rule : rules) {
      if (rule.pattern.matcher(path).matches()) {
        excluded = !rule.include;
      }
    }
    return excluded;
  }

  private static Pattern glob(String glob) {
    StringBuilder regex = new StringBuilder();
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString());
  }
}
