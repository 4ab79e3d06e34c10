package io.azapg.runtime;

import java.util.List;

/** Renders the tuning include ({@code aza-pg.tuning.conf}), written at every start. */
final class TuningConf {
  private TuningConf() {}

  /**
   * The file's text: a header, then one {@code name = 'value'} line per setting with its reason.
   */
  static String render(List<Setting> settings, String summary) {
    StringBuilder sb = new StringBuilder();
    sb.append("# aza-pg.tuning.conf: written by aza-pg at every start; edits here are lost.\n")
        .append("# Override any of these in conf.d/*.conf, with ALTER SYSTEM, or with -c flags.\n")
        .append("# The full report: SELECT * FROM aza_pg.tuning; (file: aza-pg.tuning.json)\n");
    if (!summary.isEmpty()) {
      sb.append("# ").append(summary.replace('\n', ' ')).append('\n');
    }
    for (Setting s : settings) {
      sb.append('\n')
          .append("# ")
          .append(s.origin())
          .append(": ")
          .append(s.reason().replace('\n', ' '))
          .append('\n')
          .append(s.name())
          .append(" = ")
          .append(quote(s.value()))
          .append('\n');
    }
    return sb.toString();
  }

  /** A configuration-file string literal: single quotes, embedded ones doubled. */
  static String quote(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
  }
}
