package io.azapg.image;

import io.azapg.catalog.Catalog;
import io.azapg.catalog.Entry;
import io.azapg.catalog.Source;
import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.common.Reporter;
import io.azapg.generate.GeneratedFile;
import io.azapg.generate.Generators;
import io.azapg.generate.ImageInputs;
import io.azapg.process.ProcessResult;
import io.azapg.process.ProcessRunner;
import io.azapg.process.ProcessSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Assembles the directory an image is built from: the rendered Dockerfile and generated files, the
 * install scripts every stage runs ({@code build/}), the in-image scripts, the jar, and each
 * git-sourced entry checked out at its pinned commit.
 */
final class BuildContext {
  private final ProcessRunner runner;
  private final Reporter reporter;
  private final Optional<GitMirror> mirror;

  BuildContext(ProcessRunner runner, Reporter reporter, Optional<GitMirror> mirror) {
    this.runner = runner;
    this.reporter = reporter;
    this.mirror = mirror;
  }

  /**
   * Writes a fresh context into {@code dir}, all but the git-built sources ({@link
   * #checkOutSources}), and returns the Dockerfile's path.
   */
  Path stage(Path dir, Path projectRoot, Catalog catalog, ImageInputs inputs, Path jar) {
    try {
      clean(dir);
      Files.createDirectories(dir);
      for (GeneratedFile f : Generators.image(catalog, inputs, ".")) {
        Path target = dir.resolve(f.path()).normalize();
        Files.createDirectories(target.getParent());
        Files.writeString(target, f.content(), StandardCharsets.UTF_8);
      }
      BuildScripts.writeTo(dir.resolve("build"));
      Path files = projectRoot.resolve("image/files");
      Path filesTarget = Files.createDirectories(dir.resolve("files"));
      if (Files.isDirectory(files)) {
        try (Stream<Path> list = Files.list(files)) {
          for (Path f : list.sorted().toList()) {
            Path t = filesTarget.resolve(f.getFileName().toString());
            Files.copy(f, t, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("rwxr-xr-x"));
          }
        }
      }
      if (!Files.isRegularFile(jar)) {
        throw new AzaPgException(
            ExitCode.INVALID_INPUT,
            "the CLI jar " + jar + " does not exist",
            List.of("build it with './mvnw package' (the ./aza-pg launcher does this for you)"));
      }
      Files.copy(jar, dir.resolve("aza-pg.jar"), StandardCopyOption.REPLACE_EXISTING);
      return dir.resolve("Dockerfile");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What the git-built entries add to the context, without fetching them: each entry's repository
   * and pinned commit. A commit id names exactly one tree, and {@link #checkOutSources} refuses any
   * other, so these lines stand for the sources' content in {@link BuildInputs}.
   */
  static List<String> sourcePins(Catalog catalog) {
    return catalog.derived().gitBuilt().stream()
        .map(
            e -> {
              Source.Git src = (Source.Git) e.source();
              return "git " + e.name() + " " + src.repository() + " " + src.commit();
            })
        .toList();
  }

  /** Checks out every git-built entry at its pinned commit under {@code dir/git/NAME}. */
  void checkOutSources(Path dir, Catalog catalog) {
    try {
      for (Entry e : catalog.derived().gitBuilt()) {
        checkout(e, dir.resolve("git").resolve(e.name()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void checkout(Entry e, Path target) throws IOException {
    Source.Git src = (Source.Git) e.source();
    reporter.info(
        "fetching "
            + e.name()
            + " from "
            + src.repository()
            + mirror.map(m -> " (mirror " + m.locate(src.repository()) + ")").orElse("")
            + " at "
            + src.commit().substring(0, 12));
    Files.createDirectories(target.getParent());
    git(
        e,
        null,
        "the repository cannot be cloned",
        "clone",
        "--quiet",
        "--no-checkout",
        src.repository(),
        target.toString());
    git(
        e,
        target,
        "the pinned commit " + src.commit() + " is not in the repository",
        "checkout",
        "--quiet",
        "--detach",
        src.commit() + "^{commit}");
    String head = git(e, target, "cannot read the checked-out commit", "rev-parse", "HEAD").strip();
    if (!head.equals(src.commit())) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "catalog entry "
              + e.name()
              + ": checked out "
              + head
              + " from "
              + where(src)
              + " but the catalog pins "
              + src.commit(),
          List.of(
              "pin the full 40-character commit id the entry is built from (git rev-parse TAG^{commit})"));
    }
    clean(target.resolve(".git"));
  }

  private String where(Source.Git src) {
    return src.repository()
        + mirror
            .map(m -> " (git mirror " + m.dir() + ": " + m.locate(src.repository()) + ")")
            .orElse("");
  }

  private String git(Entry e, @Nullable Path dir, String failure, String... args) {
    ProcessSpec.Builder spec = ProcessSpec.of("git", args).timeout(Duration.ofMinutes(5));
    // A mirror rewrites the upstream URL; without one, a clone must not prompt for credentials.
    spec.env("GIT_TERMINAL_PROMPT", "0");
    mirror.ifPresent(m -> m.gitEnvironment().forEach(spec::env));
    if (dir != null) {
      spec.workingDirectory(dir);
    }
    ProcessResult r = runner.execute(spec.build());
    if (r.exitCode() != 0) {
      Source.Git src = (Source.Git) e.source();
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "cannot fetch the source of catalog entry "
              + e.name()
              + " from "
              + where(src)
              + ": "
              + failure
              + " (git "
              + args[0]
              + ": "
              + r.stderr().strip()
              + ")",
          mirror.isPresent()
              ? List.of(
                  "add the repository at the pinned commit to the git mirror, or fix the entry's"
                      + " repository and commit in the catalog")
              : List.of(
                  "check the repository URL and that the pinned commit exists in it, or build"
                      + " from a local mirror with --git-mirror DIR ($"
                      + GitMirror.ENV
                      + ")"));
    }
    return r.stdout();
  }

  static void clean(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
