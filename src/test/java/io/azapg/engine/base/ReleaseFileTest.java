package io.azapg.engine.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReleaseFileTest {
  private static final String IN_RELEASE =
      """
      -----BEGIN PGP SIGNED MESSAGE-----
      Hash: SHA512

      Origin: Debian
      Label: Debian
      Suite: testing
      Codename: forky
      Date: Fri, 30 Oct 2026 08:08:01 UTC
      Valid-Until: Fri, 06 Nov 2026 08:08:01 UTC
      Acquire-By-Hash: yes
      """;

  @Test
  void parse_readsDateAndValidUntilFromASignedFile() {
    ReleaseFile release = ReleaseFile.parse(IN_RELEASE);

    assertThat(release.date()).contains(Instant.parse("2026-10-30T08:08:01Z"));
    assertThat(release.validUntil()).contains(Instant.parse("2026-11-06T08:08:01Z"));
  }

  @Test
  void expiredAt_comparesValidUntilWithNow() {
    ReleaseFile release = ReleaseFile.parse(IN_RELEASE);

    assertThat(release.expiredAt(Instant.parse("2026-11-24T10:00:00Z"))).isTrue();
    assertThat(release.expiredAt(Instant.parse("2026-11-01T00:00:00Z"))).isFalse();
  }

  @Test
  void withoutValidUntil_neverExpires() {
    ReleaseFile release =
        ReleaseFile.parse("Origin: Debian\nDate: Sat, 10 Jun 2023 08:53:33 UTC\n");

    assertThat(release.validUntil()).isEmpty();
    assertThat(release.expiredAt(Instant.parse("2100-01-01T00:00:00Z"))).isFalse();
  }
}
