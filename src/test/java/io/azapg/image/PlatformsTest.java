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
}
