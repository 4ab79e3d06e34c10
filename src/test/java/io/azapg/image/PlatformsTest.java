package io.azapg.image;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PlatformsTest {
  private final Platforms platforms = new Platforms(null, null);

  @Test
  void hostPlatform_isAlwaysBuildable() {
    assertThatCode(() -> platforms.check(Platforms.host())).doesNotThrowAnyException();
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
  void platformWithoutALock_isRefused() {
    LockFile amd64 = new LockFile("debian", "forky", "amd64", java.util.Map.of());
    assertThatCode(() -> Platforms.requireLock("linux/amd64", amd64)).doesNotThrowAnyException();
    assertThatThrownBy(() -> Platforms.requireLock("linux/arm64", amd64))
        .hasMessageContaining("the package lock resolves linux/amd64 only");
  }
}
