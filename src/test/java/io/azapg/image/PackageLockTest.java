package io.azapg.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PackageLockTest {
  private static final String ARM64 =
      """

      [architecture arm64]
      # the sections below, up to the next [architecture], lock arm64

      [archive]
      # suite, architecture, Release Date: the archive state these versions come from
      forky arm64 2026-10-30T08:08:01Z

      [runtime]
      libpq5 18.6-3
      postgresql-18 18.6-3 direct

      [extensions]

      [jre]

      [gitbuild]
      make 4.4.1-3+b1 direct
      """;

  private static String sample() throws Exception {
    return Files.readString(Path.of("src/test/resources/image/sample.lock"));
  }

  @Test
  void singleArchitectureFile_isItsOwnPrimary_andRendersUnchanged() throws Exception {
    PackageLock lock = PackageLock.parse(sample(), "sample.lock");
    assertThat(lock.architectureNames()).containsExactly("amd64");
    assertThat(lock.render()).isEqualTo(sample());
  }

  @Test
  void secondArchitecture_parsesAfterThePrimary_andRoundTrips() throws Exception {
    String text = sample() + ARM64;
    PackageLock lock = PackageLock.parse(text, "two.lock");
    assertThat(lock.architectureNames()).containsExactly("amd64", "arm64");
    LockFile arm64 = lock.architecture("arm64").orElseThrow();
    assertThat(arm64.profile()).isEqualTo("debian");
    assertThat(arm64.suite()).isEqualTo("forky");
    assertThat(arm64.archive("forky"))
        .contains(new ArchiveState("forky", "arm64", Instant.parse("2026-10-30T08:08:01Z")));
    assertThat(arm64.aptPins(LockFile.Group.RUNTIME))
        .containsExactly("libpq5=18.6-3", "postgresql-18=18.6-3");
    assertThat(arm64.direct(LockFile.Group.GITBUILD)).containsExactly("make");
    assertThat(lock.primary()).isEqualTo(LockFile.parse(sample(), "sample.lock"));
    assertThat(lock.render()).isEqualTo(text);
  }

  @Test
  void with_replacesOneArchitecture_andKeepsTheOthersText() throws Exception {
    PackageLock lock = PackageLock.parse(sample() + ARM64, "two.lock");
    LockFile newArm64 =
        new LockFile(
            "debian",
            "forky",
            "arm64",
            Map.of(
                LockFile.Group.RUNTIME,
                List.of(new LockFile.Pin("postgresql-18", "18.7-1", true))));
    PackageLock next = lock.with(newArm64);
    assertThat(next.architectureNames()).containsExactly("amd64", "arm64");
    assertThat(next.render()).startsWith(sample());
    assertThat(next.architecture("arm64").orElseThrow().version("postgresql-18"))
        .contains("18.7-1");
  }

  @Test
  void with_addsANewArchitectureAfterThePrimary() throws Exception {
    PackageLock lock = PackageLock.parse(sample(), "sample.lock");
    PackageLock next = lock.with(new LockFile("debian", "forky", "arm64", Map.of()));
    assertThat(next.architectureNames()).containsExactly("amd64", "arm64");
    assertThat(next.render()).startsWith(sample()).contains("\n[architecture arm64]\n");
  }

  @Test
  void architectureLockedTwice_isRefusedWithItsLine() throws Exception {
    String text = sample() + ARM64 + ARM64;
    assertThatThrownBy(() -> PackageLock.parse(text, "x.lock"))
        .isInstanceOfSatisfying(
            AzaPgException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
              assertThat(e.getMessage())
                  .matches("x\\.lock:\\d+: architecture arm64 is locked twice");
            });
  }

  @Test
  void errorInASecondSection_namesTheLineOfTheWholeFile() throws Exception {
    String text = sample() + "\n[architecture arm64]\n[runtime]\nbroken\n";
    int line = (int) text.lines().count();
    assertThatThrownBy(() -> PackageLock.parse(text, "x.lock"))
        .hasMessage("x.lock:" + line + ": expected \"package version [direct]\", found \"broken\"");
  }

  @Test
  void sectionThatClaimsAnotherArchitecture_isRefused() throws Exception {
    String text = sample() + "\n[architecture arm64]\narchitecture s390x\n[runtime]\n";
    assertThatThrownBy(() -> PackageLock.parse(text, "x.lock"))
        .hasMessageContaining("[architecture arm64] must share the header's profile and suite");
  }

  @Test
  void theCommittedLock_locksAmd64AndArm64_withTheSameDirectPackages() throws Exception {
    PackageLock lock =
        PackageLock.parse(Files.readString(Path.of("image/packages.lock")), "image/packages.lock");
    assertThat(lock.architectureNames()).containsExactly("amd64", "arm64");
    LockFile amd64 = lock.primary();
    LockFile arm64 = lock.architecture("arm64").orElseThrow();
    for (LockFile.Group g : LockFile.Group.values()) {
      assertThat(arm64.direct(g)).as(g.name()).isEqualTo(amd64.direct(g));
    }
    assertThat(arm64.archive("forky").orElseThrow().releaseDate())
        .isEqualTo(amd64.archive("forky").orElseThrow().releaseDate());
  }
}
