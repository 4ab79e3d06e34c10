package io.azapg.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlatformsTest {
  private final Platforms platforms = new Platforms(null, null);

  @Test
  void hostPlatform_isAlwaysBuildable() {
    assertThatCode(() -> platforms.check(Platforms.host())).doesNotThrowAnyException();
  }

  @Test
  void localRepository_ofAnotherPlatform_carriesItsArchitecture() {
    String foreign = Platforms.host().equals("linux/arm64") ? "linux/amd64" : "linux/arm64";
    assertThat(Platforms.localRepository("localhost/aza-pg", Platforms.host()))
        .isEqualTo("localhost/aza-pg");
    assertThat(Platforms.localRepository("localhost/aza-pg", foreign))
        .isEqualTo("localhost/aza-pg-" + foreign.substring("linux/".length()));
  }

  @Test
  void severalPlatforms_areRefusedWithHowTo() {
    assertThatThrownBy(() -> platforms.check("linux/amd64,linux/arm64"))
        .hasMessageContaining("one build makes one platform's image");
  }

  @Test
  void unknownPlatform_isRefusedNamingIt() {
    assertThatThrownBy(() -> platforms.check("linux/sparc"))
        .hasMessage("unknown platform \"linux/sparc\"");
  }

  @Test
  void platformWithoutALock_isRefusedNamingItAndTheFix() {
    PackageLock lock = new PackageLock(List.of(new LockFile("debian", "forky", "amd64", Map.of())));
    assertThat(Platforms.requireLock("linux/amd64", lock, "image/packages.lock").architecture())
        .isEqualTo("amd64");
    assertThatThrownBy(() -> Platforms.requireLock("linux/arm64", lock, "image/packages.lock"))
        .isInstanceOfSatisfying(
            AzaPgException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "--platform linux/arm64: image/packages.lock locks no packages for arm64"
                          + " (it locks amd64), so there is nothing locked to build linux/arm64"
                          + " from");
              assertThat(e.hints().get(0))
                  .isEqualTo(
                      "lock that architecture first: './aza-pg lock --arch arm64' and commit"
                          + " image/packages.lock");
            });
  }

  @Test
  void platformWithALockSection_getsThatSection() {
    PackageLock lock =
        new PackageLock(
            List.of(
                new LockFile("debian", "forky", "amd64", Map.of()),
                new LockFile("debian", "forky", "arm64", Map.of())));
    assertThat(Platforms.requireLock("linux/arm64", lock, "x").architecture()).isEqualTo("arm64");
  }
}
