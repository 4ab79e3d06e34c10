package io.azapg.runtime;

import io.azapg.common.ExitCode;
import io.azapg.process.DefaultProcessRunner;
import io.azapg.process.ProcessResult;
import io.azapg.process.ProcessSpec;
import io.azapg.process.Redactor;
import java.util.function.Consumer;

/**
 * {@link Exec} on the project's process runner. Each child gets exactly the environment the runtime
 * built (the runner's base), and passed-through output goes line by line to the container log as it
 * comes.
 */
public final class ProcessExec implements Exec {
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
            .missingHints(java.util.List.of("the image must provide " + invocation.argv().get(0)));
    invocation.stdin().ifPresent(spec::stdin);
    if (invocation.passThrough()) {
      spec.mergeStderr(true);
    }
    ProcessResult r = runner.execute(spec.build());
    if (invocation.passThrough()) {
      r.stdout().lines().forEach(log);
    }
    return new Result(r.exitCode(), r.stdout(), r.stderr());
  }
}
