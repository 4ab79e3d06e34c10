package io.azapg.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ArchiveStateTest {
  @Test
  void snapshotTimestamps_areTheReleaseDateAndOneImportWindowLater() {
    ArchiveState state = new ArchiveState("forky", "amd64", Instant.parse("2026-10-30T20:08:01Z"));

    assertThat(state.snapshotTimestamps()).containsExactly("20261030T200801Z", "20261031T020801Z");
  }

  @Test
  void parse_thenRender_roundTrips() {
    ArchiveState state = ArchiveState.parse("forky  amd64 2026-10-30T08:08:01Z", "x:1");

    assertThat(state.releaseDate()).isEqualTo(Instant.parse("2026-10-30T08:08:01Z"));
    assertThat(state.render()).isEqualTo("forky amd64 2026-10-30T08:08:01Z");
  }
}
