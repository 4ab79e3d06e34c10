package io.azapg.catalog;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Just enough SQL lexing to tell statements apart: quotes, dollar quotes and comments. */
final class SqlText {
  private static final Pattern DOLLAR_TAG = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)?\\$");

  private SqlText() {}

  /**
   * Whether {@code sql} holds a ';' outside string literals, quoted identifiers, dollar-quoted
   * strings and comments, ignoring one at the very end: that is, more than one statement.
   */
  static boolean hasSeveralStatements(String sql) {
    String text = sql.strip();
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (c == '\'' || c == '"') {
        i = closing(text, i + 1, c);
      } else if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
        int eol = text.indexOf('\n', i);
        i = eol < 0 ? n : eol + 1;
      } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
        int end = text.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (c == '$' && (i == 0 || !isIdentifierPart(text.charAt(i - 1)))) {
        Matcher m = DOLLAR_TAG.matcher(text).region(i, n);
        if (m.lookingAt()) {
          String tag = m.group();
          int end = text.indexOf(tag, m.end());
          i = end < 0 ? n : end + tag.length();
        } else {
          i++;
        }
      } else if (c == ';') {
        if (!text.substring(i + 1).isBlank()) {
          return true;
        }
        i++;
      } else {
        i++;
      }
    }
    return false;
  }

  /** The index after the quote that closes one opened before {@code from} (doubled quotes stay). */
  private static int closing(String text, int from, char quote) {
    int i = from;
    while (i < text.length()) {
      if (text.charAt(i) == quote) {
        if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return text.length();
  }

  private static boolean isIdentifierPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }
}
