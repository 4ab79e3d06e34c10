package io.azapg.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostFactsTest {
  @TempDir Path tmp;

  @Test
  void read_takesOsReleaseAndTheEffectiveUid() throws Exception {
    Path osRelease =
        Files.writeString(
            tmp.resolve("os-release"),
            "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\nVERSION_CODENAME=bookworm\n");
    Path status =
        Files.writeString(
            tmp.resolve("status"), "Name:\tjava\nUid:\t1000\t0\t0\t0\nGid:\t0\t0\t0\t0\n");

    HostFacts facts = HostFacts.read(osRelease, status);

    assertThat(facts)
        .isEqualTo(new HostFacts("debian", "bookworm", "Debian GNU/Linux 12 (bookworm)", 0));
    assertThat(facts.isDebian()).isTrue();
    assertThat(facts.isRoot()).isTrue();
  }

  @Test
  void read_missingFiles_isUnknownAndNotRoot() {
    HostFacts facts = HostFacts.read(tmp.resolve("none"), tmp.resolve("none"));

    assertThat(facts.isDebian()).isFalse();
    assertThat(facts.isRoot()).isFalse();
    assertThat(facts.prettyName()).isEqualTo("an unknown system");
  }
}
