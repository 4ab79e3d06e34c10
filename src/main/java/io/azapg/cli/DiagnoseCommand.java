package io.azapg.cli;

import io.azapg.process.DefaultProcessRunner;
import io.azapg.process.ProcessRunner;
import io.azapg.release.Diagnostics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aza-pg diagnose}: one archive to attach to a bug report or a failed CI job. */
@Command(
    name = "diagnose",
    mixinStandardHelpOptions = true,
    description = {
      "Collect a node's diagnostics into one .tar.gz (mode 0600): container logs and state,",
      "SHOW ALL, shared_preload_libraries, installed extensions per database, version-info,",
      "the tuning report and the init status. Secrets are redacted. Prints the archive's path."
    })
final class DiagnoseCommand implements Callable<Integer> {
  private final Console console;

  @Mixin EngineOption engineOption;

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
    Path archive =
        output != null
            ? output
            : Path.of(
                "aza-pg-diagnostics-"
                    + name
                    + "-"
                    + LocalDateTime.now(ZoneOffset.UTC)
                        .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT))
                    + ".tar.gz");
    List<String> entries =
        new Diagnostics(engineOption.select(runner, console.reporter()), runner, console.reporter())
            .collect(name, knownSecrets(), archive);
    console.out().println(archive.toAbsolutePath());
    entries.forEach(e -> console.reporter().info("  diagnostics/" + e));
    return 0;
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
