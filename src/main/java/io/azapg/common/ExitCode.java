package io.azapg.common;

/** The process exit codes of every aza-pg command, documented in the README. */
public enum ExitCode {
  /** The command did what it was asked. */
  OK(0),
  /** A check ran and found problems (stale generated files, failed verification). */
  CHECK_FAILED(1),
  /** The command line could not be parsed (picocli's own usage code). */
  USAGE(2),
  /** An input was invalid: a catalog, a configuration file, an option or environment value. */
  INVALID_INPUT(3),
  /** The container engine is missing or a call to it failed. */
  ENGINE(4),
  /** PostgreSQL could not be reached or a statement failed. */
  DATABASE(5),
  /** Something did not happen within its time limit. */
  TIMEOUT(6),
  /** An unexpected internal error: a bug in aza-pg. */
  INTERNAL(70);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  /** Returns the numeric process exit code. */
  public int code() {
    return code;
  }
}
