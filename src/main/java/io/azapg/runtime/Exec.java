package io.azapg.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How the runtime starts child processes (initdb, pg_ctl, psql, init scripts). */
public interface Exec {

  /** Runs a child to completion; never throws for a non-zero exit. */
  Result run(Invocation invocation);

  /**
   * One child process.
   *
   * @param argv the program and its arguments (never a shell string)
   * @param env the child's complete environment
   * @param stdin bytes for its standard input (empty: no input)
   * @param timeout how long it may run
   * @param passThrough its output goes to the container log as it comes (otherwise captured)
   */
  record Invocation(
      List<String> argv,
      Map<String, String> env,
      Optional<byte[]> stdin,
      Duration timeout,
      boolean passThrough) {
    public Invocation {
      argv = List.copyOf(argv);
      env = Map.copyOf(env);
    }
  }

  /**
   * What a child did.
   *
   * @param exitCode its exit code
   * @param stdout captured standard output (empty when passed through)
   * @param stderr captured standard error (empty when passed through)
   */
  record Result(int exitCode, String stdout, String stderr) {
    public boolean ok() {
      return exitCode == 0;
    }

    /** The last lines of stderr (or stdout when stderr is empty), for an error message. */
    public String tail(int lines) {
      String text = stderr.isBlank() ? stdout : stderr;
      String[] all = text.strip().split("\n");
      int from = Math.max(0, all.length - lines);
      return String.join("\n", java.util.Arrays.asList(all).subList(from, all.length));
    }
  }
}
