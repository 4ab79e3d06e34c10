package io.azapg.cli;

import io.azapg.process.DefaultProcessRunner;
import io.azapg.process.ProcessRunner;
import io.azapg.stack.SingleNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code aza-pg down}: stop and remove the node; its data only with --volumes. */
@Command(
    name = "down",
    mixinStandardHelpOptions = true,
    description = "Stop and remove the node (the data volume stays unless --volumes).")
final class DownCommand implements Callable<Integer> {
  private final Console console;

  @Mixin EngineOption engineOption;
  @Mixin NodeOptions node;

  @Option(
      names = "--volumes",
      description = "Also delete the data volume: the database is gone for good.")
  boolean volumes;

  DownCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    ProcessRunner runner = new DefaultProcessRunner();
    new SingleNode(engineOption.select(runner, console.reporter()), console.reporter())
        .down(node.byName(), volumes);
    return 0;
  }
}
