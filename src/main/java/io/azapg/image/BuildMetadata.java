package io.azapg.image;

import io.azapg.common.Reporter;
import io.azapg.process.ProcessResult;
import io.azapg.process.ProcessRunner;
import io.azapg.process.ProcessSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The revision and time a build is stamped with. Both come from the last commit, so building the
 * same commit twice gives the same labels and tags (and a full cache hit).
 *
 * @param revision the commit id, with {@code -dirty} when the tree has uncommitted changes
 * @param time the commit time
 */
public record BuildMetadata(String revision, Instant time) {

  /** Reads the metadata of the git checkout at {@code root}; falls back to "unknown" and now. */
  public static BuildMetadata of(Path root, ProcessRunner runner, Reporter reporter) {
    try {
      String sha = git(runner, root, "rev-parse", "HEAD").strip();
      long epoch = Long.parseLong(git(runner, root, "log", "-1", "--format=%ct").strip());
      boolean dirty = !git(runner, root, "status", "--porcelain", "--untracked-files=no").isBlank();
      return new BuildMetadata(sha + (dirty ? "-dirty" : ""), Instant.ofEpochSecond(epoch));
    } catch (RuntimeException e) {
      reporter.warn("not a git checkout (" + e.getMessage() + "): revision 'unknown', time now");
      return new BuildMetadata("unknown", Instant.now().truncatedTo(ChronoUnit.MINUTES));
    }
  }

  private static String git(ProcessRunner runner, Path root, String... args) {
    ProcessSpec.Builder spec =
        ProcessSpec.of("git", args).workingDirectory(root).timeout(Duration.ofSeconds(30));
    ProcessResult result = runner.run(spec.build());
    return result.stdout();
  }
}
