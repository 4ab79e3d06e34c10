package io.azapg.engine.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.engine.EngineKind;
import io.azapg.engine.FakeEngine;
import io.azapg.engine.HostFacts;
import io.azapg.engine.RecordingReporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaseImageTest {
  private static final HostFacts ROOT = new HostFacts("debian", "bookworm", "Debian 12", 0);
  private static final Clock NOW =
      Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);

  /**
   * A debootstrap that builds a tiny tree like the real one, with a Release file expiring on 6 Nov.
   */
  private static final String FAKE_DEBOOTSTRAP =
      """
      if [ "$(basename "$0")" = debootstrap ]; then
        root="$3"
        mkdir -p "$root/var/lib/apt/lists" "$root/usr/share/doc/bash" "$root/usr/share/man/man1" "$root/etc" "$root/bin" "$root/var/cache/apt/archives"
        printf 'Codename: %s\\nValid-Until: Fri, 06 Nov 2026 08:08:01 UTC\\n' "$2" > "$root/var/lib/apt/lists/mirror.example_debian_dists_$2_InRelease"
        echo changes > "$root/usr/share/doc/bash/changelog.gz"
        echo gpl > "$root/usr/share/doc/bash/copyright"
        echo man > "$root/usr/share/man/man1/bash.1.gz"
        echo deb > "$root/var/cache/apt/archives/bash.deb"
        echo 'nameserver 10.0.0.1' > "$root/etc/resolv.conf"
        echo host > "$root/etc/hostname"
        echo bash > "$root/bin/bash"
        exit 0
      fi
      if [ "$1" = import ]; then
        for a in "$@"; do tarball="$prev"; prev="$a"; done
        tar -tf "$tarball" | sort > "$d/import.list"
        tar -xOf "$tarball" ./etc/apt/apt.conf.d/99aza-pg-snapshot-mirror > "$d/snapshot.conf" 2>/dev/null
        echo sha256:feed
        exit 0
      fi
      """;

  @TempDir Path tmp;

  private FakeEngine fake;
  private RecordingReporter reporter;
  private Path scripts;

  @BeforeEach
  void setUp() throws Exception {
    fake = new FakeEngine(tmp.resolve("fake"), "podman", "debootstrap").hook(FAKE_DEBOOTSTRAP);
    reporter = new RecordingReporter();
    scripts = Files.createDirectories(tmp.resolve("scripts"));
    Files.writeString(scripts.resolve("sid"), "# sid\n");
  }

  private BaseImage baseImage(HostFacts host) {
    return new BaseImage(
        fake.engine(EngineKind.PODMAN, reporter),
        fake.runner(),
        Path.of("/nonexistent-apt"),
        scripts,
        tmp.resolve("work"),
        NOW,
        host);
  }

  @Test
  void ensure_present_doesNothingElse() {
    fake.respond("image_exists", 0, "", "");

    BaseImageResult result = baseImage(ROOT).ensure("forky", Optional.empty(), reporter);

    assertThat(result.source()).isEqualTo(BaseImageResult.Source.EXISTING);
    assertThat(result.reference()).isEqualTo("localhost/aza-pg-base:forky");
    assertThat(fake.calls())
        .containsExactly(List.of("image", "exists", "localhost/aza-pg-base:forky"));
  }

  @Test
  void ensure_pullWorks_tagsThePulledImage() {
    fake.respond("image_exists", 1, "", "");

    BaseImageResult result = baseImage(ROOT).ensure("forky", Optional.empty(), reporter);

    assertThat(result.source()).isEqualTo(BaseImageResult.Source.PULLED);
    assertThat(fake.calls())
        .containsExactly(
            List.of("image", "exists", "localhost/aza-pg-base:forky"),
            List.of("pull", "docker.io/library/debian:forky-slim"),
            List.of("tag", "docker.io/library/debian:forky-slim", "localhost/aza-pg-base:forky"));
  }

  @Test
  void ensure_noRegistry_bootstrapsWithTheSidScriptCleansAndImports() throws Exception {
    fake.respond("image_exists", 1, "", "");
    fake.respond("pull", 125, "", "Error: dial tcp: lookup registry-1.docker.io: no such host\n");

    BaseImageResult result =
        baseImage(ROOT).ensure("forky", Optional.of("http://mirror.example/debian/"), reporter);

    assertThat(result.source()).isEqualTo(BaseImageResult.Source.BOOTSTRAPPED);
    assertThat(result.mirror()).contains("http://mirror.example/debian");
    assertThat(result.validUntilCheckOff()).isTrue();
    List<List<String>> commands = fake.commands();
    List<String> debootstrap = commands.get(2);
    assertThat(debootstrap)
        .containsExactly(
            "debootstrap",
            "--variant=minbase",
            "forky",
            debootstrap.get(3),
            "http://mirror.example/debian",
            scripts.resolve("sid").toString());
    List<String> importCall = commands.get(3);
    assertThat(importCall.subList(0, 16))
        .containsExactly(
            "podman", "import",
            "--change", "ENV LANG=C.UTF-8",
            "--change", "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "--change", "CMD [\"bash\"]",
            "--change", "LABEL io.azapg.base.suite=forky",
            "--change", "LABEL io.azapg.base.mirror=http://mirror.example/debian",
            "--change", "LABEL io.azapg.base.bootstrapped=2026-11-24T10:00:00Z",
            "--change", "LABEL io.azapg.base.check-valid-until=false");
    assertThat(importCall.get(importCall.size() - 1)).isEqualTo("localhost/aza-pg-base:forky");
    String listing = Files.readString(fake.dir().resolve("import.list"));
    assertThat(listing)
        .contains(
            "./bin/bash",
            "./usr/share/doc/bash/copyright",
            "./etc/dpkg/dpkg.cfg.d/aza-pg-slim",
            "./etc/apt/apt.conf.d/99aza-pg-no-recommends")
        .doesNotContain(
            "changelog.gz", "bash.1.gz", "bash.deb", "resolv.conf", "hostname", "_InRelease");
    assertThat(Files.readString(fake.dir().resolve("snapshot.conf")))
        .contains("Acquire::Check-Valid-Until \"false\";")
        .contains("expired on 2026-11-06T08:08:01Z");
    assertThat(reporter.messages())
        .contains(
            "info: could not pull docker.io/library/debian:forky-slim;"
                + " bootstrapping from the Debian archive instead (--verbose shows why)")
        .anyMatch(m -> m.contains("serves an expired Release file"));
    assertThat(tmp.resolve("work")).isEmptyDirectory();
  }

  @Test
  void ensure_freshMirror_leavesTheValidUntilCheckOn() {
    Clock early = Clock.fixed(Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.UTC);
    BaseImage image =
        new BaseImage(
            fake.engine(EngineKind.PODMAN, reporter),
            fake.runner(),
            Path.of("/x"),
            scripts,
            tmp.resolve("work"),
            early,
            ROOT);
    fake.respond("image_exists", 1, "", "");

    BaseImageResult result =
        image.ensure("forky", Optional.of("http://m/debian"), true, false, reporter);

    assertThat(result.validUntilCheckOff()).isFalse();
    assertThat(fake.commands()).noneMatch(c -> c.get(1).equals("pull"));
    assertThat(fake.lastCall()).contains("LABEL io.azapg.base.check-valid-until=true");
  }

  @Test
  void ensure_notRoot_explainsInsteadOfBootstrapping() {
    fake.respond("image_exists", 1, "", "");

    assertThatThrownBy(
            () ->
                baseImage(new HostFacts("debian", "bookworm", "Debian", 1000))
                    .ensure("forky", Optional.of("http://m/debian"), false, false, reporter))
        .isInstanceOfSatisfying(
            AzaPgException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.ENGINE);
              assertThat(e.getMessage()).contains("needs root");
            });
  }

  @Test
  void ensure_badSuiteName_isInvalidInput() {
    assertThatThrownBy(() -> baseImage(ROOT).ensure("../etc", Optional.empty(), reporter))
        .isInstanceOfSatisfying(
            AzaPgException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT));
  }
}
