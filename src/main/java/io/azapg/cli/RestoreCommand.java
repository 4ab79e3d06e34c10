package io.azapg.cli;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.engine.ContainerEngine;
import io.azapg.ops.LogicalRestore;
import io.azapg.process.DefaultProcessRunner;
import io.azapg.process.ProcessRunner;
import java.io.Console;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aza-pg restore FILE}: a checked, confirmed, stop-at-first-error restore. */
@Command(
    name = "restore",
    mixinStandardHelpOptions = true,
    description =
        "Restore a logical backup into a node or stack: the archive is checked (its .sha256 and a"
            + " complete read-back) before anything is touched, you confirm (or pass --yes), the"
            + " restore stops at the first error, and every table's row count is printed.")
final class RestoreCommand implements Callable<Integer> {
  private final io.azapg.cli.Console console;

  @Mixin EngineOption engineOption;
  @Mixin NodeOptions node;
  @Mixin StackSelection stack;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The backup to restore.")
  Path file;

  @Option(
      names = "--db",
      description =
          "Database to restore into (default: the node's or stack's; with --create, the"
              + " archive's).")
  @Nullable String database;

  @Option(names = "--create", description = "Create the database first (refused if it exists).")
  boolean create;

  @Option(names = "--single-transaction", description = "All or nothing.")
  boolean singleTransaction;

  @Option(names = "--yes", description = "Do not ask for confirmation (needed without a terminal).")
  boolean yes;

  RestoreCommand(io.azapg.cli.Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    ProcessRunner runner = new DefaultProcessRunner();
    ContainerEngine engine = engineOption.select(runner, console.reporter());
    var target = OpsTarget.resolve(engine, runner, node, stack, spec);
    LogicalRestore.Result r =
        new LogicalRestore(engine, console.reporter())
            .run(
                target,
                new LogicalRestore.Request(
                    file, Optional.ofNullable(database), create, singleTransaction),
                this::confirm);
    console
        .reporter()
        .info(
            "restored into \""
                + r.database()
                + "\" in "
                + String.format(Locale.ROOT, "%.1f", r.duration().toMillis() / 1000.0)
                + " s; "
                + r.tables().size()
                + " tables");
    for (LogicalRestore.TableRows t : r.tables()) {
      console.out().println(t.table() + "\t" + t.rows());
    }
    console.out().flush();
    return 0;
  }

  private boolean confirm(String plan) {
    if (yes) {
      return true;
    }
    Console terminal = System.console();
    if (terminal == null) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "restore needs a confirmation and there is no terminal to ask: " + plan,
          List.of("pass --yes to confirm non-interactively"));
    }
    console.err().flush();
    String answer = terminal.readLine("aza-pg: %s.%nType yes to go ahead: ", plan);
    return answer != null && answer.strip().equals("yes");
  }
}
