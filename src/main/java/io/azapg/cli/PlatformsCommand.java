package io.azapg.cli;

import io.azapg.image.ImageFiles;
import io.azapg.image.ImageProfile;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code aza-pg release platforms}: the platforms that can be published. */
@Command(
    name = "platforms",
    mixinStandardHelpOptions = true,
    description =
        "List the platforms the package lock resolves, the ones 'release push' and 'release"
            + " publish' accept: one per line, or a JSON array with --format json (a CI job"
            + " matrix).")
final class PlatformsCommand implements Callable<Integer> {
  private final Console console;

  @Mixin FormatOption format;

  PlatformsCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    List<String> platforms = ImageFiles.lockedPlatforms(Project.root(), ImageProfile.DEBIAN);
    if (format.json()) {
      console.out().println(Json.write(platforms));
    } else {
      platforms.forEach(console.out()::println);
    }
    return 0;
  }
}
