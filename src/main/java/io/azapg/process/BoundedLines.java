package io.azapg.process;

import java.util.function.Consumer;

/**
 * Splits a stream of characters into lines as they come, in bounded memory: a line longer than the
 * limit is handed on in pieces of at most that many characters (a restore that prints one 200 MB
 * line must not need 200 MB). A trailing carriage return is dropped from each line. Not
 * thread-safe: one instance per stream.
 */
public final class BoundedLines {
  private final int maxLine;
  private final Consumer<String> sink;
  private final StringBuilder pending = new StringBuilder();
  private boolean continued;

  /**
   * @param maxLine the longest piece handed on, in characters
   * @param sink receives each line (or piece of a long line)
   */
  public BoundedLines(int maxLine, Consumer<String> sink) {
    if (maxLine < 2) {
      throw new IllegalArgumentException("maxLine must be at least 2: " + maxLine);
    }
    this.maxLine = maxLine;
    this.sink = sink;
  }

  /** Takes the next {@code length} characters of the stream. */
  public void accept(char[] chars, int length) {
    int start = 0;
    for (int i = 0; i < length; i++) {
      if (chars[i] == '\n') {
        append(chars, start, i - start);
        emit(true);
        start = i + 1;
      }
    }
    append(chars, start, length - start);
  }

  /** Hands on what is left after the end of the stream (a last line without a newline). */
  public void finish() {
    if (pending.length() > 0) {
      emit(true);
    }
    continued = false;
  }

  private void append(char[] chars, int from, int length) {
    int at = from;
    int left = length;
    while (left > 0) {
      int room = maxLine - pending.length();
      int take = Math.min(room, left);
      pending.append(chars, at, take);
      at += take;
      left -= take;
      if (pending.length() >= maxLine) {
        emit(false);
      }
    }
  }

  private void emit(boolean endOfLine) {
    int length = pending.length();
    if (endOfLine && length > 0 && pending.charAt(length - 1) == '\r') {
      length--;
    }
    if (length > 0 || endOfLine && !continued) {
      int cut = length;
      // never split a surrogate pair between two pieces
      if (!endOfLine && cut > 1 && Character.isHighSurrogate(pending.charAt(cut - 1))) {
        cut--;
      }
      sink.accept(pending.substring(0, cut));
      pending.delete(0, endOfLine ? pending.length() : cut);
    } else {
      pending.setLength(0);
    }
    continued = !endOfLine;
  }
}
