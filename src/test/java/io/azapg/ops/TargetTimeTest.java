package io.azapg.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azapg.common.AzaPgException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The point-in-time target: the forms accepted, the ones refused, and what PostgreSQL gets. */
class TargetTimeTest {
  private static final Instant NOW = Instant.parse("2026-12-07T06:00:00Z");

  @Test
  void isoAndPostgresForms_withAnyZone_meanOneInstant() {
    Instant expected = Instant.parse("2026-12-07T05:10:00.123456Z");
    assertThat(TargetTime.parse("2026-12-07T05:10:00.123456Z", NOW)).isEqualTo(expected);
    assertThat(TargetTime.parse("2026-12-07 05:10:00.123456+00", NOW)).isEqualTo(expected);
    assertThat(TargetTime.parse("2026-12-07 07:10:00.123456+02:00", NOW)).isEqualTo(expected);
    assertThat(TargetTime.parse("2026-12-07T00:40:00.123456-0430", NOW)).isEqualTo(expected);
    assertThat(TargetTime.parse("2026-12-07T05:10Z", NOW))
        .isEqualTo(Instant.parse("2026-12-07T05:10:00Z"));
  }

  @Test
  void postgresGetsUtc_toTheMicrosecond() {
    assertThat(TargetTime.forPostgres(Instant.parse("2026-12-07T05:10:00.123456Z")))
        .isEqualTo("2026-12-07 05:10:00.123456+00");
  }

  @Test
  void refused_withoutZone_notATime_impossibleDate_orInTheFuture() {
    assertThatThrownBy(() -> TargetTime.parse("2026-12-07 05:10:00", NOW))
        .isInstanceOf(AzaPgException.class)
        .hasMessageContaining("--target-time 2026-12-07 05:10:00 has no time zone");
    assertThatThrownBy(() -> TargetTime.parse("yesterday", NOW))
        .isInstanceOf(AzaPgException.class)
        .hasMessageContaining("--target-time yesterday is not a timestamp");
    assertThatThrownBy(() -> TargetTime.parse("2026-02-30T05:10:00Z", NOW))
        .isInstanceOf(AzaPgException.class)
        .hasMessageContaining("is not a valid timestamp");
    assertThatThrownBy(() -> TargetTime.parse("2026-12-07T06:00:01Z", NOW))
        .isInstanceOf(AzaPgException.class)
        .hasMessageContaining("is in the future");
  }
}
