package io.azapg.engine.base;

import java.time.Instant;
import java.util.Optional;

/**
 * Who says a mirror serves a frozen archive state (a snapshot), which is the only case in which apt
 * in the base image may accept a Release file past its Valid-Until. Nothing is guessed: either the
 * user marks the mirror ({@code --mirror-is-snapshot}), or the package lock recorded the Release
 * Date it was resolved against and the mirror serves exactly that state.
 *
 * @param byUser the user marked the mirror as a snapshot
 * @param lockedReleaseDate the Release Date the lock recorded for the suite; empty without a lock
 * @param lockName how to name the lock in messages, e.g. {@code image/packages.lock}
 */
public record SnapshotMarking(
    boolean byUser, Optional<Instant> lockedReleaseDate, String lockName) {

  /** Nobody marked the mirror. */
  public static SnapshotMarking none() {
    return new SnapshotMarking(false, Optional.empty(), "");
  }

  /** This marking, plus the user's word when {@code byUser} is true. */
  public SnapshotMarking withUser(boolean user) {
    return new SnapshotMarking(byUser || user, lockedReleaseDate, lockName);
  }

  /** This marking, plus the Release Date a lock recorded. */
  public SnapshotMarking withLock(Instant releaseDate, String lock) {
    return new SnapshotMarking(byUser, Optional.of(releaseDate), lock);
  }

  /**
   * Why a mirror serving this Release file is a snapshot, or empty when nobody marked it.
   *
   * @param releaseDate the Date of the Release file the mirror serves, when it has one
   */
  public Optional<String> reason(Optional<Instant> releaseDate) {
    if (byUser) {
      return Optional.of("marked as a snapshot by --mirror-is-snapshot");
    }
    if (lockedReleaseDate.isPresent() && lockedReleaseDate.equals(releaseDate)) {
      return Optional.of(
          "its Release Date "
              + lockedReleaseDate.get()
              + " is the archive state "
              + lockName
              + " was resolved against");
    }
    return Optional.empty();
  }

  /** The label value recording who marked the mirror: {@code user}, {@code lock} or {@code no}. */
  String label(Optional<Instant> releaseDate) {
    if (byUser) {
      return "user";
    }
    return reason(releaseDate).isPresent() ? "lock" : "no";
  }
}
