package io.azapg.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import org.junit.jupiter.api.Test;

class RepositoryNameTest {
  @Test
  void registryHostAndPath_areSplit() {
    RepositoryName r = RepositoryName.parse("ghcr.io/acme/aza-pg");
    assertThat(r.host()).isEqualTo("ghcr.io");
    assertThat(r.path()).isEqualTo("acme/aza-pg");
    assertThat(r.withTag("18")).isEqualTo("ghcr.io/acme/aza-pg:18");
    assertThat(r.isLoopback()).isFalse();
  }

  @Test
  void onlyLoopbackRegistries_areLoopback() {
    assertThat(RepositoryName.parse("127.0.0.1:5000/x").isLoopback()).isTrue();
    assertThat(RepositoryName.parse("localhost:5000/x").isLoopback()).isTrue();
    assertThat(RepositoryName.parse("[::1]:5000/x").isLoopback()).isTrue();
    assertThat(RepositoryName.parse("10.0.0.5:5000/x").isLoopback()).isFalse();
    assertThat(RepositoryName.parse("registry.local:5000/x").isLoopback()).isFalse();
  }

  @Test
  void repositoriesWithoutRegistryHost_areRefusedWithHowTo() {
    for (String name : new String[] {"localhost/aza-pg", "aza-pg", "acme/aza-pg"}) {
      assertThatThrownBy(() -> RepositoryName.parse(name))
          .isInstanceOf(AzaPgException.class)
          .hasMessageContaining("names no registry host")
          .satisfies(
              e -> {
                AzaPgException a = (AzaPgException) e;
                assertThat(a.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
                assertThat(a.hints()).anyMatch(h -> h.contains("ghcr.io/OWNER/aza-pg"));
              });
    }
  }

  @Test
  void upperCasePaths_areRefused() {
    assertThatThrownBy(() -> RepositoryName.parse("ghcr.io/Acme/aza-pg"))
        .hasMessageContaining("invalid repository path");
  }
}
