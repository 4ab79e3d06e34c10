package io.azapg.process;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of a finished child process. The argv is the redacted form, safe to print.
 *
 * @param argv the command as run, with secrets replaced by {@code ***}
 * @param exitCode the child's exit status
 * @param stdout everything the child wrote on stdout (UTF-8)
 * @param stderr everything the child wrote on stderr (UTF-8; empty when merged into stdout)
 * @param duration wall-clock time from start to exit
 */
public record ProcessResult(
    List<String> argv, int exitCode, String stdout, String stderr, Duration duration) {
  /** How many lines of output an error message shows. */
  public static final int TAIL_LINES = 20;

  public ProcessResult {
    argv = List.copyOf(argv);
  }

  public boolean succeeded() {
    return exitCode == 0;
  }

  /** The stdout lines, without line terminators and without a trailing empty line. */
  public List<String> stdoutLines() {
    return lines(stdout);
  }

  /** The last {@code count} non-blank lines of the given text. */
  public static List<String> tail(String text, int count) {
    List<String> all = lines(text).stream().filter(line -> !line.isBlank()).toList();
    return all.subList(Math.max(0, all.size() - count), all.size());
  }

  private static List<String> lines(String text) {
    if (text.isEmpty()) {
      return List.of();
    }
    List<String> parts = List.of(text.split("\r?\n", -1));
    return text.endsWith("\n") ? parts.subList(0, parts.size() - 1) : parts;
  }
}
