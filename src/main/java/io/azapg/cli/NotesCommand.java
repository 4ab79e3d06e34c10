package io.azapg.cli;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.release.Registry;
import io.azapg.release.RegistryCredentials;
import io.azapg.release.ReleaseFacts;
import io.azapg.release.ReleaseNotes;
import io.azapg.release.RepositoryName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code aza-pg release notes}: markdown for a published release. */
@Command(
    name = "notes",
    mixinStandardHelpOptions = true,
    description =
        "Write the release notes (markdown) of a published release: CHANGELOG.md's Unreleased"
            + " section, the image (tags, digest, platforms, sizes, read from the registry), a"
            + " quick start, every enabled extension by category, the tuning, and how to verify"
            + " it.")
final class NotesCommand implements Callable<Integer> {
  private final Console console;

  @Mixin CatalogFileOption catalogFile;

  @Option(
      names = "--from",
      required = true,
      paramLabel = "REGISTRY/REPOSITORY:TAG",
      description = "The published release, e.g. ghcr.io/acme/aza-pg:18.")
  String from;

  @Option(
      names = "--changelog",
      paramLabel = "FILE",
      description = "Changelog to quote (default: the project's CHANGELOG.md).")
  @Nullable Path changelog;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write to FILE instead of stdout.")
  @Nullable Path output;

  NotesCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    int colon = from.lastIndexOf(':');
    if (colon < 0 || colon < from.lastIndexOf('/')) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "--from " + from + ": name the release's tag",
          List.of("e.g. --from ghcr.io/acme/aza-pg:18"));
    }
    RepositoryName repo = RepositoryName.parse(from.substring(0, colon));
    ReleaseFacts facts =
        ReleaseFacts.read(
            new Registry(repo, RegistryCredentials.fromEnvironment(System.getenv())),
            from.substring(colon + 1));
    Path file = changelog != null ? changelog : Project.root().resolve("CHANGELOG.md");
    String text;
    try {
      text = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT, "cannot read " + file + ": " + e.getMessage());
    }
    String notes = ReleaseNotes.render(catalogFile.load(), facts, text);
    if (output != null) {
      OutputFile.write(output, notes);
    } else {
      console.out().print(notes);
      console.out().flush();
    }
    return 0;
  }
}
