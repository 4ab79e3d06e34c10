package io.azapg.engine.base;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.common.Reporter;
import io.azapg.engine.ContainerEngine;
import io.azapg.engine.HostFacts;
import io.azapg.process.ProcessRunner;
import io.azapg.process.ProcessSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Bootstraps a Debian suite into a fresh directory with {@code debootstrap --variant=minbase} (the
 * Release signature verified against an explicit keyring), cleans it, switches apt's Valid-Until
 * check off only for a mirror marked as a snapshot, and imports the tree as an image with
 * provenance labels; the work directory is removed afterwards.
 */
final class DebianBootstrap {
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

  /**
   * One bootstrap.
   *
   * @param suite the Debian suite
   * @param mirror the mirror URL, without a trailing slash
   * @param keyring the keyring the Release signature must verify against
   * @param snapshot who marks the mirror as a snapshot
   * @param ref the image name to import as
   */
  record Request(
      String suite,
      String mirror,
      Path keyring,
      SnapshotMarking snapshot,
      String ref,
      String architecture) {
    Request(String suite, String mirror, Path keyring, SnapshotMarking snapshot, String ref) {
      this(suite, mirror, keyring, snapshot, ref, "");
    }
  }

  /** Bootstraps, cleans and imports; returns whether the Valid-Until check was switched off. */
  boolean run(Request request, Reporter reporter) {
    if (!host.isRoot()) {
      throw new AzaPgException(
          ExitCode.ENGINE,
          "bootstrapping "
              + request.ref()
              + " needs root (debootstrap creates device nodes and chroots)",
          List.of(
              "run 'aza-pg base' as root, or make the image available another way, e.g."
                  + " 'podman pull docker.io/library/debian:"
                  + request.suite()
                  + "-slim' and tag it "
                  + request.ref()));
    }
    Path script = script(request.suite(), reporter);
    Debootstrap debootstrap = new Debootstrap(runner, request.keyring());
    debootstrap.checkKeyring();
    Path work = createWorkDir(request.suite());
    Path rootfs = work.resolve("rootfs");
    try {
      reporter.info(
          "debootstrap --variant=minbase "
              + (request.architecture().isEmpty()
                  ? ""
                  : "--arch=" + request.architecture() + " --foreign ")
              + request.suite()
              + " from "
              + request.mirror()
              + ", Release signature checked against "
              + request.keyring()
              + " (about half a minute)");
      debootstrap.run(
          request.suite(), rootfs, request.mirror(), script, request.architecture(), reporter);
      if (!request.architecture().isEmpty()) {
        reporter.info(
            "second stage of the "
                + request.architecture()
                + " bootstrap under emulation (several minutes)");
        debootstrap.secondStage(rootfs, request.architecture(), reporter);
      }
      RootfsCleaner cleaner = new RootfsCleaner(rootfs);
      ValidUntilPolicy.Decision decision =
          new ValidUntilPolicy(clock.instant(), reporter)
              .apply(cleaner, request.suite(), request.mirror(), request.snapshot());
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
      if (request.architecture().isEmpty()) {
        engine.importImage(tarball, changes(request, decision), request.ref());
      } else {
        engine.importImage(
            tarball, changes(request, decision), request.ref(), request.architecture());
      }
      return decision.checkOff();
    } finally {
      removeWorkDir(work, reporter);
    }
  }

  private List<String> changes(Request request, ValidUntilPolicy.Decision decision) {
    List<String> changes =
        new ArrayList<>(
            List.of(
                "ENV LANG=C.UTF-8",
                "ENV PATH=" + PATH,
                "CMD [\"bash\"]",
                "LABEL " + BaseImage.LABEL_PREFIX + "suite=" + request.suite(),
                "LABEL " + BaseImage.LABEL_PREFIX + "mirror=" + request.mirror(),
                "LABEL "
                    + BaseImage.LABEL_PREFIX
                    + "bootstrapped="
                    + clock.instant().truncatedTo(ChronoUnit.SECONDS),
                "LABEL "
                    + BaseImage.LABEL_PREFIX
                    + "check-valid-until="
                    + (decision.checkOff() ? "false" : "true"),
                "LABEL " + BaseImage.LABEL_PREFIX + "snapshot=" + decision.marking(),
                "LABEL " + BaseImage.LABEL_PREFIX + "keyring=" + request.keyring()));
    if (!request.architecture().isEmpty()) {
      changes.add("LABEL " + BaseImage.LABEL_PREFIX + "architecture=" + request.architecture());
    }
    decision
        .releaseDate()
        .ifPresent(d -> changes.add("LABEL " + BaseImage.LABEL_PREFIX + "release-date=" + d));
    return changes;
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
