package io.azapg.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.azapg.common.ExitCode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StaleLockTest {
  @Test
  void missingPins_readTheScriptsMarkerLine() {
    assertThat(
            StaleLock.missingPins(
                List.of(
                    "aza-pg-apt: 2 pinned version(s) are not on the mirror: a=1 b=2",
                    "aza-pg-apt: MISSING b=2 c=3",
                    "Error: building at STEP")))
        .containsExactly("b=2", "c=3");
    assertThat(StaleLock.missingPins(List.of("E: Unable to locate package x"))).isEmpty();
  }

  @Test
  void message_namesThePackagesTheArchiveStateAndTheFix() {
    var error =
        StaleLock.error(
            List.of("b=2", "c=3"),
            "image/packages.lock",
            java.util.Optional.of(
                new ArchiveState("forky", "amd64", Instant.parse("2026-10-30T08:08:01Z"))),
            "http://snapshot.debian.org",
            null);

    assertThat(error.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(error.getMessage())
        .isEqualTo(
            "2 package version(s) pinned in image/packages.lock are gone: not on the mirror, nor"
                + " at http://snapshot.debian.org for the archive state of 2026-10-30T08:08:01Z"
                + " that image/packages.lock records: b=2, c=3");
    assertThat(error.hints()).singleElement().asString().contains("./aza-pg lock");
  }
}
