package io.azapg.runtime;

import io.azapg.common.ExitCode;
import io.azapg.process.DefaultProcessRunner;
import io.azapg.process.ProcessResult;
import io.azapg.process.ProcessSpec;
import io.azapg.process.Redactor;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@link Exec} on the project's process runner. Each child gets exactly the environment the runtime
 * built (the runner's base). Passed-through output goes to the container log line by line as it
 * comes, with the child's secrets masked, and only its last {@value #PASS_THROUGH_TAIL} characters
 * are kept: an init file that prints hundreds of megabytes runs in the runtime's small heap.
 */
public final class ProcessExec implements Exec {
  /** What is kept of passed-through output (for an error message's tail). */
  static final int PASS_THROUGH_TAIL = 64 * 1024;

  private final Consumer<String> log;

  /**
   * @param log receives the lines of children whose output is passed through
   */
  public ProcessExec(Consumer<String> log) {
    this.log = log;
  }

  @Override
  public Result run(Invocation invocation) {
    DefaultProcessRunner runner = new DefaultProcessRunner(invocation.env(), new Redactor());
    ProcessSpec.Builder spec =
        ProcessSpec.of(invocation.argv())
            .timeout(invocation.timeout())
            .failureCode(ExitCode.DATABASE)
            .missingHints(List.of("the image must provide " + invocation.argv().get(0)));
    invocation.stdin().ifPresent(spec::stdin);
    if (invocation.passThrough()) {
      spec.mergeStderr(true)
          .captureLimit(PASS_THROUGH_TAIL)
          .listener((channel, line) -> log.accept(line));
    }
    ProcessResult r = runner.execute(spec.build());
    return new Result(r.exitCode(), r.stdout(), r.stderr());
  }
}
