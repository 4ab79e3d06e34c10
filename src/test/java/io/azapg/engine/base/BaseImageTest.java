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
   * A debootstrap that builds a tiny tree like the real one, with a Release file of 30 Oct expiring
   * on 6 Nov; or, when the file "badsig" exists, fails as debootstrap does on a foreign signature.
   */
  private static final String FAKE_DEBOOTSTRAP =
      """
      if [ "$(basename "$0")" = debootstrap ]; then
        if [ -f "$d/badsig" ]; then
          echo "I: Checking Release signature"
          echo "E: Release signed by unknown key (key id 0123456789ABCDEF)" >&2
          exit 1
        fi
        for a in "$@"; do p4="$p3"; p3="$p2"; p2="$p1"; p1="$a"; done
        suite="$p4"; root="$p3"
        mkdir -p "$root/var/lib/apt/lists" "$root/usr/share/doc/bash" "$root/usr/share/man/man1" "$root/etc" "$root/bin" "$root/var/cache/apt/archives"
        printf 'Codename: %s\\nDate: Fri, 30 Oct 2026 08:08:01 UTC\\nValid-Until: Fri, 06 Nov 2026 08:08:01 UTC\\n' "$suite" > "$root/var/lib/apt/lists/mirror.example_debian_dists_${suite}_InRelease"
        echo changes > "$root/usr/share/doc/bash/changelog.gz"
        echo gpl > "$root/usr/share/doc/bash/copyright"
        echo man > "$root/usr/share/man/man1/bash.1.gz"
        echo deb > "$root/var/cache/apt/archives/bash.deb"
        echo 'nameserver 10.0.0.1' > "$root/etc/resolv.conf"
        echo host > "$root/etc/hostname"
        echo bash > "$root/bin/bash"
        exit 0
      fi
      if [ "$(basename "$0")" = chroot ]; then
        echo "$*" > "$d/chroot.args"
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
    fake =
        new FakeEngine(tmp.resolve("fake"), "podman", "debootstrap", "chroot")
            .hook(FAKE_DEBOOTSTRAP);
    reporter = new RecordingReporter();
    scripts = Files.createDirectories(tmp.resolve("scripts"));
    Files.writeString(scripts.resolve("sid"), "# sid\n");
    keyring = Files.writeString(tmp.resolve("archive-keyring.gpg"), "keys");
  }

  private Path keyring;

  private BaseImage baseImage(HostFacts host) {
    return baseImage(host, NOW);
  }

  private BaseImage baseImage(HostFacts host, Clock clock) {
    return new BaseImage(
        fake.engine(EngineKind.PODMAN, reporter),
        fake.runner(),
        BaseImage.DEFAULT_REPOSITORY,
        Path.of("/nonexistent-apt"),
        scripts,
        tmp.resolve("work"),
        clock,
        host);
  }

  private BootstrapSource source(SnapshotMarking marking) {
    return new BootstrapSource(Optional.of("http://mirror.example/debian/"), keyring, marking);
  }

  @Test
  void ensure_anotherArchitecture_bootstrapsForeignRunsTheSecondStageAndImportsForIt()
      throws Exception {
    String arch = BaseImage.hostArchitecture().equals("arm64") ? "amd64" : "arm64";
    fake.respond("image_exists", 1, "", "");

    BaseImageResult result =
        baseImage(ROOT)
            .ensure("forky", arch, source(SnapshotMarking.none().withUser(true)), false, reporter);

    assertThat(result.source()).isEqualTo(BaseImageResult.Source.BOOTSTRAPPED);
    assertThat(result.reference()).isEqualTo("localhost/aza-pg-base:forky-" + arch);
    List<List<String>> commands = fake.commands();
    assertThat(commands.get(0)).containsExactly("podman", "image", "exists", result.reference());
    List<String> debootstrap = commands.get(1);
    assertThat(debootstrap.subList(0, 7))
        .containsExactly(
            "debootstrap",
            "--variant=minbase",
            "--keyring=" + keyring,
            "--force-check-gpg",
            "--arch=" + arch,
            "--foreign",
            "forky");
    assertThat(commands.get(2))
        .containsExactly(
            "chroot", debootstrap.get(7), "/debootstrap/debootstrap", "--second-stage");
    List<String> importCall = commands.get(3);
    assertThat(importCall.subList(0, 4)).containsExactly("podman", "import", "--arch", arch);
    assertThat(importCall).contains("LABEL io.azapg.base.architecture=" + arch);
    assertThat(importCall.get(importCall.size() - 1)).isEqualTo(result.reference());
  }

  @Test
  void ensure_theHostsArchitecture_isTheUsualBase() {
    fake.respond("image_exists", 0, "", "");

    BaseImageResult result =
        baseImage(ROOT)
            .ensure(
                "forky",
                BaseImage.hostArchitecture(),
                source(SnapshotMarking.none()),
                false,
                reporter);

    assertThat(result.reference()).isEqualTo("localhost/aza-pg-base:forky");
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
  void ensure_noRegistry_bootstrapsVerifiedWithTheSidScriptCleansAndImports() throws Exception {
    fake.respond("image_exists", 1, "", "");
    fake.respond("pull", 125, "", "Error: dial tcp: lookup registry-1.docker.io: no such host\n");

    BaseImageResult result =
        baseImage(ROOT).ensure("forky", source(SnapshotMarking.none().withUser(true)), reporter);

    assertThat(result.source()).isEqualTo(BaseImageResult.Source.BOOTSTRAPPED);
    assertThat(result.mirror()).contains("http://mirror.example/debian");
    assertThat(result.validUntilCheckOff()).isTrue();
    List<List<String>> commands = fake.commands();
    List<String> debootstrap = commands.get(2);
    assertThat(debootstrap)
        .containsExactly(
            "debootstrap",
            "--variant=minbase",
            "--keyring=" + keyring,
            "--force-check-gpg",
            "forky",
            debootstrap.get(5),
            "http://mirror.example/debian",
            scripts.resolve("sid").toString());
    List<String> importCall = commands.get(3);
    assertThat(importCall.subList(0, 22))
        .containsExactly(
            "podman", "import",
            "--change", "ENV LANG=C.UTF-8",
            "--change", "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "--change", "CMD [\"bash\"]",
            "--change", "LABEL io.azapg.base.suite=forky",
            "--change", "LABEL io.azapg.base.mirror=http://mirror.example/debian",
            "--change", "LABEL io.azapg.base.bootstrapped=2026-11-24T10:00:00Z",
            "--change", "LABEL io.azapg.base.check-valid-until=false",
            "--change", "LABEL io.azapg.base.snapshot=user",
            "--change", "LABEL io.azapg.base.keyring=" + keyring,
            "--change", "LABEL io.azapg.base.release-date=2026-10-30T08:08:01Z");
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
        .contains("marked as a snapshot by --mirror-is-snapshot");
    assertThat(reporter.messages())
        .contains(
            "info: could not pull docker.io/library/debian:forky-slim;"
                + " bootstrapping from the Debian archive instead (--verbose shows why)")
        .anyMatch(m -> m.contains("skips the Valid-Until check") && m.contains("it is a snapshot"));
    assertThat(tmp.resolve("work")).isEmptyDirectory();
  }

  @Test
  void ensure_expiredMirrorAtTheLockedState_isASnapshotByTheLock() throws Exception {
    fake.respond("image_exists", 1, "", "");
    SnapshotMarking lock =
        SnapshotMarking.none()
            .withLock(Instant.parse("2026-10-30T08:08:01Z"), "image/packages.lock");

    BaseImageResult result = baseImage(ROOT).ensure("forky", source(lock), true, false, reporter);

    assertThat(result.validUntilCheckOff()).isTrue();
    assertThat(fake.lastCall())
        .contains(
            "LABEL io.azapg.base.check-valid-until=false", "LABEL io.azapg.base.snapshot=lock");
    assertThat(Files.readString(fake.dir().resolve("snapshot.conf")))
        .contains(
            "its Release Date 2026-10-30T08:08:01Z is the archive state image/packages.lock"
                + " was resolved against");
  }

  @Test
  void ensure_expiredMirrorNobodyMarked_failsSayingHowToMarkIt() {
    fake.respond("image_exists", 1, "", "");
    SnapshotMarking otherState =
        SnapshotMarking.none()
            .withLock(Instant.parse("2026-10-29T20:10:00Z"), "image/packages.lock");

    assertThatThrownBy(
            () -> baseImage(ROOT).ensure("forky", source(otherState), true, false, reporter))
        .isInstanceOfSatisfying(
            AzaPgException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
              assertThat(e.getMessage())
                  .contains("http://mirror.example/debian serves an expired Release file for forky")
                  .contains("valid until 2026-11-06T08:08:01Z")
                  .contains("resolved against the state of 2026-10-29T20:10:00Z");
              assertThat(e.hints()).anyMatch(h -> h.contains("--mirror-is-snapshot"));
            });
    assertThat(fake.commands()).noneMatch(c -> c.get(1).equals("import"));
    assertThat(tmp.resolve("work")).isEmptyDirectory();
  }

  @Test
  void ensure_freshMirror_leavesTheValidUntilCheckOn() {
    Clock early = Clock.fixed(Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.UTC);
    fake.respond("image_exists", 1, "", "");
    SnapshotMarking lock =
        SnapshotMarking.none()
            .withLock(Instant.parse("2026-10-30T08:08:01Z"), "image/packages.lock");

    BaseImageResult result =
        baseImage(ROOT, early).ensure("forky", source(lock), true, false, reporter);

    assertThat(result.validUntilCheckOff()).isFalse();
    assertThat(fake.commands()).noneMatch(c -> c.get(1).equals("pull"));
    assertThat(fake.lastCall()).contains("LABEL io.azapg.base.check-valid-until=true");
  }

  @Test
  void ensure_foreignSignature_refusesNamingMirrorAndKeyring() throws Exception {
    fake.respond("image_exists", 1, "", "");
    Files.writeString(fake.dir().resolve("badsig"), "");

    assertThatThrownBy(
            () ->
                baseImage(ROOT)
                    .ensure("forky", source(SnapshotMarking.none()), true, false, reporter))
        .isInstanceOfSatisfying(
            AzaPgException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
              assertThat(e.getMessage())
                  .contains("refusing to bootstrap from http://mirror.example/debian")
                  .contains("does not verify against " + keyring)
                  .contains("Release signed by unknown key");
            });
    assertThat(fake.commands()).noneMatch(c -> c.get(1).equals("import"));
  }

  @Test
  void ensure_missingKeyring_failsBeforeDebootstrapRuns() {
    fake.respond("image_exists", 1, "", "");
    BootstrapSource noKeyring =
        new BootstrapSource(
            Optional.of("http://m/debian"), tmp.resolve("absent.gpg"), SnapshotMarking.none());

    assertThatThrownBy(() -> baseImage(ROOT).ensure("forky", noKeyring, true, false, reporter))
        .isInstanceOfSatisfying(
            AzaPgException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.ENGINE);
              assertThat(e.getMessage()).contains("absent.gpg does not exist");
              assertThat(e.hints()).anyMatch(h -> h.contains("debian-archive-keyring"));
            });
    assertThat(fake.commands()).noneMatch(c -> c.get(0).equals("debootstrap"));
  }

  @Test
  void ensure_notRoot_explainsInsteadOfBootstrapping() {
    fake.respond("image_exists", 1, "", "");

    assertThatThrownBy(
            () ->
                baseImage(new HostFacts("debian", "bookworm", "Debian", 1000))
                    .ensure("forky", source(SnapshotMarking.none()), false, false, reporter))
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
