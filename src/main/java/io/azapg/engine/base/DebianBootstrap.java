package io.azapg.engine.base;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.common.Reporter;
import io.azapg.engine.ContainerEngine;
import io.azapg.engine.HostFacts;
import io.azapg.engine.TextFile;
import io.azapg.process.ProcessRunner;
import io.azapg.process.ProcessSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Bootstraps a Debian suite into a fresh directory with {@code debootstrap --variant=minbase},
 * cleans it, switches apt's Valid-Until check off only for an expired snapshot mirror, and imports
 * the tree as an image with provenance labels; the work directory is removed afterwards.
 */
final class DebianBootstrap {
  private static final Duration BOOTSTRAP_TIMEOUT = Duration.ofMinutes(30);
  private static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private final ContainerEngine engine;
  private final ProcessRunner runner;
  private final Path scriptsDir;
  private final Path workRoot;
  private final Clock clock;
  private final HostFacts host;

  DebianBootstrap(
      ContainerEngine engine,
      ProcessRunner runner,
      Path scriptsDir,
      Path workRoot,
      Clock clock,
      HostFacts host) {
    this.engine = engine;
    this.runner = runner;
    this.scriptsDir = scriptsDir;
    this.workRoot = workRoot;
    this.clock = clock;
    this.host = host;
  }

  /** Bootstraps, cleans and imports; returns whether the Valid-Until check was switched off. */
  boolean run(String suite, String mirror, String ref, Reporter reporter) {
    if (!host.isRoot()) {
      throw new AzaPgException(
          ExitCode.ENGINE,
          "bootstrapping " + ref + " needs root (debootstrap creates device nodes and chroots)",
          List.of(
              "run 'aza-pg base' as root, or make the image available another way, e.g."
                  + " 'podman pull docker.io/library/debian:"
                  + suite
                  + "-slim' and tag it "
                  + ref));
    }
    Path script = script(suite, reporter);
    Path work = createWorkDir(suite);
    Path rootfs = work.resolve("rootfs");
    try {
      reporter.info(
          "debootstrap --variant=minbase " + suite + " from " + mirror + " (about half a minute)");
      List<String> argv = new ArrayList<>(List.of("debootstrap", "--variant=minbase"));
      if (mirror.startsWith("https:")) {
        argv.add("--include=ca-certificates");
      }
      argv.addAll(List.of(suite, rootfs.toString(), mirror, script.toString()));
      runner.run(
          ProcessSpec.of(argv)
              .timeout(BOOTSTRAP_TIMEOUT)
              .failureCode(ExitCode.ENGINE)
              .missingHints(List.of("apt-get install debootstrap (or run 'aza-pg engine setup')"))
              .listener((channel, line) -> reporter.debug("debootstrap: " + line))
              .build());
      RootfsCleaner cleaner = new RootfsCleaner(rootfs);
      boolean checkOff = handleExpiry(cleaner, suite, mirror, reporter);
      int removed = cleaner.clean();
      reporter.debug("removed " + removed + " documentation files");
      Path tarball = work.resolve("rootfs.tar");
      runner.run(
          ProcessSpec.of(
                  "tar",
                  "--numeric-owner",
                  "--exclude=./dev/*",
                  "--exclude=./proc/*",
                  "--exclude=./sys/*",
                  "-C",
                  rootfs.toString(),
                  "-cf",
                  tarball.toString(),
                  ".")
              .timeout(Duration.ofMinutes(10))
              .failureCode(ExitCode.ENGINE)
              .build());
      engine.importImage(tarball, changes(suite, mirror, checkOff), ref);
      return checkOff;
    } finally {
      removeWorkDir(work, reporter);
    }
  }

  private boolean handleExpiry(
      RootfsCleaner cleaner, String suite, String mirror, Reporter reporter) {
    Optional<Path> file = cleaner.releaseFile(suite);
    if (file.isEmpty()) {
      reporter.warn(
          "debootstrap left no Release file for " + suite + "; apt's Valid-Until check stays on");
      return false;
    }
    ReleaseFile release = ReleaseFile.parse(new TextFile(file.get()).read());
    if (!release.expiredAt(clock.instant())) {
      return false;
    }
    Instant until = release.validUntil().orElseThrow();
    cleaner.allowExpiredRelease(mirror, until);
    reporter.info(
        mirror
            + " serves an expired Release file for "
            + suite
            + " (valid until "
            + until
            + "): a frozen snapshot mirror, so apt in the image skips the Valid-Until check");
    return true;
  }

  private List<String> changes(String suite, String mirror, boolean checkOff) {
    return List.of(
        "ENV LANG=C.UTF-8",
        "ENV PATH=" + PATH,
        "CMD [\"bash\"]",
        "LABEL " + BaseImage.LABEL_PREFIX + "suite=" + suite,
        "LABEL " + BaseImage.LABEL_PREFIX + "mirror=" + mirror,
        "LABEL "
            + BaseImage.LABEL_PREFIX
            + "bootstrapped="
            + clock.instant().truncatedTo(ChronoUnit.SECONDS),
        "LABEL " + BaseImage.LABEL_PREFIX + "check-valid-until=" + (checkOff ? "false" : "true"));
  }

  /** debootstrap's script for the suite, or sid's when this debootstrap predates the suite. */
  private Path script(String suite, Reporter reporter) {
    Path own = scriptsDir.resolve(suite);
    if (Files.exists(own)) {
      return own;
    }
    Path sid = scriptsDir.resolve("sid");
    if (!Files.exists(sid)) {
      throw new AzaPgException(
          ExitCode.ENGINE,
          "debootstrap has no script for " + suite + " nor for sid in " + scriptsDir,
          List.of("apt-get install debootstrap (or run 'aza-pg engine setup')"));
    }
    reporter.info(
        "this debootstrap has no script for "
            + suite
            + "; using sid's, which fits every current suite");
    return sid;
  }

  private Path createWorkDir(String suite) {
    try {
      Files.createDirectories(workRoot);
      return Files.createTempDirectory(workRoot, "aza-pg-base-" + suite + "-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a work directory in " + workRoot, e);
    }
  }

  /**
   * Unmounts anything debootstrap left mounted inside, then removes the tree on its own filesystem
   * only.
   */
  private void removeWorkDir(Path work, Reporter reporter) {
    List<String> mounts = mountsBelow(work);
    for (String mount : mounts) {
      runner.execute(ProcessSpec.of("umount", "--lazy", mount).build());
    }
    if (!mountsBelow(work).isEmpty()) {
      reporter.warn("left " + work + " in place: something is still mounted inside it");
      return;
    }
    runner.execute(ProcessSpec.of("rm", "-rf", "--one-file-system", work.toString()).build());
  }

  private static List<String> mountsBelow(Path dir) {
    String prefix = dir.toAbsolutePath().normalize() + "/";
    try {
      return Files.readAllLines(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8).stream()
          .map(line -> line.split(" ")[4].replace("\\040", " "))
          .filter(point -> point.startsWith(prefix))
          .sorted(Comparator.comparingInt(String::length).reversed())
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
