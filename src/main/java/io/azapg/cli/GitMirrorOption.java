package io.azapg.cli;

import io.azapg.image.GitMirror;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The {@code --git-mirror DIR} option of the commands that build the image. */
final class GitMirrorOption {
  @Option(
      names = "--git-mirror",
      paramLabel = "DIR",
      description =
          "Clone git-sourced catalog entries from this local mirror (bare repositories laid out"
              + " as HOST/OWNER/REPO.git) instead of upstream; the catalog's URL and pinned commit"
              + " stay as they are (default: $"
              + GitMirror.ENV
              + ", else upstream).")
  Path dir;

  Optional<GitMirror> mirror() {
    return GitMirror.of(dir, System.getenv());
  }
}
