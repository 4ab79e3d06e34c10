package io.azapg.cli;

import io.azapg.common.Reporter;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The only place that holds the process's stdout and stderr. Data goes to {@link #out()}, talk
 * (progress, warnings, errors) to {@link #err()}.
 */
public final class Console {
  private final PrintWriter out;
  private final PrintWriter err;
  private volatile boolean verbose;

  public Console(PrintWriter out, PrintWriter err, boolean verbose) {
    this.out = out;
    this.err = err;
    this.verbose = verbose;
  }

  @SuppressWarnings("forbiddenapis") // the one sanctioned use of System.out/err
  static Console system() {
    return new Console(
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true),
        false);
  }

  public PrintWriter out() {
    return out;
  }

  public PrintWriter err() {
    return err;
  }

  public boolean verbose() {
    return verbose;
  }

  void setVerbose(boolean verbose) {
    this.verbose = verbose;
  }

  /** A reporter that writes progress lines to stderr, prefixed so they are easy to grep. */
  public Reporter reporter() {
    return new Reporter() {
      @Override
      public void info(String message) {
        err.println("aza-pg: " + message);
        err.flush();
      }

      @Override
      public void warn(String message) {
        err.println("aza-pg: warning: " + message);
        err.flush();
      }

      @Override
      public void debug(String message) {
        if (verbose) {
          err.println("aza-pg: debug: " + message);
          err.flush();
        }
      }
    };
  }
}
