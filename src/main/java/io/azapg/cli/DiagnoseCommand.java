package io.azapg.cli;

import io.azapg.generate.compose.StackKind;
import io.azapg.process.DefaultProcessRunner;
import io.azapg.process.ProcessRunner;
import io.azapg.release.Diagnostics;
import io.azapg.release.StackDiagnostics;
import io.azapg.stack.StackSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aza-pg diagnose}: one archive to attach to a bug report or a failed CI job. */
@Command(
    name = "diagnose",
    mixinStandardHelpOptions = true,
    description = {
      "Collect a node's diagnostics into one .tar.gz (mode 0600): container logs and state,"
          + " SHOW ALL, shared_preload_libraries, installed extensions per database, version-info,"
          + " the tuning report and the init status.",
      "With --stack: every service's state and log, the same from its PostgreSQL plus"
          + " pg_stat_replication and pg_stat_wal_receiver, PgBouncer's SHOW POOLS and SHOW STATS,"
          + " each exporter's /metrics and the rendered compose file. Secrets are redacted. Prints"
          + " the archive's path."
    })
final class DiagnoseCommand implements Callable<Integer> {
  private final Console console;

  @Mixin EngineOption engineOption;
  @Mixin StackSelection stack;

  @Spec CommandSpec spec;

  @Option(
      names = "--name",
      paramLabel = "PROJECT",
      description = "With --stack: its Compose project (default aza-pg-<stack>).")
  String project;

  @Parameters(
      arity = "0..1",
      paramLabel = "NAME",
      defaultValue = "aza-pg",
      description = "Container name (default: ${DEFAULT-VALUE}).")
  String name;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Archive to write (default: aza-pg-diagnostics-NAME-TIME.tar.gz).")
  @Nullable Path output;

  DiagnoseCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() throws IOException {
    ProcessRunner runner = new DefaultProcessRunner();
    if (stack.kind().isPresent()) {
      return stack(runner, stack.kind().get());
    }
    if (project != null) {
      throw new ParameterException(
          spec.commandLine(), "--name needs --stack (a node is named by NAME)");
    }
    Path archive = output != null ? output : defaultArchive(name);
    List<String> entries =
        new Diagnostics(engineOption.select(runner, console.reporter()), runner, console.reporter())
            .collect(name, knownSecrets(), archive);
    console.out().println(archive.toAbsolutePath());
    entries.forEach(e -> console.reporter().info("  diagnostics/" + e));
    return 0;
  }

  private int stack(ProcessRunner runner, StackKind kind) {
    if (spec.commandLine().getParseResult().hasMatchedPositional(0)) {
      throw new ParameterException(
          spec.commandLine(), "NAME names a node; with --stack name the project with --name");
    }
    StackSpec s =
        StackSpec.of(
            kind,
            project != null ? project : kind.defaultProject(),
            Project.root().resolve(".aza-pg"));
    Path archive = output != null ? output : defaultArchive(s.project());
    Map<String, Integer> exporters = new LinkedHashMap<>();
    exporters.put("postgres-exporter", 9187);
    if (kind == StackKind.PRIMARY) {
      exporters.put("pgbouncer-exporter", 9127);
    }
    StackDiagnostics.Target target =
        new StackDiagnostics.Target(
            s.project(),
            s.startOrder().stream().flatMap(List::stream).toList(),
            s.serverService(),
            kind == StackKind.PRIMARY ? Optional.of("pgbouncer") : Optional.empty(),
            exporters,
            s.composeFile(),
            s.secretFiles());
    List<String> entries =
        new StackDiagnostics(
                engineOption.select(runner, console.reporter()), runner, console.reporter())
            .collect(target, archive);
    console.out().println(archive.toAbsolutePath());
    entries.forEach(e -> console.reporter().info("  diagnostics/" + e));
    return 0;
  }

  private static Path defaultArchive(String what) {
    return Path.of(
        "aza-pg-diagnostics-"
            + what
            + "-"
            + LocalDateTime.now(ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT))
            + ".tar.gz");
  }

  /**
   * Every secret aza-pg generated for this node: the one-line files under .aza-pg/NAME/ (the node's
   * JSON record there is not a secret).
   */
  private List<String> knownSecrets() throws IOException {
    Path dir = Project.root().resolve(".aza-pg").resolve(name);
    List<String> secrets = new ArrayList<>();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          String value = Files.readString(f, StandardCharsets.UTF_8).strip();
          if (!value.isEmpty() && value.lines().count() == 1) {
            secrets.add(value);
          }
        }
      }
    }
    return secrets;
  }
}
