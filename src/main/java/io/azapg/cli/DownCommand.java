package io.azapg.cli;

import io.azapg.process.DefaultProcessRunner;
import io.azapg.process.ProcessRunner;
import io.azapg.stack.SingleNode;
import io.azapg.stack.StackControl;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code aza-pg down}: stop and remove the node; its data only with --volumes. */
@Command(
    name = "down",
    mixinStandardHelpOptions = true,
    description =
        "Stop and remove the node, or with --stack a stack (the data volume stays unless"
            + " --volumes).")
final class DownCommand implements Callable<Integer> {
  private final Console console;

  @Mixin EngineOption engineOption;
  @Mixin NodeOptions node;
  @Mixin StackSelection stack;

  @Spec CommandSpec spec;

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
    if (stack.kind().isPresent()) {
      new StackControl(engineOption.select(runner, console.reporter()), runner, console.reporter())
          .down(stack.spec(stack.kind().get(), spec, node.name), volumes);
      return 0;
    }
    new SingleNode(engineOption.select(runner, console.reporter()), console.reporter())
        .down(node.byName(), volumes);
    return 0;
  }
}
