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

  BuildContext(ProcessRunner runner, Reporter reporter) {
    this.runner = runner;
    this.reporter = reporter;
  }

  /** Writes a fresh context into {@code dir} and returns the Dockerfile's path. */
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
      for (Entry e : catalog.derived().gitBuilt()) {
        checkout(e, dir.resolve("git").resolve(e.name()));
      }
      return dir.resolve("Dockerfile");
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
            + " at "
            + src.commit().substring(0, 12));
    Files.createDirectories(target.getParent());
    git(e, null, "clone", "--quiet", "--no-checkout", src.repository(), target.toString());
    git(e, target, "checkout", "--quiet", "--detach", src.commit());
    String head = git(e, target, "rev-parse", "HEAD").strip();
    if (!head.equals(src.commit())) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "catalog entry "
              + e.name()
              + ": checked out "
              + head
              + " but the catalog pins "
              + src.commit());
    }
    clean(target.resolve(".git"));
  }

  private String git(Entry e, @Nullable Path dir, String... args) {
    ProcessSpec.Builder spec = ProcessSpec.of("git", args).timeout(Duration.ofMinutes(5));
    if (dir != null) {
      spec.workingDirectory(dir);
    }
    ProcessResult r = runner.execute(spec.build());
    if (r.exitCode() != 0) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "cannot fetch the source of catalog entry "
              + e.name()
              + " (git "
              + args[0]
              + "): "
              + r.stderr().strip(),
          List.of("check the repository URL and that the pinned commit exists in it"));
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
