package io.azapg.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits a string into words the way a POSIX shell does for quoting: blanks separate words, single
 * quotes keep everything literally, double quotes keep blanks, a backslash escapes the next
 * character. Nothing is expanded ({@code $VAR}, globs and command substitution stay literal), so a
 * value such as {@code POSTGRES_INITDB_ARGS} never runs code.
 */
final class ShellWords {
  private ShellWords() {}

  /**
   * The words of {@code text}.
   *
   * @return the words, or empty when a quote is not closed or the text ends with a lone backslash
   */
  static Optional<List<String>> split(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n') {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
        i++;
      } else if (c == '\'') {
        int end = text.indexOf('\'', i + 1);
        if (end < 0) {
          return Optional.empty();
        }
        word.append(text, i + 1, end);
        inWord = true;
        i = end + 1;
      } else if (c == '"') {
        i++;
        boolean closed = false;
        while (i < text.length()) {
          char d = text.charAt(i);
          if (d == '"') {
            closed = true;
            i++;
            break;
          }
          if (d == '\\' && i + 1 < text.length() && "\"\\$`\n".indexOf(text.charAt(i + 1)) >= 0) {
            word.append(text.charAt(i + 1));
            i += 2;
          } else {
            word.append(d);
            i++;
          }
        }
        if (!closed) {
          return Optional.empty();
        }
        inWord = true;
      } else if (c == '\\') {
        if (i + 1 >= text.length()) {
          return Optional.empty();
        }
        word.append(text.charAt(i + 1));
        inWord = true;
        i += 2;
      } else {
        word.append(c);
        inWord = true;
        i++;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return Optional.of(List.copyOf(words));
  }

  /** Quotes one word for a POSIX shell (used for pg_ctl's {@code -o} option string). */
  static String quote(String word) {
    if (!word.isEmpty() && word.chars().allMatch(ShellWords::plain)) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }

  private static boolean plain(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "-_./=:,+@%".indexOf(c) >= 0;
  }
}
