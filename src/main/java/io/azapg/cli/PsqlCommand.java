package io.azapg.cli;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.engine.ContainerEngine;
import io.azapg.engine.ExecSpec;
import io.azapg.process.DefaultProcessRunner;
import io.azapg.process.ProcessRunner;
import io.azapg.stack.NodeRecord;
import io.azapg.stack.SingleNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code aza-pg psql}: psql inside the node, over its local socket (no password needed), through
 * the engine adapter (so {@code --engine docker} on the Podman socket works too), in the node's
 * database.
 */
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
      description = "Database (default: the one the node was started with).")
  @Nullable String database;

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
    String db =
        database != null
            ? database
            : SingleNode.recorded(node.byName()).map(NodeRecord::database).orElse("postgres");
    List<String> argv = new ArrayList<>(List.of("psql", "-U", "postgres", "-d", db));
    argv.addAll(args);
    console.out().flush();
    return engine.execInteractive(
        new ExecSpec(
            node.name,
            argv,
            Optional.empty(),
            Optional.of("postgres"),
            Optional.empty(),
            Map.of(),
            Duration.ofDays(365)),
        System.console() != null);
  }
}
