package io.azapg.cli;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.engine.ContainerEngine;
import io.azapg.ops.LogicalBackup;
import io.azapg.ops.PhysicalBackup;
import io.azapg.ops.Target;
import io.azapg.process.DefaultProcessRunner;
import io.azapg.process.ProcessRunner;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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

/** {@code aza-pg backup}: a verified, checksummed logical backup of a node or a stack. */
@Command(
    name = "backup",
    mixinStandardHelpOptions = true,
    description =
        "Write a logical backup (pg_dump, or pg_dumpall with --all) of a node or stack to a new"
            + " file: streamed, never over an existing file, under a temporary name until it has"
            + " been read back completely; prints its size, duration and SHA-256 (also written to"
            + " FILE.sha256). With --physical: a pgBackRest backup of a stack that archives its"
            + " WAL.")
final class BackupCommand implements Callable<Integer> {
  private final Console console;

  @Mixin EngineOption engineOption;
  @Mixin NodeOptions node;
  @Mixin StackSelection stack;
  @Mixin PgEnvOption pgEnv;
  @Spec CommandSpec spec;

  @Option(names = "--db", description = "Database (default: the node's or stack's).")
  @Nullable String database;

  @Option(names = "--all", description = "Every database and the roles (pg_dumpall, SQL).")
  boolean all;

  @Option(
      names = "--format",
      paramLabel = "custom|plain",
      description = "custom (pg_restore's format; default) or plain (SQL; the default with --all).")
  @Nullable String format;

  @Option(
      names = "--compress",
      paramLabel = "zstd|gzip|none[:LEVEL]",
      defaultValue = "zstd",
      description = "Compression, with an optional level, e.g. zstd:9 (default: ${DEFAULT-VALUE}).")
  String compress;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "The file to create (default: backup-<db>-<UTC time>.dump or .sql.zst/.gz).")
  @Nullable Path output;

  @Option(
      names = "--physical",
      description =
          "A physical backup with pgBackRest into the stack's repository (a stack started with"
              + " --set wal-archive=on); prints its label.")
  boolean physical;

  @Option(
      names = "--type",
      paramLabel = "full|incr|diff",
      description = "With --physical: full (default), incr or diff.")
  @Nullable String type;

  BackupCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    if (physical) {
      return physical();
    }
    if (type != null) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "--type " + type + " is for physical backups",
          List.of("add --physical (a stack with --set wal-archive=on), or leave out --type"));
    }
    if (all && database != null) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "--all and --db " + database + " together",
          List.of("choose one: --db NAME for one database, --all for every database"));
    }
    LogicalBackup.Format fmt =
        format != null
            ? LogicalBackup.Format.parse(format)
            : all ? LogicalBackup.Format.PLAIN : LogicalBackup.Format.CUSTOM;
    LogicalBackup.Compression compression = LogicalBackup.Compression.parse(compress);
    ProcessRunner runner = new DefaultProcessRunner();
    ContainerEngine engine = engineOption.select(runner, console.reporter());
    LogicalBackup.Result r;
    try (OpsTarget.Session session =
        OpsTarget.open(engine, runner, console.reporter(), node, stack, pgEnv, spec)) {
      Target target = session.target();
      String label = all ? "all" : database != null ? database : target.database();
      Path file = output != null ? output : Path.of(defaultName(label, fmt, compression));
      r =
          new LogicalBackup(engine, console.reporter())
              .run(
                  target,
                  new LogicalBackup.Request(
                      Optional.ofNullable(database), all, fmt, compression, file));
    }
    console.out().println("file: " + r.file());
    console.out().println("bytes: " + r.bytes());
    console
        .out()
        .println(
            "seconds: " + String.format(Locale.ROOT, "%.1f", r.duration().toMillis() / 1000.0));
    console.out().println("sha256: " + r.sha256());
    if (fmt == LogicalBackup.Format.CUSTOM) {
      console.out().println("entries: " + r.entries());
    }
    console.out().flush();
    return 0;
  }

  private Integer physical() {
    List<String> logical = new java.util.ArrayList<>();
    if (database != null) {
      logical.add("--db");
    }
    if (all) {
      logical.add("--all");
    }
    if (format != null) {
      logical.add("--format");
    }
    if (output != null) {
      logical.add("--output");
    }
    if (spec.commandLine().getParseResult().hasMatchedOption("--compress")) {
      logical.add("--compress");
    }
    if (pgEnv.pgEnv) {
      logical.add("--pg-env");
    }
    if (!logical.isEmpty()) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "--physical with " + String.join(", ", logical) + ": those are for logical backups",
          List.of(
              "a physical backup copies the whole server into the stack's pgBackRest repository;"
                  + " leave them out"));
    }
    PhysicalBackup.Type t = PhysicalBackup.Type.parse(type != null ? type : "full");
    var stackSpec = OpsTarget.physicalStack(stack, node, spec);
    ProcessRunner runner = new DefaultProcessRunner();
    ContainerEngine engine = engineOption.select(runner, console.reporter());
    var target = OpsTarget.resolve(engine, runner, node, stack, spec);
    PhysicalBackup.Result r =
        new PhysicalBackup(engine, console.reporter())
            .run(target, OpsTarget.pgBackRest(stackSpec), t);
    console
        .reporter()
        .info(
            "backup "
                + r.label()
                + " ("
                + r.type()
                + ") of "
                + r.bytes()
                + " bytes, "
                + r.repoBytes()
                + " bytes stored, in "
                + String.format(Locale.ROOT, "%.1f", r.duration().toMillis() / 1000.0)
                + " s");
    console.out().println(r.label());
    console.out().flush();
    return 0;
  }

  static String defaultName(
      String label, LogicalBackup.Format format, LogicalBackup.Compression compression) {
    String time =
        LocalDateTime.now(ZoneOffset.UTC)
            .format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT));
    String safe = label.replaceAll("[^A-Za-z0-9_.-]", "_");
    String ext =
        format == LogicalBackup.Format.CUSTOM
            ? ".dump"
            : switch (compression.method()) {
              case ZSTD -> ".sql.zst";
              case GZIP -> ".sql.gz";
              case NONE -> ".sql";
            };
    return "backup-" + safe + "-" + time + ext;
  }
}
