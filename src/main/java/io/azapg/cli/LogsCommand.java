package io.azapg.cli;

import io.azapg.process.DefaultProcessRunner;
import io.azapg.process.ProcessRunner;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code aza-pg logs}: the node's log (server and entrypoint). */
@Command(name = "logs", mixinStandardHelpOptions = true, description = "Print the node's log.")
final class LogsCommand implements Callable<Integer> {
  private final Console console;

  @Mixin EngineOption engineOption;
  @Mixin NodeOptions node;

  @Option(names = "--tail", paramLabel = "N", description = "Only the last N lines.")
  Integer tail;

  LogsCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    ProcessRunner runner = new DefaultProcessRunner();
    String logs =
        engineOption
            .select(runner, console.reporter())
            .logs(node.name, tail == null ? OptionalInt.empty() : OptionalInt.of(tail));
    console.out().print(logs);
    console.out().flush();
    return 0;
  }
}
