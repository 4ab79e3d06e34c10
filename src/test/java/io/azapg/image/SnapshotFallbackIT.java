package io.azapg.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.engine.BuildFailedException;
import io.azapg.engine.BuildSpec;
import io.azapg.engine.CliContainerEngine;
import io.azapg.engine.ContainerEngine;
import io.azapg.engine.EngineKind;
import io.azapg.engine.ItEngine;
import io.azapg.engine.RecordingReporter;
import io.azapg.engine.RunSpec;
import io.azapg.generate.LockedInstall;
import io.azapg.it.TestImage;
import io.azapg.process.DefaultProcessRunner;
import io.azapg.process.ProcessResult;
import io.azapg.testing.apt.LoopbackServer;
import io.azapg.testing.apt.SigningKey;
import io.azapg.testing.apt.TestRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The snapshot fallback, for real: two signed apt repositories on loopback, the "mirror" (current,
 * Valid-Until ahead) and the "snapshot" (the archive state the lock recorded, its Release long
 * expired) served under {@code /archive/debian/<timestamp>/} as snapshot.debian.org does. Images
 * are built from the project's base by digest with the install step the image's Dockerfile uses
 * ({@link LockedInstall} and {@code apt-install-locked}); apt verifies both repositories against
 * the test key, and a snapshot signed by another key is not used.
 */
class SnapshotFallbackIT {
  private static final Instant STATE = Instant.parse("2026-10-30T08:08:01Z");
  private static final ArchiveState ARCHIVE = new ArchiveState("forky", "amd64", STATE);

  @TempDir static Path dir;

  private static SigningKey key;
  private static SigningKey stranger;
  private static LoopbackServer mirror;
  private static LoopbackServer snapshot;
  private static LoopbackServer forged;
  private static ContainerEngine engine;
  private static BaseReference base;

  private final List<String> images = new ArrayList<>();
  private final RecordingReporter reporter = new RecordingReporter();

  @BeforeAll
  static void archives() throws Exception {
    engine = ItEngine.require();
    base = BaseReference.resolve(engine, TestImage.baseName());
    key = new SigningKey(dir.resolve("gnupg"));
    // The mirror has moved on: aza-pg-test-b is at 2.0 now; the snapshot keeps the locked 1.0.
    new TestRepository(dir.resolve("mirror"), "forky")
        .add("aza-pg-test-a", "1.0")
        .add("aza-pg-test-b", "2.0")
        .publish(
            Instant.now(), Optional.of(Instant.now().plus(Duration.ofDays(7))), Optional.of(key));
    new TestRepository(dir.resolve("snapshot"), "forky")
        .add("aza-pg-test-a", "1.0")
        .add("aza-pg-test-b", "1.0")
        .publish(STATE, Optional.of(STATE.plus(Duration.ofDays(7))), Optional.of(key));
    // The same state, signed by a key apt does not trust.
    stranger = new SigningKey(dir.resolve("gnupg-stranger"));
    new TestRepository(dir.resolve("forged"), "forky")
        .add("aza-pg-test-a", "1.0")
        .add("aza-pg-test-b", "1.0")
        .publish(STATE, Optional.of(STATE.plus(Duration.ofDays(7))), Optional.of(stranger));
    mirror = new LoopbackServer().serve("/debian", dir.resolve("mirror"));
    snapshot = new LoopbackServer();
    forged = new LoopbackServer();
    for (String timestamp : ARCHIVE.snapshotTimestamps()) {
      snapshot.serve("/archive/debian/" + timestamp, dir.resolve("snapshot"));
      forged.serve("/archive/debian/" + timestamp, dir.resolve("forged"));
    }
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {mirror, snapshot, forged, key, stranger}) {
      if (c != null) {
        try {
          c.close();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }

  @AfterEach
  void removeImages() {
    images.forEach(i -> engine.removeImage(i, true));
  }

  @Test
  void pinnedVersionTheMirrorNoLongerHas_comesFromTheSnapshot() throws Exception {
    int before = snapshot.requests().size();
    String image = build(List.of("aza-pg-test-a=1.0", "aza-pg-test-b=1.0"));

    assertThat(installed(image))
        .contains("aza-pg-test-a=1.0", "aza-pg-test-b=1.0", "no snapshot source left");
    assertThat(snapshot.requests().subList(before, snapshot.requests().size()))
        .contains(
            "/archive/debian/20261030T080801Z/dists/forky/InRelease",
            "/archive/debian/20261030T140801Z/dists/forky/InRelease",
            "/archive/debian/20261030T080801Z/pool/main/aza-pg-test-b_1.0_all.deb")
        .noneMatch(p -> p.contains("aza-pg-test-a_"));
    assertThat(reporter.messages())
        .contains("info:   1 pinned version(s) are not on the mirror: aza-pg-test-b=1.0")
        .contains("info:   all pinned versions found");
  }

  @Test
  void everyPinOnTheMirror_neverAsksTheSnapshot() throws Exception {
    int before = snapshot.requests().size();
    String image = build(List.of("aza-pg-test-a=1.0", "aza-pg-test-b=2.0"));

    assertThat(installed(image)).contains("aza-pg-test-a=1.0", "aza-pg-test-b=2.0");
    assertThat(snapshot.requests()).hasSize(before);
  }

  @Test
  void pinnedVersionGoneEverywhere_failsNamingItAndSayingToLock() {
    assertThatThrownBy(() -> build(List.of("aza-pg-test-a=1.0", "aza-pg-test-b=0.9")))
        .isInstanceOfSatisfying(
            BuildFailedException.class,
            failure -> {
              AzaPgException e =
                  StaleLock.from(
                          failure, "image/packages.lock", Optional.of(ARCHIVE), snapshot.url())
                      .orElseThrow(() -> new AssertionError("not a stale lock: " + failure));
              assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
              assertThat(e.getMessage())
                  .contains("aza-pg-test-b=0.9")
                  .contains("not on the mirror, nor at " + snapshot.url());
              assertThat(e.hints()).anyMatch(h -> h.contains("./aza-pg lock"));
            });
  }

  @Test
  void snapshotSignedByAKeyAptDoesNotTrust_isNotUsed() {
    assertThatThrownBy(() -> build(List.of("aza-pg-test-a=1.0", "aza-pg-test-b=1.0"), forged))
        .isInstanceOfSatisfying(
            BuildFailedException.class,
            failure -> {
              assertThat(StaleLock.missingPins(failure.stepOutput()))
                  .containsExactly("aza-pg-test-b=1.0");
              assertThat(failure.stepOutput())
                  .anyMatch(
                      l ->
                          l.contains("apt-get update")
                              && l.contains(forged.url())
                              && l.matches("(?i).*(signature|not signed|NO_PUBKEY|verif).*"));
            });
    assertThat(forged.requests())
        .contains("/archive/debian/20261030T080801Z/dists/forky/InRelease");
  }

  private String build(List<String> pins) throws Exception {
    return build(pins, snapshot);
  }

  /** Builds an image whose only change to the base is the install step of these pins. */
  private String build(List<String> pins, LoopbackServer snapshotService) throws Exception {
    Path context = Files.createTempDirectory(dir, "context-");
    BuildScripts.writeTo(context.resolve("build"));
    Files.writeString(context.resolve("aza-pg-test.asc"), key.publicKey());
    List<String> lines =
        new ArrayList<>(
            List.of(
                "ARG BASE_IMAGE",
                "FROM ${BASE_IMAGE}",
                "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]",
                // The test's only preface: the mirror replaces the base's sources; the base's
                // snapshot setting goes, so Valid-Until is checked except where the step says not.
                "COPY aza-pg-test.asc /etc/apt/trusted.gpg.d/aza-pg-test.asc",
                "RUN echo 'deb "
                    + mirror.url()
                    + "/debian forky main' > /etc/apt/sources.list"
                    + " && rm -f /etc/apt/sources.list.d/* /etc/apt/apt.conf.d/99aza-pg-snapshot-mirror"));
    lines.addAll(LockedInstall.preamble());
    lines.addAll(
        LockedInstall.run(
            pins,
            ARCHIVE.snapshotTimestamps().stream().map(t -> "forky/" + t).toList(),
            List.of()));
    Files.write(context.resolve("Dockerfile"), lines);
    String image = "localhost/" + ItEngine.uniqueName("fallback") + ":test";
    images.add(image);
    // No cached layers: every build really installs, and a failed one leaves nothing behind.
    new CliContainerEngine(
            engine.kind(),
            new DefaultProcessRunner(),
            reporter,
            engine.kind() == EngineKind.PODMAN ? Map.of("BUILDAH_LAYERS", "false") : Map.of())
        .build(
            BuildSpec.builder(context, image)
                .buildArg("BASE_IMAGE", base.pinned())
                .buildArg(LockedInstall.SNAPSHOT_URL_ARG, snapshotService.url())
                .hostNetwork(true)
                .noCache(true)
                .timeout(Duration.ofMinutes(10))
                .build());
    return image;
  }

  private static String installed(String image) {
    ProcessResult r =
        engine.runAttached(
            RunSpec.builder(image)
                .name(ItEngine.uniqueName("fallback-check"))
                .entrypoint("/bin/bash")
                .command(
                    "-c",
                    "dpkg-query -W -f='${Package}=${Version}\\n' 'aza-pg-test-*';"
                        + " test -e /etc/apt/sources.list.d/aza-pg-snapshot.list"
                        + " || echo 'no snapshot source left'")
                .removeWhenDone(true)
                .build(),
            Duration.ofMinutes(2));
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    return r.stdout();
  }
}
