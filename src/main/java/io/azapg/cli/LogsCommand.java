package io.azapg.cli;

import io.azapg.process.DefaultProcessRunner;
import io.azapg.process.ProcessRunner;
import io.azapg.stack.StackControl;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aza-pg logs}: the node's log (server and entrypoint). */
@Command(
    name = "logs",
    mixinStandardHelpOptions = true,
    description = "Print the node's log, or with --stack the stack's (or one service's).")
final class LogsCommand implements Callable<Integer> {
  private final Console console;

  @Mixin EngineOption engineOption;
  @Mixin NodeOptions node;
  @Mixin StackSelection stack;

  @Spec CommandSpec spec;

  @Parameters(
      arity = "0..1",
      paramLabel = "SERVICE",
      description = "With --stack: one service's log (e.g. pgbouncer).")
  @Nullable String service;

  @Option(names = "--tail", paramLabel = "N", description = "Only the last N lines.")
  @Nullable Integer tail;

  LogsCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    ProcessRunner runner = new DefaultProcessRunner();
    OptionalInt lines = tail == null ? OptionalInt.empty() : OptionalInt.of(tail);
    if (stack.kind().isPresent()) {
      console
          .out()
          .print(
              new StackControl(
                      engineOption.select(runner, console.reporter()), runner, console.reporter())
                  .logs(
                      stack.spec(stack.kind().get(), spec, node.name),
                      java.util.Optional.ofNullable(service),
                      lines));
      console.out().flush();
      return 0;
    }
    if (service != null) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "SERVICE needs --stack (the single node has one container)");
    }
    String logs =
        engineOption
            .select(runner, console.reporter())
            .logs(node.name, tail == null ? OptionalInt.empty() : OptionalInt.of(tail));
    console.out().print(logs);
    console.out().flush();
    return 0;
  }
}
