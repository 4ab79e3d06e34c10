package io.azapg.db;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.sql.SQLException;
import org.postgresql.core.Utils;

/**
 * Quotes values for SQL text that aza-pg generates. Uses pgjdbc's own quoting, which assumes {@code
 * standard_conforming_strings = on} (the default since PostgreSQL 9.1).
 */
public final class Sql {
  private Sql() {}

  /** A string literal: {@code it's} becomes {@code 'it''s'}. Rejects NUL characters. */
  public static String literal(String value) {
    try {
      return "'" + Utils.escapeLiteral(null, value, true) + "'";
    } catch (SQLException e) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT, "cannot quote a value for SQL: " + e.getMessage());
    }
  }

  /** A quoted identifier: {@code my db} becomes {@code "my db"}. Rejects NUL characters. */
  public static String ident(String name) {
    try {
      return Utils.escapeIdentifier(null, name).toString();
    } catch (SQLException e) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT, "cannot quote a name for SQL: " + e.getMessage());
    }
  }

  /** A text array literal built from quoted elements: {@code ARRAY['a','b']::text[]}. */
  public static String textArray(java.util.List<String> values) {
    StringBuilder sb = new StringBuilder("ARRAY[");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(literal(values.get(i)));
    }
    return sb.append("]::text[]").toString();
  }
}
