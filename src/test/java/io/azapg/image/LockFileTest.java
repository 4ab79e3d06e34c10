package io.azapg.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LockFileTest {
  private static String sample() throws Exception {
    return Files.readString(Path.of("src/test/resources/image/sample.lock"));
  }

  @Test
  void parse_thenRender_roundTrips() throws Exception {
    LockFile lock = LockFile.parse(sample(), "sample.lock");
    assertThat(lock.profile()).isEqualTo("debian");
    assertThat(lock.suite()).isEqualTo("forky");
    assertThat(lock.render()).isEqualTo(sample());
  }

  @Test
  void archive_isRecordedPerSuiteAndArchitecture() throws Exception {
    LockFile lock = LockFile.parse(sample(), "sample.lock");
    assertThat(lock.archive("forky"))
        .contains(new ArchiveState("forky", "amd64", Instant.parse("2026-10-30T08:08:01Z")));
    assertThat(lock.archive("trixie")).isEmpty();
  }

  @Test
  void archive_absentInAnOlderLock_parsesAndRendersWithoutIt() {
    String old =
        "profile debian\nsuite forky\narchitecture amd64\n\n[runtime]\npostgresql-18 18.6-3 direct\n";
    LockFile lock = LockFile.parse(old, "old.lock");
    assertThat(lock.archives()).isEmpty();
    assertThat(lock.render()).doesNotContain("[archive]");
  }

  @Test
  void archive_badDate_namesFileAndLine() {
    assertThatThrownBy(
            () ->
                LockFile.parse(
                    "profile debian\nsuite forky\narchitecture amd64\n[archive]\nforky amd64 yesterday\n",
                    "x.lock"))
        .isInstanceOfSatisfying(
            AzaPgException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "x.lock:5: \"yesterday\" is not a UTC time such as 2026-10-30T08:08:01Z");
            });
  }

  @Test
  void aptPins_andDirect() throws Exception {
    LockFile lock = LockFile.parse(sample(), "sample.lock");
    assertThat(lock.aptPins(LockFile.Group.RUNTIME))
        .containsExactly("libpq5=18.6-3", "postgresql-18-jit=18.6-3", "postgresql-18=18.6-3");
    assertThat(lock.direct(LockFile.Group.RUNTIME))
        .containsExactly("postgresql-18", "postgresql-18-jit");
    assertThat(lock.version("postgresql-18-cron")).contains("1.6.8-1");
  }

  @Test
  void parse_badLine_namesFileAndLine() {
    assertThatThrownBy(
            () ->
                LockFile.parse(
                    "profile debian\nsuite forky\narchitecture amd64\n[runtime]\npostgresql-18\n",
                    "x.lock"))
        .hasMessage("x.lock:5: expected \"package version [direct]\", found \"postgresql-18\"");
  }

  @Test
  void parse_unknownGroup_isRejected() {
    assertThatThrownBy(() -> LockFile.parse("profile debian\n[tools]\n", "x.lock"))
        .hasMessage("x.lock:2: unknown group [tools]");
  }

  @Test
  void parse_missingHeader_isRejected() {
    assertThatThrownBy(() -> LockFile.parse("profile debian\nsuite forky\n", "x.lock"))
        .hasMessageContaining("missing \"architecture\"");
  }

  @Test
  void postgresVersion_stripsEpochAndRevision() {
    assertThat(ImageFiles.postgresVersion("18.6-3")).isEqualTo("18.6");
    assertThat(ImageFiles.postgresVersion("1:18.6-1")).isEqualTo("18.6");
    assertThat(ImageFiles.postgresVersion("18.10-1")).isEqualTo("18.10");
  }
}
