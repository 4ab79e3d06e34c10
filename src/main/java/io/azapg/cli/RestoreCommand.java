package io.azapg.cli;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.engine.ContainerEngine;
import io.azapg.ops.LogicalRestore;
import io.azapg.ops.PhysicalRestore;
import io.azapg.ops.TargetTime;
import io.azapg.process.DefaultProcessRunner;
import io.azapg.process.ProcessRunner;
import java.io.Console;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
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
  @Mixin PgEnvOption pgEnv;
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "FILE",
      description = "The logical backup to restore (none with --physical).")
  @Nullable Path file;

  @Option(
      names = "--physical",
      description =
          "Restore the stack's pgBackRest repository into a NEW volume and container (--into);"
              + " the stack itself is not touched.")
  boolean physical;

  @Option(
      names = "--target-time",
      paramLabel = "TIME",
      description =
          "With --physical: recover up to this instant, with a time zone, e.g."
              + " 2026-12-07T05:10:00Z (default: everything archived).")
  @Nullable String targetTime;

  @Option(
      names = "--into",
      paramLabel = "NAME",
      description =
          "With --physical: the new container (its volume: NAME-data; default"
              + " <project>-pitr-<UTC time>).")
  @Nullable String into;

  @Option(
      names = "--port",
      description = "With --physical: publish the restored server on 127.0.0.1:PORT.")
  @Nullable Integer port;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "600",
      description = "With --physical: how long the recovery may take (default: ${DEFAULT-VALUE}).")
  int timeout;

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
    if (physical) {
      return physical();
    }
    if (targetTime != null || into != null || port != null) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "--target-time, --into and --port are for physical restores",
          List.of("add --physical (a stack with --set wal-archive=on)"));
    }
    if (file == null) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "restore needs the FILE of a logical backup",
          List.of("e.g. ./aza-pg restore backup-app.dump --yes, or --physical for pgBackRest"));
    }
    Path file = this.file;
    ProcessRunner runner = new DefaultProcessRunner();
    ContainerEngine engine = engineOption.select(runner, console.reporter());
    LogicalRestore.Result r;
    try (OpsTarget.Session session =
        OpsTarget.open(engine, runner, console.reporter(), node, stack, pgEnv, spec)) {
      r =
          new LogicalRestore(engine, console.reporter())
              .run(
                  session.target(),
                  new LogicalRestore.Request(
                      file, Optional.ofNullable(database), create, singleTransaction),
                  this::confirm);
    }
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

  private Integer physical() {
    List<String> logical = new java.util.ArrayList<>();
    if (file != null) {
      logical.add("FILE " + file);
    }
    if (database != null) {
      logical.add("--db");
    }
    if (create) {
      logical.add("--create");
    }
    if (singleTransaction) {
      logical.add("--single-transaction");
    }
    if (pgEnv.pgEnv) {
      logical.add("--pg-env");
    }
    if (!logical.isEmpty()) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "--physical with " + String.join(", ", logical) + ": those are for logical restores",
          List.of("a physical restore reads the stack's pgBackRest repository; leave them out"));
    }
    java.time.Instant now = java.time.Instant.now();
    Optional<java.time.Instant> target =
        Optional.ofNullable(targetTime).map(t -> TargetTime.parse(t, now));
    if (timeout < 1) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "--timeout " + timeout + " is too short",
          List.of("give the recovery at least a second, e.g. --timeout 600"));
    }
    if (port != null && (port < 1 || port > 65535)) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "--port " + port + " is not a port",
          List.of("use a free port from 1 to 65535"));
    }
    var stackSpec = OpsTarget.physicalStack(stack, node, spec);
    String name =
        into != null
            ? into
            : stackSpec.project()
                + "-pitr-"
                + java.time.LocalDateTime.now(java.time.ZoneOffset.UTC)
                    .format(
                        java.time.format.DateTimeFormatter.ofPattern(
                            "yyyyMMdd'T'HHmmss'Z'", Locale.ROOT))
                    .toLowerCase(Locale.ROOT);
    if (!name.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}")) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "--into " + name + " is not a container name",
          List.of("use letters, digits, '_', '.' or '-', starting with a letter or digit"));
    }
    String image = OpsTarget.image(stackSpec);
    ProcessRunner runner = new DefaultProcessRunner();
    ContainerEngine engine = engineOption.select(runner, console.reporter());
    PhysicalRestore.Result r =
        new PhysicalRestore(engine, console.reporter())
            .run(
                "stack " + stackSpec.project(),
                OpsTarget.pgBackRest(stackSpec),
                new PhysicalRestore.Request(
                    image,
                    target,
                    name,
                    port == null ? OptionalInt.empty() : OptionalInt.of(port),
                    java.time.Duration.ofSeconds(timeout)));
    console
        .reporter()
        .info(
            "restored into "
                + r.container()
                + " in "
                + String.format(Locale.ROOT, "%.1f", r.duration().toMillis() / 1000.0)
                + " s; it runs on its own (archive_mode=off), the stack is untouched."
                + " Reach it with 'podman exec -it --user postgres "
                + r.container()
                + " psql'; remove it with 'podman rm -f "
                + r.container()
                + " && podman volume rm "
                + r.volume()
                + "'");
    console.out().println("container: " + r.container());
    console.out().println("volume: " + r.volume());
    console.out().println("backup: " + r.backup());
    target.ifPresent(t -> console.out().println("target-time: " + TargetTime.forPostgres(t)));
    console.out().println("replayed-to: " + r.replayedTo().orElse("(no transaction replayed)"));
    if (port != null) {
      console.out().println("port: " + port);
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
