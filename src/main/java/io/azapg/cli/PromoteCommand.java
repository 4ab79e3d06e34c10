package io.azapg.cli;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.engine.ContainerEngine;
import io.azapg.ops.LogicalBackup;
import io.azapg.ops.Promotion;
import io.azapg.ops.Target;
import io.azapg.process.DefaultProcessRunner;
import io.azapg.process.ProcessRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code aza-pg promote}: a standby becomes a primary, after a backup, with pg_promote(). */
@Command(
    name = "promote",
    mixinStandardHelpOptions = true,
    description =
        "Promote a streaming standby (--stack replica --name P, or a node --name N) with"
            + " pg_promote(): checks it is a standby, takes a logical backup first (unless"
            + " --no-backup), waits until it accepts writes, and prints what remains to do.")
final class PromoteCommand implements Callable<Integer> {
  private final Console console;

  @Mixin EngineOption engineOption;
  @Mixin NodeOptions node;
  @Mixin StackSelection stack;
  @Spec CommandSpec spec;

  @Option(names = "--no-backup", description = "Skip the pre-promotion backup.")
  boolean noBackup;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "The pre-promotion backup (default: pre-promotion-<db>-<UTC time>.dump).")
  @Nullable Path output;

  @Option(
      names = "--timeout",
      defaultValue = "60",
      description = "Seconds for the promotion and the first write (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(names = "--yes", description = "Do not ask for confirmation (needed without a terminal).")
  boolean yes;

  PromoteCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    if (timeoutSeconds < 1) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "--timeout " + timeoutSeconds + ": must be at least 1 second",
          List.of("e.g. --timeout 60"));
    }
    ProcessRunner runner = new DefaultProcessRunner();
    ContainerEngine engine = engineOption.select(runner, console.reporter());
    Target target = OpsTarget.resolve(engine, runner, node, stack, spec);
    Optional<LogicalBackup.Request> backup =
        noBackup
            ? Optional.empty()
            : Optional.of(
                new LogicalBackup.Request(
                    Optional.empty(),
                    false,
                    LogicalBackup.Format.CUSTOM,
                    LogicalBackup.Compression.parse("zstd"),
                    output != null
                        ? output
                        : Path.of(
                            "pre-promotion-"
                                + BackupCommand.defaultName(
                                        target.database(),
                                        LogicalBackup.Format.CUSTOM,
                                        LogicalBackup.Compression.parse("zstd"))
                                    .substring("backup-".length()))));
    Promotion.Result r =
        new Promotion(engine, console.reporter())
            .run(
                target,
                backup,
                plan -> {
                  if (yes) {
                    return true;
                  }
                  java.io.Console terminal = System.console();
                  if (terminal == null) {
                    throw new AzaPgException(
                        ExitCode.INVALID_INPUT,
                        "promote needs a confirmation and there is no terminal to ask: " + plan,
                        List.of("pass --yes to confirm non-interactively"));
                  }
                  console.err().flush();
                  String answer = terminal.readLine("aza-pg: %s.%nType yes to go ahead: ", plan);
                  return answer != null && answer.strip().equals("yes");
                },
                Duration.ofSeconds(timeoutSeconds));
    r.backup().ifPresent(b -> console.out().println("backup: " + b.file()));
    console.out().println("promoted: " + target.container());
    console.out().println("timeline: " + r.timeline());
    console
        .out()
        .println(
            "seconds: " + String.format(Locale.ROOT, "%.1f", r.duration().toMillis() / 1000.0));
    console.out().flush();
    for (String step :
        List.of(
            "repoint clients (and PgBouncer) to " + target.description(),
            "fence the old primary: stop it and keep it stopped; two writable primaries diverge",
            "the old primary cannot rejoin as it is: rebuild it as a replica of the new one",
            "replication slots of the old primary are not on the new one: create them again")) {
      console.reporter().info("next: " + step);
    }
    return 0;
  }
}
