package io.azapg.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Runs child processes from argv lists. The only way aza-pg starts processes; engine, image and ops
 * code take one in their constructor so tests can substitute a fake.
 */
public interface ProcessRunner {
  /**
   * Runs the child to completion and returns its result whatever its exit code.
   *
   * @throws ExecutableNotFoundException when the program is not on PATH
   * @throws ProcessTimeoutException when it outlives its timeout (it is destroyed first)
   */
  ProcessResult execute(ProcessSpec spec);

  /**
   * Runs the child to completion and returns its result.
   *
   * @throws ProcessFailedException when it exits non-zero, with the spec's failure code
   */
  default ProcessResult run(ProcessSpec spec) {
    ProcessResult result = execute(spec);
    if (!result.succeeded()) {
      throw new ProcessFailedException(spec.failureCode(), result, failureTail(spec, result));
    }
    return result;
  }

  /**
   * The last lines worth quoting when the child failed: its stderr, or its stdout when stderr is
   * empty or the output was streamed (builds print their errors among the progress lines).
   */
  default List<String> failureTail(ProcessSpec spec, ProcessResult result) {
    boolean useStdout =
        result.stderr().isBlank() || spec.listener().isPresent() || spec.mergeStderr();
    String text = useStdout ? result.stdout() + "\n" + result.stderr() : result.stderr();
    return redactor().redact(ProcessResult.tail(text, ProcessResult.TAIL_LINES));
  }

  /** Where the program would be found on this runner's PATH; empty when it is not there. */
  Optional<Path> findExecutable(String program);

  /**
   * Starts a long-running program in its own session ({@code setsid}), in {@code /} unless the spec
   * names a working directory (a daemon must not keep the caller's directory, which may be
   * deleted), stdin from /dev/null and both output streams appended to the log file, and returns at
   * once with its pid.
   */
  long startDetached(ProcessSpec spec, Path logFile);

  /** The redactor applied to every command line and output line this runner shows. */
  Redactor redactor();
}
