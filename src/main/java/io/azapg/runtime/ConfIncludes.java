package io.azapg.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Edits {@code postgresql.conf} so that the precedence is: the tuning include (first line) &lt; the
 * rest of postgresql.conf &lt; {@code conf.d/*.conf} (last line) &lt; postgresql.auto.conf (ALTER
 * SYSTEM, read after postgresql.conf by the server) &lt; {@code -c} flags. Every edit is
 * idempotent.
 */
final class ConfIncludes {
  /** The tuning include's file name, relative to the data directory. */
  static final String TUNING_FILE = "aza-pg.tuning.conf";

  /** The directory for the user's own configuration files, relative to the data directory. */
  static final String CONF_DIR = "conf.d";

  static final String TOP =
      "# aza-pg: the tuning include comes first, so every setting below, conf.d/*.conf,\n"
          + "# ALTER SYSTEM and -c flags override it. Do not move this line.\n"
          + "include_if_exists = '"
          + TUNING_FILE
          + "'\n";

  static final String BOTTOM =
      "\n# aza-pg: your own settings go in conf.d/*.conf (read last, after everything above).\n"
          + "include_dir = '"
          + CONF_DIR
          + "'\n";

  private static final Pattern TUNING_LINE =
      Pattern.compile("(?m)^\\s*include_if_exists\\s*=?\\s*'" + Pattern.quote(TUNING_FILE) + "'");
  private static final Pattern CONF_DIR_LINE =
      Pattern.compile("(?m)^\\s*include_dir\\s*=?\\s*'" + Pattern.quote(CONF_DIR) + "/?'");
  private static final Pattern SETTING =
      Pattern.compile("^\\s*([A-Za-z_][A-Za-z0-9_.]*)\\s*(=|\\s)\\s*\\S.*$");

  private ConfIncludes() {}

  /** Whether the text already has the tuning include line (not commented out). */
  static boolean hasTuningInclude(String conf) {
    return TUNING_LINE.matcher(conf).find();
  }

  /** Whether the text already has the conf.d include line (not commented out). */
  static boolean hasConfDir(String conf) {
    return CONF_DIR_LINE.matcher(conf).find();
  }

  /** Adds the tuning include at the top and conf.d at the end, each only when missing. */
  static String withIncludes(String conf) {
    String result = conf;
    if (!hasTuningInclude(result)) {
      result = TOP + "\n" + result;
    }
    if (!hasConfDir(result)) {
      result = (result.endsWith("\n") ? result : result + "\n") + BOTTOM;
    }
    return result;
  }

  /**
   * Comments out active lines that set one of {@code names}. Used once, right after initdb, whose
   * own {@code max_connections}, {@code shared_buffers} and WAL sizes would otherwise beat the
   * tuning include that sits above them. Never used on an existing data directory: there such lines
   * are the user's.
   */
  static String commentOut(String conf, Set<String> names) {
    List<String> out = new ArrayList<>();
    for (String line : conf.split("\n", -1)) {
      Matcher m = SETTING.matcher(line);
      if (m.matches() && names.contains(m.group(1)) && !m.group(1).startsWith("include")) {
        out.add("#" + line + "\t# aza-pg: set in " + TUNING_FILE);
      } else {
        out.add(line);
      }
    }
    return String.join("\n", out);
  }

  /** Names set by active lines of the text (include directives excluded), in file order. */
  static List<String> activeSettings(String conf) {
    List<String> names = new ArrayList<>();
    for (String line : conf.split("\n", -1)) {
      Matcher m = SETTING.matcher(line);
      if (m.matches() && !m.group(1).startsWith("include")) {
        names.add(m.group(1));
      }
    }
    return names;
  }
}
