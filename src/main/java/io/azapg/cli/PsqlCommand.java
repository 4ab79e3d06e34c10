package io.azapg.cli;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.engine.ContainerEngine;
import io.azapg.process.DefaultProcessRunner;
import io.azapg.process.InteractiveProcess;
import io.azapg.process.ProcessRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aza-pg psql}: psql inside the node, over its local socket (no password needed). */
@Command(
    name = "psql",
    mixinStandardHelpOptions = true,
    description = "Run psql inside the node; arguments after -- go to psql.")
final class PsqlCommand implements Callable<Integer> {
  private final Console console;

  @Mixin EngineOption engineOption;
  @Mixin NodeOptions node;

  @Option(
      names = "--database",
      defaultValue = "postgres",
      description = "Database (default: ${DEFAULT-VALUE}).")
  String database;

  @Parameters(
      paramLabel = "PSQL_ARG",
      description = "Arguments for psql, e.g. -- -c 'select version()'.")
  List<String> args = List.of();

  PsqlCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    ProcessRunner runner = new DefaultProcessRunner();
    ContainerEngine engine = engineOption.select(runner, console.reporter());
    if (engine.inspectContainer(node.name).filter(s -> s.running()).isEmpty()) {
      throw new AzaPgException(
          ExitCode.ENGINE,
          "node " + node.name + " is not running",
          List.of("start it with './aza-pg up'"));
    }
    List<String> argv = new ArrayList<>(List.of(engine.kind().executable(), "exec", "-i"));
    if (System.console() != null) {
      argv.add("-t");
    }
    argv.addAll(List.of("-u", "postgres", node.name, "psql", "-U", "postgres", "-d", database));
    argv.addAll(args);
    console.out().flush();
    return InteractiveProcess.run(argv);
  }
}
