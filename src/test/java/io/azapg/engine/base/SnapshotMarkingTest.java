package io.azapg.engine.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SnapshotMarkingTest {
  private static final Instant LOCKED = Instant.parse("2026-10-30T08:08:01Z");

  @Test
  void nobody_marksNothing() {
    assertThat(SnapshotMarking.none().reason(Optional.of(LOCKED))).isEmpty();
    assertThat(SnapshotMarking.none().label(Optional.of(LOCKED))).isEqualTo("no");
  }

  @Test
  void theLock_marksOnlyTheStateItRecorded() {
    SnapshotMarking lock = SnapshotMarking.none().withLock(LOCKED, "image/packages.lock");

    assertThat(lock.reason(Optional.of(LOCKED)))
        .contains(
            "its Release Date 2026-10-30T08:08:01Z is the archive state image/packages.lock was"
                + " resolved against");
    assertThat(lock.reason(Optional.of(LOCKED.plusSeconds(21600)))).isEmpty();
    assertThat(lock.reason(Optional.empty())).isEmpty();
    assertThat(lock.label(Optional.of(LOCKED))).isEqualTo("lock");
  }

  @Test
  void theUser_marksWhateverTheMirrorServes() {
    SnapshotMarking user = SnapshotMarking.none().withUser(true);

    assertThat(user.reason(Optional.empty()))
        .contains("marked as a snapshot by --mirror-is-snapshot");
    assertThat(user.label(Optional.empty())).isEqualTo("user");
    assertThat(SnapshotMarking.none().withUser(false).byUser()).isFalse();
  }
}
