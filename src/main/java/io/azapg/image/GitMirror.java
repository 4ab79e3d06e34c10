package io.azapg.image;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A local mirror of upstream git repositories, laid out as {@code <host>/<owner>/<repo>.git}, that
 * a build clones from instead of the network (the way an air-gapped build uses an internal mirror).
 * The catalog keeps the upstream URL and the pinned commit: git rewrites {@code https://HOST/...}
 * to {@code file://DIR/HOST/...} through {@code url.<base>.insteadOf}, passed in the environment
 * ({@code GIT_CONFIG_COUNT/KEY/VALUE}) so that no git configuration file is touched.
 *
 * @param dir the mirror's absolute directory
 */
public record GitMirror(Path dir) {
  /** The environment variable that names the mirror when no option does. */
  public static final String ENV = "AZA_PG_GIT_MIRROR";

  public GitMirror {
    dir = dir.toAbsolutePath().normalize();
  }

  /**
   * The mirror an option or {@value #ENV} names, checked to be a directory; empty when neither
   * names one.
   */
  public static Optional<GitMirror> of(Path option, Map<String, String> environment) {
    String source;
    Path dir;
    if (option != null) {
      dir = option;
      source = "--git-mirror " + option;
    } else {
      String env = environment.get(ENV);
      if (env == null || env.isBlank()) {
        return Optional.empty();
      }
      dir = Path.of(env.strip());
      source = ENV + "=" + env.strip();
    }
    if (!Files.isDirectory(dir)) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "the git mirror " + dir.toAbsolutePath() + " (" + source + ") is not a directory",
          List.of(
              "point it at a directory of bare repositories laid out as HOST/OWNER/REPO.git,"
                  + " e.g. ../shared/sources/git, or leave it unset to clone from upstream"));
    }
    return Optional.of(new GitMirror(dir));
  }

  /** The git environment that rewrites every {@code https://} URL into this mirror. */
  public Map<String, String> gitEnvironment() {
    return Map.of(
        "GIT_CONFIG_COUNT", "1",
        "GIT_CONFIG_KEY_0", "url." + dir.toUri().toString().replaceAll("/$", "") + "/.insteadOf",
        "GIT_CONFIG_VALUE_0", "https://");
  }

  /** Where the mirror holds an upstream URL's repository (for messages). */
  public String locate(String url) {
    return url.startsWith("https://") ? dir + "/" + url.substring("https://".length()) : url;
  }
}
