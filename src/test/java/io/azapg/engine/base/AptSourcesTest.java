package io.azapg.engine.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class AptSourcesTest {
  private static Path fixture(String name) throws URISyntaxException {
    return Path.of(AptSourcesTest.class.getResource(name).toURI());
  }

  @Test
  void oneLine_skipsCommentsSourceEntriesThirdPartyAndSecurity() throws Exception {
    assertThat(AptSources.debianMirror(fixture("apt-oneline")))
        .isEqualTo("http://ftp.de.debian.org/debian");
  }

  @Test
  void oneLine_parsesOptionsInBracketsAndTrailingComments() throws Exception {
    List<AptSource> sources = AptSources.read(fixture("apt-oneline"));

    assertThat(sources).hasSize(5);
    AptSource mirror = sources.get(3);
    assertThat(mirror.types()).containsExactly("deb");
    assertThat(mirror.uris()).containsExactly("http://ftp.de.debian.org/debian/");
    assertThat(mirror.suites()).containsExactly("bookworm");
    assertThat(mirror.components()).containsExactly("main", "contrib", "non-free-firmware");
  }

  @Test
  void deb822_skipsNodesourceDisabledStanzasAndOtherFileSuffixes() throws Exception {
    List<AptSource> sources = AptSources.read(fixture("apt-deb822"));

    assertThat(sources)
        .extracting(AptSource::origin)
        .noneMatch(o -> o.contains("disabled-by-farm"));
    assertThat(sources).hasSize(4);
    assertThat(sources.get(1).enabled()).isFalse();
    assertThat(AptSources.debianMirror(fixture("apt-deb822")))
        .isEqualTo("http://deb.debian.org/debian");
  }

  @Test
  void deb822_readsMultipleValuesAndContinuationLines() throws Exception {
    List<AptSource> sources = AptSources.read(fixture("apt-mixed"));
    AptSource debian =
        sources.stream()
            .filter(s -> s.origin().endsWith("debian.sources"))
            .findFirst()
            .orElseThrow();

    assertThat(debian.types()).containsExactly("deb", "deb-src");
    assertThat(debian.uris())
        .containsExactly(
            "https://mirror.example.net/debian/", "http://fallback.example.net/debian");
    assertThat(debian.suites()).containsExactly("trixie", "trixie-updates");
    assertThat(debian.components()).containsExactly("contrib", "main");
  }

  @Test
  void mixed_thirdPartyReposWithDebianLookingSuitesAreNotMirrors() throws Exception {
    // 00-sury-php.list (trixie main) is read first, google-chrome.list (stable main) last.
    assertThat(AptSources.debianMirror(fixture("apt-mixed")))
        .isEqualTo("https://mirror.example.net/debian");
  }

  @Test
  void none_isInvalidInputWithTheMirrorOption() throws Exception {
    assertThatThrownBy(() -> AptSources.debianMirror(fixture("apt-none")))
        .isInstanceOfSatisfying(
            AzaPgException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
              assertThat(e.getMessage())
                  .contains("no Debian mirror found")
                  .contains("1 apt sources read");
              assertThat(e.hints()).anyMatch(h -> h.contains("--mirror"));
            });
  }

  @Test
  void isDebianSuite_acceptsCodenamesAliasesAndUpdatesButNotSecurity() {
    assertThat(AptSource.isDebianSuite("forky")).isTrue();
    assertThat(AptSource.isDebianSuite("bookworm-updates")).isTrue();
    assertThat(AptSource.isDebianSuite("bookworm-backports")).isTrue();
    assertThat(AptSource.isDebianSuite("unstable")).isTrue();
    assertThat(AptSource.isDebianSuite("bookworm-security")).isFalse();
    assertThat(AptSource.isDebianSuite("nodistro")).isFalse();
    assertThat(AptSource.isDebianSuite("cloud-sdk-bookworm")).isFalse();
    assertThat(AptSource.isDebianSuite("bookworm-pgdg")).isFalse();
  }
}
