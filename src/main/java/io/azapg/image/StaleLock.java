package io.azapg.image;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.engine.BuildFailedException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A build that failed because pinned versions exist neither on the mirror nor at the recorded
 * archive state on the snapshot service: {@code apt-install-locked} names them on a line {@code
 * aza-pg-apt: MISSING name=version ...}. The lock is then older than what the archives keep, and
 * the fix is a new lock.
 */
public final class StaleLock {
  static final String MARKER = "aza-pg-apt: MISSING ";

  private StaleLock() {}

  /** The pins a failed install step could not find anywhere; empty when it failed otherwise. */
  public static List<String> missingPins(List<String> stepOutput) {
    List<String> pins = new ArrayList<>();
    for (String line : stepOutput) {
      int at = line.indexOf(MARKER);
      if (at >= 0) {
        pins.addAll(Arrays.asList(line.substring(at + MARKER.length()).strip().split("\\s+")));
      }
    }
    return List.copyOf(pins);
  }

  /**
   * The error for a build that failed on versions found nowhere, or empty when it failed for
   * another reason.
   */
  public static Optional<AzaPgException> from(
      BuildFailedException failure,
      String lockName,
      Optional<ArchiveState> archive,
      String snapshotUrl) {
    List<String> gone = missingPins(failure.stepOutput());
    return gone.isEmpty()
        ? Optional.empty()
        : Optional.of(error(gone, lockName, archive, snapshotUrl, failure));
  }

  static AzaPgException error(
      List<String> gone,
      String lockName,
      Optional<ArchiveState> archive,
      String snapshotUrl,
      Throwable cause) {
    String where =
        archive
            .map(
                a ->
                    "the mirror, nor at "
                        + snapshotUrl
                        + " for the archive state of "
                        + a.releaseDate()
                        + " that "
                        + lockName
                        + " records")
            .orElse("the mirror (" + lockName + " records no archive state to fall back to)");
    return new AzaPgException(
        ExitCode.INVALID_INPUT,
        gone.size()
            + " package version(s) pinned in "
            + lockName
            + " are gone: not on "
            + where
            + ": "
            + String.join(", ", gone),
        List.of(
            "run './aza-pg lock' to resolve the versions the archive has today, then build"
                + " again and commit "
                + lockName),
        cause);
  }
}
