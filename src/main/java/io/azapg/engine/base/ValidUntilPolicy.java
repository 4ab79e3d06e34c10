package io.azapg.engine.base;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.common.Reporter;
import io.azapg.engine.TextFile;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether apt in a fresh base image may accept the mirror's Release file past its
 * Valid-Until. Only a mirror marked as a snapshot (by the user, or by the lock's recorded archive
 * state) gets the check switched off, and that is logged; an expired Release file from an unmarked
 * mirror stops the bootstrap, because apt would refuse it in every later build step anyway.
 */
final class ValidUntilPolicy {
  private final Instant now;
  private final Reporter reporter;

  ValidUntilPolicy(Instant now, Reporter reporter) {
    this.now = now;
    this.reporter = reporter;
  }

  /** What was decided, for the image's labels. */
  record Decision(boolean checkOff, Optional<Instant> releaseDate, String marking) {}

  Decision apply(RootfsCleaner cleaner, String suite, String mirror, SnapshotMarking marking) {
    Optional<Path> file = cleaner.releaseFile(suite);
    Optional<ReleaseFile> release = file.map(f -> ReleaseFile.parse(new TextFile(f).read()));
    Optional<Instant> date = release.flatMap(ReleaseFile::date);
    boolean expired = release.map(r -> r.expiredAt(now)).orElse(false);
    Optional<String> reason = marking.reason(date);
    String label = marking.label(date);
    if (reason.isPresent() && (marking.byUser() || expired)) {
      cleaner.allowExpiredRelease(mirror, reason.get());
      reporter.info(
          "apt in the base image skips the Valid-Until check for "
              + mirror
              + ": it is a snapshot ("
              + reason.get()
              + ")"
              + release
                  .flatMap(ReleaseFile::validUntil)
                  .map(u -> "; its " + suite + " Release file is valid until " + u)
                  .orElse(""));
      return new Decision(true, date, label);
    }
    if (expired) {
      throw expiredAndUnmarked(suite, mirror, release.orElseThrow(), marking);
    }
    if (file.isEmpty()) {
      reporter.warn(
          "debootstrap left no Release file for " + suite + "; apt's Valid-Until check stays on");
    }
    return new Decision(false, date, label);
  }

  private static AzaPgException expiredAndUnmarked(
      String suite, String mirror, ReleaseFile release, SnapshotMarking marking) {
    String lock =
        marking
            .lockedReleaseDate()
            .map(d -> " (" + marking.lockName() + " was resolved against the state of " + d + ")")
            .orElse("");
    return new AzaPgException(
        ExitCode.INVALID_INPUT,
        mirror
            + " serves an expired Release file for "
            + suite
            + " (Date "
            + release.date().map(Instant::toString).orElse("unknown")
            + ", valid until "
            + release.validUntil().orElseThrow()
            + "), and nothing marks it as a snapshot"
            + lock
            + ": apt would refuse it",
        List.of(
            "if this mirror is a frozen snapshot of the Debian archive, say so:"
                + " --mirror-is-snapshot (aza-pg base, lock, build)",
            "otherwise it is out of date: bootstrap from a current mirror with --mirror URL"));
  }
}
