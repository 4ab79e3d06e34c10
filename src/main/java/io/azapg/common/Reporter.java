package io.azapg.common;

/**
 * Where core code reports progress and warnings. Core code never prints; the CLI renders these
 * events on stderr.
 */
public interface Reporter {
  /** A step of a long operation has started or finished (shown by default). */
  void info(String message);

  /** Something the user should know but that does not stop the operation. */
  void warn(String message);

  /** Detail shown only with --verbose. */
  void debug(String message);

  /** A reporter that discards everything, for tests and quiet callers. */
  static Reporter silent() {
    return new Reporter() {
      @Override
      public void info(String message) {}

      @Override
      public void warn(String message) {}

      @Override
      public void debug(String message) {}
    };
  }
}
